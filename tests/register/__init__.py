"""Tests of the register form, value fields, category, requirements, register export and demo data."""
