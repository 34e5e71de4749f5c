"""Desktop user interface (PySide6); the only package that imports Qt."""

from algoinventaris.ui.qtfix import protect_singletons

protect_singletons()
