"""Tests of the owner storage: repository, migrations, faults (killed processes, damaged files, two processes), CLI."""
