"""algoinventaris: yearly inventory of algorithms and AI systems for Dutch government organisations."""

__version__ = "0.1.0"
