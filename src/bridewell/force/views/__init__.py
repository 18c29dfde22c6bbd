"""Use-of-force screens: officers' reports, supervisory review and reconciliation, dashboard."""
