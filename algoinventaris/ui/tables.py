"""The settings the app's read-only lists share (owner and CDO windows): whole rows, one at a time, nothing to edit."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QAbstractItemView, QTableView

View = TypeVar("View", bound=QTableView)


def read_only_rows(view: View) -> View:
    """Set a table up as a read-only list and return it: one whole row is selected at a time, nothing is edited in
    place, rows are striped, Tab moves on to the next control, texts do not wrap and there are no row numbers."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    return view
