"""Gui tests."""
