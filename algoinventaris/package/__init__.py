"""Submission packages: canonical JSON, manifest, signing and verification."""
