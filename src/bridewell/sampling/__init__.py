"""Dip sampling: weekly random samples of closed records checked against a PACE checklist."""
