"""Tests of answer migration between form versions: map format, validation, migrate(), real maps, CLI."""
