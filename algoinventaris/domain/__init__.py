"""Domain: plain data about algorithms, submissions, outcomes and categories (no Qt, no SQL)."""
