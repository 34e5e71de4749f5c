"""Command-line interface: one entry point with a sub-command for every batch job."""
