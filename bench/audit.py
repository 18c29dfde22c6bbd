"""Benchmark: ``bridewell audit`` against a plain JSON parse of the same file, in one run.

    .venv/bin/python bench/audit.py [--records 50000] [--memory 200000]

Synthesises the records (with defects, so the rules have work to do), then times
(a) reading the file line by line with the standard library's ``json.loads`` and
(b) the audit itself, in a child process running the real command (``bridewell audit --format
jsonl``, output discarded). Prints records per second for both, the ratio b/a, and the audit's
peak memory (resident set size); with ``--memory N`` it also audits N records to show that
memory stays flat as the input grows. Each timing is the best of ``--repeat`` runs. Timings vary
between machines; the ratio is what to compare.
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

from bridewell.interchange.writer import write_records
from bridewell.synth import SynthOptions, generate

AT = "2099-01-01T00:00:00Z"  # after every synthesised record has ended
START = dt.date(2026, 1, 5)


def synthesise(path: Path, records: int) -> float:
    started = time.perf_counter()
    options = SynthOptions(records=records, start=START, seed=7, suites=6, defects=0.2)
    with path.open("wb") as out:
        write_records((record for record, _ in generate(options)), out)
    return time.perf_counter() - started


def plain_parse(path: Path) -> float:
    started = time.perf_counter()
    with path.open("rb") as f:
        for line in f:
            json.loads(line)
    return time.perf_counter() - started


def audit_in_child(path: Path, jobs: int | None = None) -> tuple[float, int, int]:
    """Wall time, and peak RSS (KiB) of the main process and of its largest worker."""
    script = (
        "import resource, sys, time\n"
        "from bridewell.cli import main\n"
        "t = time.perf_counter()\n"
        "code = main(sys.argv[1:])\n"
        "elapsed = time.perf_counter() - t\n"
        # VmHWM is this address space's peak; ru_maxrss would include the benchmark's own
        # memory, inherited for a moment between fork and exec.
        "status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "rss = int(status.split()[0])\n"
        "worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(f'{elapsed} {rss} {worker}', file=sys.stderr)\n"
    )
    command = [sys.executable, "-c", script, "audit", str(path), "--at", AT, "--format", "jsonl"]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    with open(os.devnull, "wb") as devnull:
        done = subprocess.run(
            command, stdout=devnull, stderr=subprocess.PIPE, text=True, check=False
        )
    elapsed, rss, worker = done.stderr.strip().splitlines()[-1].split()
    return float(elapsed), int(rss), int(worker)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--memory", type=int, default=0, help="also audit this many for memory")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.jsonl"
        made = synthesise(path, args.records)
        size = path.stat().st_size
        print(f"records: {args.records:,}  file: {size / 1e6:,.1f} MB  synthesised in {made:.1f} s")
        # Best of several runs: other work on the machine only ever makes a run slower.
        parse = min(plain_parse(path) for _ in range(args.repeat))
        one_s, one_rss, _ = min(audit_in_child(path, jobs=1) for _ in range(args.repeat))
        audit_s, rss, worker = min(audit_in_child(path) for _ in range(args.repeat))
        n, cores = args.records, os.cpu_count()
        print(f"(a) plain json.loads:          {parse:7.2f} s  {n / parse:>8,.0f} records/s")
        print(f"(b) bridewell audit, 1 process: {one_s:6.2f} s  {n / one_s:>8,.0f} records/s")
        print(f"(b) bridewell audit, default:  {audit_s:7.2f} s  {n / audit_s:>8,.0f} records/s")
        print(f"    (default: one worker per core; {cores} cores here)")
        print(f"ratio b/a, 1 process:          {one_s / parse:7.2f}")
        print(f"ratio b/a, default:            {audit_s / parse:7.2f}")
        print(f"peak RSS, 1 process:           {one_rss / 1024:7.1f} MiB")
        per_worker = f"{worker / 1024:.1f} MiB a worker"
        print(f"peak RSS, default:             {rss / 1024:7.1f} MiB + {per_worker}")
        if args.memory:
            big = Path(tmp) / "big.jsonl"
            synthesise(big, args.memory)
            big_s, big_rss, _ = audit_in_child(big, jobs=1)
            print(
                f"audit of {args.memory:,} records, 1 process: {big_s:.2f} s, peak RSS "
                f"{big_rss / 1024:.1f} MiB ({big_rss / one_rss:.2f}× the RSS for {n:,})"
            )
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"(benchmark process peak RSS {usage.ru_maxrss / 1024:.0f} MiB)")


if __name__ == "__main__":
    main()
