"""Adverse incidents and near misses, learning actions, and recommendations tracked to closure."""
