"""Tests of the pure insights core: facts, KPIs, monthly aggregation, generated docs."""
