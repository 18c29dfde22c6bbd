"""One module per rule family; each exposes ``check(ctx)`` and writes to ``ctx.report``."""
