"""Benchmark: the governance pack's computation against ``bridewell audit``, in one run.

    .venv/bin/python bench/report.py [--records 40000] [--repeat 3]

Issue 6 asks for a year of 40,000 synthetic records, the governance pack timed, and its ratio
to the audit of the same records. The pack's renderer does not exist yet, so this times the
pack's *computation without rendering*. It synthesises one file as ``bench/audit.py`` does (six
suites, defects 0.2; 40,000 records is a year of their arrivals), then times, each in a child
process:

(a) the audit of the file, the real command as ``bench/audit.py`` runs it (``bridewell audit
    --format jsonl``, output discarded): in one process, the like-for-like comparison, and with
    the default workers (one per core);
(b) the pack's computation on the same file, in one process: every record streamed and
    validated as the audit reads it, ``assess``, ``facts`` and ``Accumulator.add``, then
    ``result()`` (every KPI for every month, per suite and force-wide), and the
    disproportionality tables over every detention (``subject``; ``rate_table`` for every
    outcome × dimension; ``publish`` with small-number suppression across all of them).

Prints records per second, the ratio b/a, where (b)'s time goes (the records, ``result()``, the
disproportionality tables) and each child's peak memory (resident set size).
Each timing is the best of ``--repeat`` runs. Timings vary between machines; the ratio is what
to compare. ``--records 2000`` makes a quick smoke check.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import get_args

from audit import AT, audit_in_child, synthesise
from bridewell.insights.disproportionality import (
    OUTCOMES,
    Dimension,
    Subject,
    publish,
    rate_table,
    subject,
)
from bridewell.insights.facts import facts
from bridewell.insights.monthly import Accumulator
from bridewell.insights.suppression import Suppressed
from bridewell.interchange.reader import Source
from bridewell.rules.engine import assess

PACK = "--pack-of"
"""The hidden option that makes this script the child computing the pack for one file."""


def pack(path: Path) -> dict[str, float | int]:
    """The pack's computation for every record of ``path``, timed, with what it produced."""
    at = dt.datetime.fromisoformat(AT)
    started = time.perf_counter()
    accumulator = Accumulator()
    subjects: list[Subject] = []
    invalid = 0
    with Source(path) as source:
        for item in source.items():
            record = item.record
            if record is None:
                invalid += 1
                continue
            record_facts = facts(record, assess(record, at), at)
            accumulator.add(record_facts)
            detention = subject(record_facts)
            if detention is not None:
                subjects.append(detention)
    streamed = time.perf_counter()
    kpis = accumulator.result()
    summed = time.perf_counter()
    tables = [
        rate_table(subjects, outcome, dimension)
        for outcome in OUTCOMES
        for dimension in get_args(Dimension)
    ]
    published = publish(tables)
    elapsed = time.perf_counter() - started
    # VmHWM is this process's peak resident set size, in KiB.
    status = Path("/proc/self/status").read_text().split("VmHWM:")[1]
    return {
        "elapsed": elapsed,
        "records_s": streamed - started,
        "result_s": summed - streamed,
        "tables_s": elapsed - (summed - started),
        "rss": int(status.split()[0]),
        "invalid": invalid,
        "cells": len(kpis),
        "values": sum(len(values) for values in kpis.values()),
        "detentions": len(subjects),
        "tables": len(published),
        "suppressed": sum(isinstance(row.cases, Suppressed) for rows in published for row in rows),
    }


def pack_in_child(path: Path) -> dict[str, float | int]:
    done = subprocess.run(
        [sys.executable, __file__, PACK, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    result: dict[str, float | int] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, default=40_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is shown")
    parser.add_argument(PACK, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pack_of is not None:
        print(json.dumps(pack(args.pack_of)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.jsonl"
        made = synthesise(path, args.records)
        size = path.stat().st_size
        print(f"records: {args.records:,}  file: {size / 1e6:,.1f} MB  synthesised in {made:.1f} s")
        # Best of several runs: other work on the machine only ever makes a run slower.
        one_s, one_rss, _ = min(audit_in_child(path, jobs=1) for _ in range(args.repeat))
        audit_s, rss, worker = min(audit_in_child(path) for _ in range(args.repeat))
        runs = [pack_in_child(path) for _ in range(args.repeat)]
        best = min(runs, key=lambda r: r["elapsed"])
        pack_s, pack_rss = best["elapsed"], best["rss"]
        n, cores = args.records, os.cpu_count()
        print(f"(a) bridewell audit, 1 process: {one_s:6.2f} s  {n / one_s:>8,.0f} records/s")
        print(f"(a) bridewell audit, default:  {audit_s:7.2f} s  {n / audit_s:>8,.0f} records/s")
        print(f"    (default: one worker per core; {cores} cores here)")
        print(f"(b) pack computation, 1 process: {pack_s:5.2f} s  {n / pack_s:>8,.0f} records/s")
        print(
            f"    records (read, assess, facts, add) {best['records_s']:.2f} s, "
            f"result() {best['result_s']:.2f} s, disproportionality {best['tables_s']:.2f} s"
        )
        print("    (the governance pack's computation without rendering: no renderer exists yet)")
        print(
            f"    {best['cells']:,} month × suite cells, {best['values']:,} KPI values; "
            f"{best['detentions']:,} detentions in {best['tables']} disproportionality tables, "
            f"{best['suppressed']} counts suppressed; {best['invalid']} invalid records"
        )
        print(f"ratio b/a, 1 process:          {pack_s / one_s:7.2f}")
        print(f"ratio b/a, default workers:    {pack_s / audit_s:7.2f}")
        print(f"peak RSS, audit 1 process:     {one_rss / 1024:7.1f} MiB")
        per_worker = f"{worker / 1024:.1f} MiB a worker"
        print(f"peak RSS, audit default:       {rss / 1024:7.1f} MiB + {per_worker}")
        print(f"peak RSS, pack computation:    {pack_rss / 1024:7.1f} MiB")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"(benchmark process peak RSS {usage.ru_maxrss / 1024:.0f} MiB)")


if __name__ == "__main__":
    main()
