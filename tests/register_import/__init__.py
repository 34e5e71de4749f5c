"""Tests of reading published Algoritmeregister entries (issue 11, first slice)."""
