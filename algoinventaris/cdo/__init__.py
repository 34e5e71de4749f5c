"""The CDO workspace: import pipeline with trust store, quarantine, dashboard, exports (no Qt, no SQL here)."""
