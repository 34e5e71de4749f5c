"""Tests of last year's spreadsheet import (column mapping, per-row preview) and the export that round-trips through it."""
