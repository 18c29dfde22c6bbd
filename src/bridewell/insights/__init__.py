"""Monthly KPIs from custody records: per-record facts, the KPI catalogue, aggregation.

Pure and Django-free, so the same figures come from the database or a v1 JSON Lines file.
"""
