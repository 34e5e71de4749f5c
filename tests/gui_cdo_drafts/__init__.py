"""GUI tests of the CDO window's Concepten tab (offscreen, real CDO SQLite database)."""
