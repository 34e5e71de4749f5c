"""Tests of yearly rounds: signed round bundles, prefill from last year, migration to a new tree, the CDO view of changes."""
