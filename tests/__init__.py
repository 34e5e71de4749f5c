"""Test suite of algoinventaris: unit, integration and GUI (offscreen) tests."""
