"""CDO workspace logic: import pipeline, trust store, dashboards and exports."""
