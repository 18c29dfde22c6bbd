"""The packs as HTML and PDF: the figures are there, small numbers never are, the PDF reads."""

import datetime as dt
import html as htmllib
import io
import re

import pytest
from pypdf import PdfReader

from bridewell.insights import render
from bridewell.insights.cases import Candidates, default_seed, sample
from bridewell.insights.pack import Collector, collect
from bridewell.insights.pseudonyms import Pseudonyms
from bridewell.insights.sources import Item
from bridewell.interchange.reader import RecordError
from bridewell.synth import SynthOptions, generate
from tests.insights.test_pack import AT, clean, over_24_hours

FILE = render.Source("v1 JSON Lines file test.jsonl", database=False)
PSEUDONYM = Pseudonyms(b"force-secret-0123456789")


def text(markup: str) -> str:
    """The words of an HTML document, as a reader sees them."""
    body = re.sub(r"<style>.*?</style>", " ", markup, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", htmllib.unescape(body))


@pytest.fixture(scope="module")
def small():
    return collect(
        [
            Item("t", clean("A"), None),
            Item("t", clean("B", "24:00"), None),
            Item("t", over_24_hours("LONG"), None),
            Item("t", clean("LAST", "-300:00"), None),
        ],
        Collector("2026-01", None, AT),
    )


@pytest.fixture(scope="module")
def synthetic():
    options = SynthOptions(records=250, start=dt.date(2025, 10, 1), seed=11, suites=3)
    records = [r for r, _ in generate(options)]
    at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    found = Candidates("2025-10", None)
    data = collect([Item("t", r, None) for r in records], Collector("2025-10", None, at), found.add)
    drawn = sample(found, 3, default_seed("2025-10", None), PSEUDONYM, at)
    return records, data, drawn


def test_governance_html_has_the_cover_headline_and_figures(small):
    page = render.governance_html(small, FILE)
    words = text(page)
    assert "Custody governance pack" in words
    assert "January 2026, force-wide (every suite)" in words
    assert "Records read 4" in words
    assert "OFFICIAL-SENSITIVE" in words
    assert "these figures are incomplete" not in words
    # K-T1 in January is 3 (A, B, LONG) against 1 in December (LAST).
    assert re.search(r"K-T1 Throughput 3 1 higher", words)
    assert "K-T4-OVER24 Detained over 24 hours 33.3% (1/3)" in words
    # The exceptions list names the record, the rule and its source.
    assert "LONG" in words
    assert "PACE-LIMIT-24: Held beyond 24 hours without charge PACE s.41(1)" in words
    assert "Not available from a file" in words
    assert "The 95% confidence interval is by the log (Katz) method" in words


def test_governance_html_is_standalone_with_charts_and_their_tables(small):
    page = render.governance_html(small, FILE)
    assert "<link" not in page
    assert "<script" not in page
    assert re.search(r'src="(?!data:)', page) is None
    assert page.count('src="data:image/svg+xml;base64,') == len(render.CHARTED)
    assert "Throughput by month" in text(page)


def test_incomplete_packs_say_so_on_the_cover(small):
    bad = Item("f.jsonl", None, RecordError(3, "X-9", "$.events", "not a list"))
    data = collect([Item("t", clean("A"), None), bad], Collector("2026-01", None, AT))
    words = text(render.governance_html(data, FILE))
    assert "1 records could not be read and were left out: these figures are incomplete" in words
    assert "f.jsonl: line 3: record X-9" in words


def test_extra_sections_go_before_the_appendix_and_into_the_contents(small):
    extra = [render.Section("Dip sampling", "<p>Twelve records checked.</p>")]
    page = render.governance_html(small, FILE, extra=extra)
    assert page.index('href="#extra-dip-sampling"') < page.index('href="#definitions"')
    assert page.index('<section id="extra-dip-sampling">') < page.index(
        '<section id="definitions">'
    )
    assert "<p>Twelve records checked.</p>" in page


def test_a_suite_pack_charts_the_suite_against_the_force(small):
    data = collect([Item("t", clean("A"), None)], Collector("2026-01", "HOLD-A", AT))
    words = text(render.governance_html(data, FILE))
    assert "January 2026, suite HOLD-A" in words
    assert "Month Suite HOLD-A Force-wide" in words


def test_force_figures_from_the_database_are_shown(small):
    force = render.ForceFigures(
        rows=(
            render.ForceRow(
                "All suites shown", "4", "50% (2 of 4)", "100% (4 of 4)", "75% (3 of 4)"
            ),
        ),
        reconciled_incidents="4",
        with_report="75% (3 of 4)",
        every_officer="50% (2 of 4)",
        custody_reports_matched="100% (2 of 2)",
        outstanding_officers="2",
        open_restraints="0",
    )
    words = text(render.governance_html(small, render.Source("the database", True), force=force))
    assert "All suites shown 4 50% (2 of 4) 100% (4 of 4) 75% (3 of 4)" in words
    assert "Not available from a file" not in words


COUNT = re.compile(r'<td class="num count">([^<]*)</td>')


def tables(page: str) -> list[tuple[str, list[list[str]]]]:
    """Each rate table: what it is by and its denominator, and its body rows as
    [category, throughput, cases, rate, ...] texts."""
    out = []
    for table in re.findall(r"<table>(.*?)</table>", page, flags=re.S):
        if 'class="num count"' not in table:
            continue
        caption = re.search(r"<caption>([^<]*)</caption>", table)[1]
        denominator = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', table)[1]
        body = re.search(r"<tbody>(.*?)</tbody>", table, flags=re.S)[1]
        rows = [
            [htmllib.unescape(c).strip() for c in re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)
        ]
        out.append((caption.split(" by ")[1] + "/" + denominator, rows))
    return out


def hidden(cell: str) -> bool:
    return cell.startswith("fewer than") or cell == "not shown"


def test_scrutiny_pack_never_shows_a_count_from_1_to_9(synthetic):
    _records, data, drawn = synthetic
    page = render.scrutiny_html(data, FILE, drawn)
    counts = COUNT.findall(page)
    assert counts
    assert "fewer than 10" in counts
    small = [c for c in counts if re.fullmatch(r"[1-9]", c.strip())]
    assert small == []


def test_scrutiny_pack_hides_enough_that_nothing_is_recovered_by_subtraction(synthetic):
    _records, data, drawn = synthetic
    page = render.scrutiny_html(data, FILE, drawn)
    found = tables(page)
    assert len(found) == 20  # 5 outcomes by suite, 15 by ethnic group, age band and sex
    throughputs: dict[tuple[str, str], set[str]] = {}
    for kind, rows in found:
        for column in (1, 2):
            assert sum(hidden(r[column]) for r in rows) != 1, rows
        for r in rows:
            if hidden(r[1]) or hidden(r[2]):
                assert r[3] == "not shown", r
            throughputs.setdefault((kind, r[0]), set()).add(r[1])
    assert any(hidden(r[2]) for _, rows in found for r in rows)
    # A group's throughput reads the same in every table that repeats it.
    assert all(len(shown) == 1 for shown in throughputs.values()), throughputs


def test_scrutiny_pack_has_no_record_ids_and_prints_the_seed(synthetic):
    records, data, drawn = synthetic
    page = render.scrutiny_html(data, FILE, drawn, threshold=5)
    for r in records:
        assert r.record_id not in page
        assert f">{r.detainee.person_id}<" not in page
    words = text(page)
    assert "Case sample seed 2025-10/force" in words
    assert "fewer than 5" in words
    assert "the force must read every case before this pack is published" in words
    # The number of candidates is a range only: it is near a total the tables may hide.
    given = re.findall(r"this kind of event: ([^(]*) \(", words)
    assert len(given) == 3
    assert set(given) <= {"none", "fewer than 5", "5 or more"}
    cases = words[words.index("Case C-") : words.index("Appendix: definitions and methods What")]
    assert "ethnic" not in cases.lower()
    assert "nationality" not in cases.lower()


def pdf_text(document: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(document))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def test_governance_pdf_has_page_numbers_contents_and_the_figures(small):
    pages, words = pdf_text(render.pdf(render.governance_html(small, FILE)))
    assert f"Page 1 of {pages}" in words
    assert f"Page {pages} of {pages}" in words
    for heading in (
        "Contents",
        "Headline figures",
        "Exceptions: records with a breach",
        "Appendix: definitions and methods",
    ):
        assert heading in words
    assert "PACE-LIMIT-24" in words
    assert "33.3% (1/3)" in words
    assert "OFFICIAL-SENSITIVE" in words
