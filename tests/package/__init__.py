"""Tests of signed submission packages, verification, keys, the auditor PDF and the export command."""
