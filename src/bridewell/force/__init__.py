"""Use of force: officers' reports, incidents, reconciliation with custody records, review."""
