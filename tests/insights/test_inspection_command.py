"""``bridewell report inspection``: the files it writes, agreement with the monthly KPIs and
between the file and database sources, suite filter, invalid records and usage errors."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from pathlib import Path

import msgspec
import pytest

from bridewell.custody import records as custody_records
from bridewell.insights import inspection_command
from bridewell.insights.facts import facts
from bridewell.insights.inspection import TOPICS, number
from bridewell.insights.monthly import Accumulator, KpiValue
from bridewell.interchange.writer import open_output, write_records
from bridewell.rules import model as m
from bridewell.rules.engine import assess
from bridewell.synth import SynthOptions, generate
from tests.insights.test_kpis import records as hand_built

AT = "2026-12-01T00:00:00Z"
AT_DT = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bridewell report")
    inspection_command.add_parser(p.add_subparsers(dest="report", required=True))
    return p


def run(capsys, *args: object) -> tuple[int, str]:
    parsed = parser().parse_args(["inspection", *map(str, args)])
    code = parsed.run(parsed)
    return code, capsys.readouterr().err


def write(path: Path, recs: list[m.Record]) -> Path:
    out = open_output(path)
    write_records(iter(recs), out)
    out.close()
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def october() -> list[m.Record]:
    """Synthetic records from 29 September and from 24 October 2026 (clocks went back on the
    25th) into November, so the month has records on both sides of it."""
    early = SynthOptions(records=150, start=dt.date(2026, 9, 29), seed=11, defects=0.3, suites=2)
    late = SynthOptions(records=400, start=dt.date(2026, 10, 24), seed=12, defects=0.3, suites=2)
    return [r for r, _ in generate(early)] + [
        msgspec.structs.replace(r, record_id=f"L{r.record_id}") for r, _ in generate(late)
    ]


def test_writes_every_topic_the_manifest_and_the_summary(tmp_path, capsys):
    source = write(tmp_path / "r.jsonl", hand_built())
    code, err = run(capsys, "--from", "2026-01-12", "--to", "2026-01-12", "--records", source,
                    "--out", tmp_path / "pack", "--at", AT)  # fmt: skip
    assert code == 0
    assert "5 records read, 0 invalid and left out, 5 in the period" in err
    pack = tmp_path / "pack"
    names = {p.name for p in pack.iterdir()}
    assert names == {t.file for t in TOPICS} | {"manifest.csv", "summary.html", "summary.md"}
    manifest = read_csv(pack / "manifest.csv")
    assert [r["file"] for r in manifest] == [t.file for t in TOPICS]
    for row in manifest:
        with (pack / row["file"]).open(encoding="utf-8") as f:
            header, *rows = list(csv.reader(f))
        topic = next(t for t in TOPICS if t.file == row["file"])
        assert header == [c.name for c in topic.columns]
        assert int(row["rows_count"]) == len(rows)
        assert row["kpis"] == " ".join(topic.kpis)
        assert "docs/inspection-pack.md" in row["definitions"]
    throughput = read_csv(pack / "throughput.csv")
    assert [(r["suite"], r["detentions_count"]) for r in throughput] == [
        ("force-wide", "4"),
        ("HOLD-A", "2"),
        ("HOLD-B", "2"),
    ]


def test_summary_says_period_source_records_marking_and_files(tmp_path, capsys):
    source = write(tmp_path / "r.jsonl", hand_built())
    run(capsys, "--from", "2026-01-01", "--to", "2026-01-31", "--records", source,
        "--out", tmp_path / "pack", "--at", AT)  # fmt: skip
    text = (tmp_path / "pack" / "summary.md").read_text()
    assert "# Inspection data pack: 1 January 2026 to 31 January 2026" in text
    assert "OFFICIAL-SENSITIVE" in text
    assert "not suppressed" in text
    assert f"v1 files: {source}" in text
    assert "**Records read:** 5" in text
    assert "**Records left out:** none" in text
    assert "**Detentions:** 4" in text
    assert "**Children detained:** 25.0% (1 of 4)" in text
    assert "**Health care professional wait:** median 1:05, 90th percentile 1:40" in text
    assert "`health_care.csv`: Health care professional waits (3 rows)" in text
    page = (tmp_path / "pack" / "summary.html").read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "<style>" in page
    assert "<script" not in page
    assert "http" not in page.replace('lang="en-GB"', "")
    assert '<a href="reviews.csv">' in page
    assert "1 January 2026 to 31 January 2026" in page


def test_suite_filter_keeps_to_the_suites_asked_for(tmp_path, capsys):
    source = write(tmp_path / "r.jsonl", hand_built())
    code, err = run(capsys, "--from", "2026-01-12", "--to", "2026-01-12", "--records", source,
                    "--suite", "HOLD-B", "--out", tmp_path / "pack", "--at", AT)  # fmt: skip
    assert code == 0
    assert "2 records read" in err
    rows = read_csv(tmp_path / "pack" / "throughput.csv")
    assert [(r["suite"], r["detentions_count"], r["children_count"]) for r in rows] == [
        ("force-wide", "2", "1"),
        ("HOLD-B", "2", "1"),
    ]
    assert "only HOLD-B" in (tmp_path / "pack" / "summary.md").read_text()


# CSV column -> (KPI, what of its value): the pack must show exactly the monthly figure.
SAME_AS_KPIS: dict[tuple[str, str], tuple[str, str]] = {
    ("throughput.csv", "detentions_count"): ("K-T1", "numerator"),
    ("throughput.csv", "children_percent"): ("K-CH1", "value"),
    ("throughput.csv", "vulnerable_adults_count"): ("K-T1-VULNERABLE", "numerator"),
    ("throughput.csv", "detention_refused_percent"): ("K-T2", "value"),
    ("detention_lengths.csv", "closed_detentions_count"): ("K-T4", "n"),
    ("detention_lengths.csv", "median_minutes"): ("K-T4", "median"),
    ("detention_lengths.csv", "p90_minutes"): ("K-T4", "p90"),
    ("detention_lengths.csv", "over_24h_percent"): ("K-T4-OVER24", "value"),
    ("detention_lengths.csv", "children_p90_minutes"): ("K-T4-CHILD", "p90"),
    ("detention_lengths.csv", "warrants_of_further_detention_count"): ("K-T4-WFD", "numerator"),
    ("reviews.csv", "detentions_review_due_count"): ("K-P1", "denominator"),
    ("reviews.csv", "detentions_all_reviews_on_time_percent"): ("K-P1", "value"),
    ("reviews.csv", "review_deadlines_missed_count"): ("K-P1-MISSED", "numerator"),
    ("reviews.csv", "telephone_percent"): ("K-P2-TELEPHONE", "value"),
    ("children.csv", "held_overnight_count"): ("K-CH2", "numerator"),
    ("children.csv", "la_transfer_requested_count"): ("K-CH3-REQUESTED", "numerator"),
    ("s136.csv", "s136_detentions_count"): ("K-MH1", "numerator"),
    ("clothing_removal.csv", "removals_per_100_detentions"): ("K-CR1", "value"),
    ("clothing_removal.csv", "by_force_percent"): ("K-CR3", "value"),
    ("use_of_force.csv", "incidents_per_1000_detentions"): ("K-UF1", "value"),
    ("health_care.csv", "requests_answered_count"): ("K-H1", "n"),
    ("health_care.csv", "wait_median_minutes"): ("K-H1", "median"),
    ("health_care.csv", "wait_p90_minutes"): ("K-H1", "p90"),
    ("health_care.csv", "requests_not_answered_count"): ("K-H1-UNSEEN", "numerator"),
}


def _shown(v: KpiValue, what: str) -> str:
    value = getattr(v, what)
    return str(value) if isinstance(value, int) else number(value)


def test_a_whole_month_equals_the_monthly_kpis(tmp_path, capsys, october):
    source = write(tmp_path / "r.jsonl", october)
    code, _ = run(capsys, "--from", "2026-10-01", "--to", "2026-10-31", "--records", source,
                  "--out", tmp_path / "pack", "--at", AT)  # fmt: skip
    assert code == 0
    acc = Accumulator()
    for rec in october:
        acc.add(facts(rec, assess(rec, AT_DT), AT_DT))
    cells = {suite: v for (month, suite), v in acc.result().items() if month == "2026-10"}
    months = {month for month, _ in acc.result()}
    assert {"2026-09", "2026-10", "2026-11"} <= months  # records outside the month exist
    pack = tmp_path / "pack"
    checked = 0
    for (file, column), (kpi, what) in SAME_AS_KPIS.items():
        for row in read_csv(pack / file):
            suite = None if row["suite"] == "force-wide" else row["suite"]
            assert row[column] == _shown(cells[suite][kpi], what), (file, column, suite)
            checked += 1
    assert checked == len(SAME_AS_KPIS) * 3
    findings = read_csv(pack / "findings_by_rule.csv")
    for row in findings:
        suite = None if row["suite"] == "force-wide" else row["suite"]
        part = cells[suite]["K-FR"].parts[row["rule_id"]]
        assert (int(row["findings_count"]), int(row["records_count"])) == (
            part.count,
            len(part.records),
        )
    assert {r["rule_id"] for r in findings if r["suite"] == "force-wide"} == set(
        cells[None]["K-FR"].parts
    )
    strip = read_csv(pack / "strip_searches.csv")
    whole = [r for r in strip if r["characteristic"] == "all" and r["suite"] == "force-wide"]
    assert whole[0]["strip_searches_count"] == str(cells[None]["K-SS1"].numerator)
    for characteristic in ("ethnic group", "age band", "sex"):
        split = [r for r in strip if r["characteristic"] == characteristic
                 and r["suite"] == "force-wide"]  # fmt: skip
        assert sum(int(r["strip_searches_count"]) for r in split) == cells[None]["K-SS1"].numerator


@pytest.mark.django_db
def test_the_database_gives_the_same_pack_as_the_file(tmp_path, capsys, october):
    recs = october[:120] + hand_built()
    for rec in recs:
        custody_records.import_record(rec, now=AT_DT)
    source = write(tmp_path / "r.jsonl", recs)
    period = ("--from", "2026-01-01", "--to", "2026-10-15", "--at", AT)
    code_f, _ = run(capsys, *period, "--records", source, "--out", tmp_path / "files")
    code_d, err = run(capsys, *period, "--out", tmp_path / "db")
    assert (code_f, code_d) == (0, 0)
    assert f"{len(recs)} records read" in err
    for topic in TOPICS:
        from_db = (tmp_path / "db" / topic.file).read_text()
        assert from_db == (tmp_path / "files" / topic.file).read_text(), topic.file
    summaries = [(tmp_path / d / "summary.md").read_text().splitlines() for d in ("db", "files")]
    differ = [(a, b) for a, b in zip(*summaries, strict=True) if a != b]
    assert differ == [("- **Source:** the Bridewell database", f"- **Source:** v1 files: {source}")]
    suites = [r["suite"] for r in read_csv(tmp_path / "db" / "throughput.csv")]
    assert suites == ["force-wide", "HOLD-A", "HOLD-B", "NORTHGATE", "RIVERSIDE"]


@pytest.mark.django_db
def test_the_database_source_keeps_to_the_suite_asked_for(tmp_path, capsys):
    for rec in hand_built():
        custody_records.import_record(rec, now=AT_DT)
    code, err = run(capsys, "--from", "2026-01-12", "--to", "2026-01-12", "--suite", "HOLD-A",
                    "--out", tmp_path / "db", "--at", AT)  # fmt: skip
    assert code == 0
    rows = read_csv(tmp_path / "db" / "throughput.csv")
    assert [(r["suite"], r["detentions_count"]) for r in rows] == [
        ("force-wide", "2"),
        ("HOLD-A", "2"),
    ]
    assert "3 records read" in err


def test_invalid_records_are_reported_left_out_and_the_pack_says_so(tmp_path, capsys):
    source = write(tmp_path / "r.jsonl", hand_built())
    with source.open("a", encoding="utf-8") as f:
        f.write('{"format": "bridewell/custody-record@1", "record_id": "BAD-1"}\n')
    code, err = run(capsys, "--from", "2026-01-12", "--to", "2026-01-12", "--records", source,
                    "--out", tmp_path / "pack", "--at", AT)  # fmt: skip
    assert code == 3
    assert "line 6: record BAD-1:" in err
    assert "6 records read, 1 invalid and left out" in err
    summary = (tmp_path / "pack" / "summary.md").read_text()
    assert "INCOMPLETE: 1 record invalid, left out." in summary
    assert "**Records left out:** 1 record invalid (listed on stderr" in summary
    assert read_csv(tmp_path / "pack" / "throughput.csv")[0]["detentions_count"] == "4"


def test_to_before_from_is_refused(tmp_path, capsys):
    code, err = run(capsys, "--from", "2026-02-01", "--to", "2026-01-31", "--out", tmp_path / "p")
    assert code == 2
    assert "--to 2026-01-31 is before --from 2026-02-01" in err
    assert not (tmp_path / "p").exists()


def test_a_folder_that_is_not_empty_needs_force(tmp_path, capsys):
    source = write(tmp_path / "r.jsonl", hand_built())
    out = tmp_path / "pack"
    out.mkdir()
    (out / "old.txt").write_text("keep")
    args = ("--from", "2026-01-12", "--to", "2026-01-12", "--records", source, "--out", out,
            "--at", AT)  # fmt: skip
    code, err = run(capsys, *args)
    assert code == 2
    assert "is not empty; use --force" in err
    assert [p.name for p in out.iterdir()] == ["old.txt"]
    code, _ = run(capsys, *args, "--force")
    assert code == 0
    assert (out / "summary.html").exists()


def test_an_unwritable_output_is_refused(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, err = run(capsys, "--from", "2026-01-12", "--to", "2026-01-12", "--out", blocker)
    assert (code, "is not a folder" in err) == (2, True)
    code, err = run(capsys, "--from", "2026-01-12", "--to", "2026-01-12", "--out",
                    blocker / "pack")  # fmt: skip
    assert code == 2
    assert "cannot create" in err


def test_a_missing_records_file_is_refused(tmp_path, capsys):
    code, err = run(capsys, "--from", "2026-01-12", "--to", "2026-01-12", "--records",
                    tmp_path / "none.jsonl", "--out", tmp_path / "p")  # fmt: skip
    assert code == 2
    assert "no such file" in err


@pytest.mark.parametrize(
    "args",
    [
        ("--from", "2026-13-01", "--to", "2026-12-31", "--out", "p"),
        ("--from", "2026-01-01", "--out", "p"),
        ("--from", "2026-01-01", "--to", "2026-01-02"),
        ("--from", "2026-01-01", "--to", "2026-01-02", "--out", "p", "--at", "2026-01-03T00:00"),
    ],
)
def test_malformed_options_are_usage_errors(args, capsys):
    with pytest.raises(SystemExit) as exc:
        parser().parse_args(["inspection", *args])
    assert exc.value.code == 2


def test_add_parser_registers_run():
    parsed = parser().parse_args(
        ["inspection", "--from", "2026-01-01", "--to", "2026-01-31", "--out", "p"]
    )
    assert parsed.run is inspection_command.run
    assert parsed.first == dt.date(2026, 1, 1)
    assert parsed.last == dt.date(2026, 1, 31)
