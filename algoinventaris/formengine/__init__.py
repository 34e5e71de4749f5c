"""Form engine: form schema, safe expression language, validator and decision runner (no Qt, no SQL)."""
