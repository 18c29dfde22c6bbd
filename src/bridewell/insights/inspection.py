"""The figures of an inspection data pack: one table per topic, per suite and force-wide.

An inspection team asks for a period of UK calendar days, not a month, so the pack feeds each
record's facts to :class:`~bridewell.insights.monthly.Accumulator` with a period function that
keeps the records whose detention authorisation (the KPI convention) falls in those days. Every
figure is a KPI of :mod:`bridewell.insights.kpis` or a KPI split by a characteristic, so the pack
equals the monthly KPIs over the same records and days. Each table says which KPIs it shows;
``docs/inspection-pack.md`` is generated from :data:`TOPICS` by :func:`markdown`.

Pure: no Django, no files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Final, NamedTuple

from bridewell.insights.facts import RecordFacts
from bridewell.insights.kpis import BY_ID, CONVENTIONS, Kpi
from bridewell.insights.monthly import Accumulator, KpiValue
from bridewell.rules.catalogue import rule as rule_meta
from bridewell.rules.localtime import day_words, local_date

FORCE_WIDE: Final = "force-wide"
"""The ``suite`` of the row that totals every suite in the pack."""
CHARACTERISTICS: Final[tuple[tuple[str, Callable[[RecordFacts], str]], ...]] = (
    ("ethnic group", lambda f: f.ethnic_group),
    ("age band", lambda f: f.age_band),
    ("sex", lambda f: f.sex),
)
"""How strip searches are split (self-defined ethnic group, age band, sex), as K-T1 is."""
_SPLIT: Final = (BY_ID["K-SS1"], BY_ID["K-SS2"])
_IN: Final = "period"
RESTRAINTS: Final = (
    ("handcuffs", "K-UF6-HANDCUFFS"),
    ("leg_restraints", "K-UF6-LEG"),
    ("spit_guard", "K-UF6-SPIT"),
)


class Period(NamedTuple):
    """UK calendar days ``first`` to ``last``, both included."""

    first: dt.date
    last: dt.date

    def contains(self, t: dt.datetime) -> bool:
        return self.first <= local_date(t) <= self.last

    def counts(self, f: RecordFacts) -> bool:
        """The record counts in the period: its KPI instant (detention authorised, s.136
        arrival, else refusal or arrival) falls on one of its days in UK time."""
        return f.counted_at is not None and self.contains(f.counted_at)

    def words(self) -> str:
        if self.first == self.last:
            return day_words(self.first)
        return f"{day_words(self.first)} to {day_words(self.last)}"


class Figures:
    """The pack's KPI values by suite (None: force-wide), and K-SS1/K-SS2 by characteristic."""

    def __init__(
        self,
        cells: dict[str | None, dict[str, KpiValue]],
        split: dict[str, dict[tuple[str, str | None], dict[str, KpiValue]]],
        suites: tuple[str, ...],
    ) -> None:
        self.cells = cells
        self.split = split
        self.suites = suites

    @property
    def areas(self) -> tuple[str | None, ...]:
        """Force-wide first, then each suite."""
        return (None, *self.suites)

    def value(self, area: str | None, kpi_id: str) -> KpiValue:
        found = self.cells.get(area, {}).get(kpi_id)
        return found if found is not None else _empty(BY_ID[kpi_id])

    def split_value(self, characteristic: str, category: str, area: str | None) -> KpiValue:
        found = self.split[characteristic].get((category, area), {}).get("K-SS1")
        return found if found is not None else _empty(BY_ID["K-SS1"])

    def split_complete(self, characteristic: str, category: str, area: str | None) -> KpiValue:
        found = self.split[characteristic].get((category, area), {}).get("K-SS2")
        return found if found is not None else _empty(BY_ID["K-SS2"])

    def categories(self, characteristic: str) -> list[str]:
        return sorted({category for category, _ in self.split[characteristic]})


def _empty(kpi: Kpi) -> KpiValue:
    return KpiValue(
        kpi=kpi.id,
        numerator=0,
        denominator=0,
        value=0.0 if kpi.kind in ("count", "breakdown") else None,
        n=0,
        median=None,
        p90=None,
        records=(),
        exceptions=(),
        parts={},
    )


class Builder:
    """Streams record facts into the pack's figures; records outside the period are counted,
    not kept."""

    def __init__(self, period: Period, suites: Iterable[str] = ()) -> None:
        self.period = period
        self.asked = tuple(sorted(set(suites)))
        self.outside = 0
        self._main = Accumulator(period=self._key(lambda f: _IN))
        self._split = {
            name: Accumulator(_SPLIT, period=self._key(key)) for name, key in CHARACTERISTICS
        }

    def _key(self, name: Callable[[RecordFacts], str]) -> Callable[[RecordFacts], str | None]:
        return lambda f: name(f) if self.period.counts(f) else None

    def add(self, facts: RecordFacts) -> None:
        if not self.period.counts(facts):
            self.outside += 1
            return
        self._main.add(facts)
        for acc in self._split.values():
            acc.add(facts)

    def result(self) -> Figures:
        cells = {suite: values for (_, suite), values in self._main.result().items()}
        seen = {s for s in cells if s is not None}
        suites = tuple(sorted(seen | set(self.asked)))
        split = {name: acc.result() for name, acc in self._split.items()}
        return Figures(cells, split, suites)


# Numbers as written in the CSV files.


def number(value: float | None) -> str:
    """Blank when there is nothing to compute from; whole numbers bare; else one decimal."""
    if value is None:
        return ""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:.1f}"


def _count(v: KpiValue) -> str:
    return str(v.numerator)


def _den(v: KpiValue) -> str:
    return str(v.denominator)


def _val(v: KpiValue) -> str:
    return number(v.value)


def _area(area: str | None) -> str:
    return FORCE_WIDE if area is None else area


class Column(NamedTuple):
    name: str
    definition: str


class Topic(NamedTuple):
    """One CSV file: its name, what it shows, its columns and the KPIs behind them."""

    file: str
    title: str
    kpis: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: Callable[[Figures], list[list[str]]]


SUITE = Column("suite", f"suite code, or {FORCE_WIDE} for every suite in the pack")


def _per_area(
    *cells: Callable[[Figures, str | None], list[str]],
) -> Callable[[Figures], list[list[str]]]:
    def rows(fig: Figures) -> list[list[str]]:
        return [
            [_area(area), *(c for cell in cells for c in cell(fig, area))] for area in fig.areas
        ]

    return rows


def _counts(*ids: str) -> Callable[[Figures, str | None], list[str]]:
    return lambda fig, area: [_count(fig.value(area, i)) for i in ids]


def _rate(kpi_id: str) -> Callable[[Figures, str | None], list[str]]:
    """Numerator and value (%, per 100 or per 1,000)."""
    return lambda fig, area: [_count(v := fig.value(area, kpi_id)), _val(v)]


def _duration(kpi_id: str) -> Callable[[Figures, str | None], list[str]]:
    return lambda fig, area: [
        str((v := fig.value(area, kpi_id)).n),
        number(v.median),
        number(v.p90),
    ]


def _throughput(fig: Figures, area: str | None) -> list[str]:
    t1 = fig.value(area, "K-T1")
    ch1 = fig.value(area, "K-CH1")
    t2 = fig.value(area, "K-T2")
    return [
        _count(t1),
        _count(ch1),
        _val(ch1),
        *_counts("K-T1-VULNERABLE", "K-T1-S136", "K-T1-VA")(fig, area),
        _count(t2),
        _val(t2),
    ]


def _demographics(fig: Figures) -> list[list[str]]:
    out = []
    for area in fig.areas:
        total = fig.value(area, "K-T1").numerator
        for characteristic, kpi_id in (
            ("age band", "K-T1-AGE"),
            ("sex", "K-T1-SEX"),
            ("ethnic group", "K-T1-ETH"),
        ):
            for category, part in fig.value(area, kpi_id).parts.items():
                share = 100 * part.count / total if total else None
                out.append([_area(area), characteristic, category, str(part.count), number(share)])
    return out


def _reviews(fig: Figures, area: str | None) -> list[str]:
    p1 = fig.value(area, "K-P1")
    modes = [fig.value(area, k) for k in ("K-P2-IN-PERSON", "K-P2-VIDEO", "K-P2-TELEPHONE")]
    return [
        _den(p1),
        _count(p1),
        _val(p1),
        _count(fig.value(area, "K-P1-MISSED")),
        str(modes[0].denominator),
        *(c for v in modes for c in (_count(v), _val(v))),
    ]


def _children(fig: Figures, area: str | None) -> list[str]:
    ch1, ch2 = fig.value(area, "K-CH1"), fig.value(area, "K-CH2")
    cert = fig.value(area, "K-CH3-CERTIFICATE")
    return [
        _count(ch1),
        _val(ch1),
        _count(ch2),
        _val(ch2),
        *_counts("K-CH3", "K-CH3-REQUESTED", "K-CH3-TRANSFERRED")(fig, area),
        _den(cert),
        _count(cert),
    ]


def _s136(fig: Figures, area: str | None) -> list[str]:
    s136 = fig.value(area, "K-MH1").numerator
    detentions = fig.value(area, "K-T1").numerator
    return [
        str(s136),
        _count(fig.value(area, "K-MH1-CHILD")),
        number(100 * s136 / detentions if detentions else None),
    ]


def _strip_row(
    area: str | None, characteristic: str, category: str, ss1: KpiValue, ss2: KpiValue
) -> list[str]:
    return [
        _area(area),
        characteristic,
        category,
        _den(ss1),
        _count(ss1),
        _val(ss1),
        _count(ss2),
        _val(ss2),
    ]


def _strip(fig: Figures) -> list[list[str]]:
    out = []
    for area in fig.areas:
        ss1, ss2 = fig.value(area, "K-SS1"), fig.value(area, "K-SS2")
        out.append(_strip_row(area, "all", "all", ss1, ss2))
        for characteristic, _ in CHARACTERISTICS:
            for category in fig.categories(characteristic):
                out.append(
                    _strip_row(
                        area,
                        characteristic,
                        category,
                        fig.split_value(characteristic, category, area),
                        fig.split_complete(characteristic, category, area),
                    )
                )
    return out


def _clothing(fig: Figures, area: str | None) -> list[str]:
    cr1 = fig.value(area, "K-CR1")
    return [
        _den(cr1),
        _count(cr1),
        _val(cr1),
        *_rate("K-CR1-BEYOND-OUTER")(fig, area),
        *_rate("K-CR2")(fig, area),
        *_rate("K-CR3")(fig, area),
        _count(fig.value(area, "K-CR4")),
        *_duration("K-CR4-DURATION")(fig, area),
    ]


def _force(fig: Figures, area: str | None) -> list[str]:
    uf1 = fig.value(area, "K-UF1")
    return [_den(uf1), _count(uf1), _val(uf1), _count(fig.value(area, "K-UF1-TACTIC"))]


def _tactics(fig: Figures) -> list[list[str]]:
    return [
        [_area(area), tactic, str(part.count)]
        for area in fig.areas
        for tactic, part in fig.value(area, "K-UF1-TACTIC").parts.items()
    ]


def _restraints(fig: Figures) -> list[list[str]]:
    return [
        [_area(area), kind, *_duration(kpi_id)(fig, area)]
        for area in fig.areas
        for kind, kpi_id in RESTRAINTS
    ]


def _findings(fig: Figures) -> list[list[str]]:
    out = []
    for area in fig.areas:
        for rule_id, part in fig.value(area, "K-FR").parts.items():
            meta = rule_meta(rule_id)
            out.append(
                [
                    _area(area),
                    rule_id,
                    meta.title,
                    meta.source,
                    meta.severity,
                    str(len(part.records)),
                    str(part.count),
                ]
            )
    return out


def _c(name: str, definition: str) -> Column:
    return Column(name, definition)


TOPICS: Final[tuple[Topic, ...]] = (
    Topic(
        "throughput.csv",
        "Throughput",
        ("K-T1", "K-CH1", "K-T1-VULNERABLE", "K-T1-S136", "K-T1-VA", "K-T2"),
        (
            SUITE,
            _c("detentions_count", "K-T1: records with detention authorised (s.136: arrived)"),
            _c("children_count", "K-CH1 numerator: child detentions"),
            _c("children_percent", "K-CH1: child detentions, % of detentions"),
            _c("vulnerable_adults_count", "K-T1-VULNERABLE"),
            _c("s136_count", "K-T1-S136: s.136 detentions at a police station"),
            _c("voluntary_attendance_count", "K-T1-VA: arrests after voluntary attendance"),
            _c("detention_refused_count", "K-T2 numerator"),
            _c("detention_refused_percent", "K-T2: % of PACE/TACT decisions"),
        ),
        _per_area(_throughput),
    ),
    Topic(
        "demographics.csv",
        "Detentions by age band, sex and self-defined ethnic group",
        ("K-T1-AGE", "K-T1-SEX", "K-T1-ETH"),
        (
            SUITE,
            _c("characteristic", "age band, sex or ethnic group"),
            _c("category", "the band, sex or group (K-T1-AGE, K-T1-SEX, K-T1-ETH)"),
            _c("detentions_count", "detentions in the category"),
            _c("share_of_detentions_percent", "% of the suite's detentions (K-T1)"),
        ),
        _demographics,
    ),
    Topic(
        "detention_lengths.csv",
        "Time in custody",
        ("K-T4", "K-T4-OVER24", "K-T4-OVER36", "K-T4-ADULT", "K-T4-CHILD", "K-T4-WFD"),
        (
            SUITE,
            _c("closed_detentions_count", "K-T4 n: closed detentions"),
            _c("median_minutes", "K-T4 median"),
            _c("p90_minutes", "K-T4 90th percentile (nearest rank)"),
            _c("over_24h_count", "K-T4-OVER24 numerator"),
            _c("over_24h_percent", "K-T4-OVER24: % of closed detentions"),
            _c("over_36h_count", "K-T4-OVER36 numerator"),
            _c("over_36h_percent", "K-T4-OVER36: % of closed detentions"),
            _c("adults_count", "K-T4-ADULT n"),
            _c("adults_median_minutes", "K-T4-ADULT median"),
            _c("adults_p90_minutes", "K-T4-ADULT 90th percentile"),
            _c("children_count", "K-T4-CHILD n"),
            _c("children_median_minutes", "K-T4-CHILD median"),
            _c("children_p90_minutes", "K-T4-CHILD 90th percentile"),
            _c("warrants_of_further_detention_count", "K-T4-WFD: warrants issued"),
        ),
        _per_area(
            _duration("K-T4"),
            _rate("K-T4-OVER24"),
            _rate("K-T4-OVER36"),
            _duration("K-T4-ADULT"),
            _duration("K-T4-CHILD"),
            _counts("K-T4-WFD"),
        ),
    ),
    Topic(
        "reviews.csv",
        "Reviews of detention",
        ("K-P1", "K-P1-MISSED", "K-P2-IN-PERSON", "K-P2-VIDEO", "K-P2-TELEPHONE"),
        (
            SUITE,
            _c("detentions_review_due_count", "K-P1 denominator: PACE detentions past DA + 6 h"),
            _c("detentions_all_reviews_on_time_count", "K-P1 numerator: no deadline missed"),
            _c("detentions_all_reviews_on_time_percent", "K-P1"),
            _c("review_deadlines_missed_count", "K-P1-MISSED: s.40 deadlines passed unreviewed"),
            _c("reviews_held_count", "valid pre-charge reviews held (K-P2 denominator)"),
            _c("in_person_count", "K-P2-IN-PERSON numerator"),
            _c("in_person_percent", "K-P2-IN-PERSON"),
            _c("video_count", "K-P2-VIDEO numerator"),
            _c("video_percent", "K-P2-VIDEO"),
            _c("telephone_count", "K-P2-TELEPHONE numerator"),
            _c("telephone_percent", "K-P2-TELEPHONE"),
        ),
        _per_area(_reviews),
    ),
    Topic(
        "children.csv",
        "Children",
        ("K-CH1", "K-CH2", "K-CH3", "K-CH3-REQUESTED", "K-CH3-TRANSFERRED", "K-CH3-CERTIFICATE"),
        (
            SUITE,
            _c("children_detained_count", "K-CH1 numerator"),
            _c("children_detained_percent", "K-CH1: % of detentions"),
            _c("held_overnight_count", "K-CH2 numerator: detention overlapping 00:00-06:00"),
            _c("held_overnight_percent", "K-CH2: % of child detentions"),
            _c("charged_refused_bail_count", "K-CH3"),
            _c("la_transfer_requested_count", "K-CH3-REQUESTED numerator"),
            _c("la_transfer_completed_count", "K-CH3-TRANSFERRED numerator"),
            _c("closed_not_transferred_count", "K-CH3-CERTIFICATE denominator"),
            _c("s38_6_certificates_count", "K-CH3-CERTIFICATE numerator"),
        ),
        _per_area(_children),
    ),
    Topic(
        "s136.csv",
        "Mental Health Act s.136 at a police station",
        ("K-MH1", "K-MH1-CHILD", "K-T1"),
        (
            SUITE,
            _c("s136_detentions_count", "K-MH1"),
            _c("s136_children_count", "K-MH1-CHILD (should be none)"),
            _c("s136_percent", "K-MH1 as % of detentions (K-T1)"),
        ),
        _per_area(_s136),
    ),
    Topic(
        "strip_searches.csv",
        "Strip searches, all and by ethnic group, age band and sex",
        ("K-SS1", "K-SS2"),
        (
            SUITE,
            _c("characteristic", "all, ethnic group, age band or sex"),
            _c("category", "the group, band or sex (all for the whole suite)"),
            _c("detentions_count", "K-SS1 denominator: detentions in the category"),
            _c("strip_searches_count", "K-SS1 numerator"),
            _c("strip_searches_per_100_detentions", "K-SS1"),
            _c("recording_complete_count", "K-SS2 numerator"),
            _c("recording_complete_percent", "K-SS2: % of the strip searches"),
        ),
        _strip,
    ),
    Topic(
        "clothing_removal.csv",
        "Removal of clothing",
        ("K-CR1", "K-CR1-BEYOND-OUTER", "K-CR2", "K-CR3", "K-CR4", "K-CR4-DURATION"),
        (
            SUITE,
            _c("detentions_count", "K-CR1 denominator"),
            _c("removals_count", "K-CR1 numerator"),
            _c("removals_per_100_detentions", "K-CR1"),
            _c("beyond_outer_count", "K-CR1-BEYOND-OUTER numerator"),
            _c("beyond_outer_per_100_detentions", "K-CR1-BEYOND-OUTER"),
            _c("replacement_offered_count", "K-CR2 numerator"),
            _c("replacement_offered_percent", "K-CR2: % of removals"),
            _c("by_force_count", "K-CR3 numerator"),
            _c("by_force_percent", "K-CR3: % of removals"),
            _c("records_without_clothing_over_30_min_count", "K-CR4"),
            _c("returned_count", "K-CR4-DURATION n"),
            _c("removal_to_return_median_minutes", "K-CR4-DURATION median"),
            _c("removal_to_return_p90_minutes", "K-CR4-DURATION 90th percentile"),
        ),
        _per_area(_clothing),
    ),
    Topic(
        "use_of_force.csv",
        "Use of force in custody",
        ("K-UF1", "K-UF1-TACTIC"),
        (
            SUITE,
            _c("detentions_count", "K-UF1 denominator"),
            _c("force_incidents_count", "K-UF1 numerator: force_used events"),
            _c("incidents_per_1000_detentions", "K-UF1"),
            _c("tactic_uses_count", "K-UF1-TACTIC total (see use_of_force_tactics.csv)"),
        ),
        _per_area(_force),
    ),
    Topic(
        "use_of_force_tactics.csv",
        "Use of force by tactic",
        ("K-UF1-TACTIC",),
        (
            SUITE,
            _c("tactic", "Home Office tactic code"),
            _c("uses_count", "force_used events using the tactic"),
        ),
        _tactics,
    ),
    Topic(
        "restraint_durations.csv",
        "Restraint durations",
        ("K-UF6-HANDCUFFS", "K-UF6-LEG", "K-UF6-SPIT"),
        (
            SUITE,
            _c("restraint", "handcuffs, leg_restraints or spit_guard"),
            _c("removed_count", "n: restraints applied and removed"),
            _c("median_minutes", "median applied to removed"),
            _c("p90_minutes", "90th percentile (nearest rank)"),
        ),
        _restraints,
    ),
    Topic(
        "health_care.csv",
        "Health care professional waits",
        ("K-H1", "K-H1-UNSEEN"),
        (
            SUITE,
            _c("requests_answered_count", "K-H1 n"),
            _c("wait_median_minutes", "K-H1 median"),
            _c("wait_p90_minutes", "K-H1 90th percentile (nearest rank)"),
            _c("requests_not_answered_count", "K-H1-UNSEEN"),
        ),
        _per_area(_duration("K-H1"), _counts("K-H1-UNSEEN")),
    ),
    Topic(
        "findings_by_rule.csv",
        "Findings by rule",
        ("K-FR",),
        (
            SUITE,
            _c("rule_id", "rule set v1 id (docs/rules.md)"),
            _c("title", "the rule's title"),
            _c("source", "the law, code or guidance it comes from"),
            _c("severity", "breach, warning or data"),
            _c("records_count", "records with at least one finding of the rule"),
            _c("findings_count", "findings of the rule"),
        ),
        _findings,
    ),
)


class Table(NamedTuple):
    topic: Topic
    header: tuple[str, ...]
    rows: list[list[str]]


def tables(fig: Figures) -> list[Table]:
    return [Table(t, tuple(c.name for c in t.columns), t.rows(fig)) for t in TOPICS]


class Headline(NamedTuple):
    label: str
    figure: str


def _pct(v: KpiValue) -> str:
    if v.value is None:
        return "none to count"
    return f"{v.value:.1f}% ({v.numerator:,} of {v.denominator:,})"


def _minutes(v: KpiValue) -> str:
    if v.median is None or v.p90 is None:
        return "none to count"
    return f"median {_hm(v.median)}, 90th percentile {_hm(v.p90)} (h:mm; n = {v.n:,})"


def _hm(minutes: float) -> str:
    whole = round(minutes)
    return f"{whole // 60}:{whole % 60:02d}"


def headlines(fig: Figures) -> list[Headline]:
    """The force-wide figures the summary page leads with."""
    v = fig.value
    ss1, uf1 = v(None, "K-SS1"), v(None, "K-UF1")
    return [
        Headline("Detentions", f"{v(None, 'K-T1').numerator:,}"),
        Headline("Children detained", _pct(v(None, "K-CH1"))),
        Headline("Children held overnight", _pct(v(None, "K-CH2"))),
        Headline("s.136 detentions at a police station", f"{v(None, 'K-MH1').numerator:,}"),
        Headline("Time in custody", _minutes(v(None, "K-T4"))),
        Headline("Detained over 24 hours", _pct(v(None, "K-T4-OVER24"))),
        Headline("Detentions with every review on time", _pct(v(None, "K-P1"))),
        Headline("Reviews by telephone", _pct(v(None, "K-P2-TELEPHONE"))),
        Headline(
            "Strip searches",
            f"{ss1.numerator:,} ({number(ss1.value) or '0'} per 100 detentions)",
        ),
        Headline(
            "Force used in custody",
            f"{uf1.numerator:,} ({number(uf1.value) or '0'} per 1,000 detentions)",
        ),
        Headline("Health care professional wait", _minutes(v(None, "K-H1"))),
        Headline("Findings", f"{v(None, 'K-FR').numerator:,}"),
    ]


def markdown() -> str:
    """``docs/inspection-pack.md``: every file of the pack with its columns."""
    lines = [
        "# Inspection data pack",
        "",
        "Generated from `bridewell.insights.inspection.TOPICS`; do not edit by hand.",
        "",
        "`bridewell report inspection --from DATE --to DATE --out DIR [--records FILE ...] "
        "[--suite CODE ...] [--at ISO] [--force]` writes these CSV files, `manifest.csv` (each "
        "file, its rows, its KPIs) and a one-page summary (`summary.html`, `summary.md`). "
        "Without `--records` it reads the database; with it, v1 JSON Lines files, and the two "
        "give the same pack for the same records. `--suite` keeps to those suites (the "
        "`force-wide` row is then their total). Records are read as they stood at `--at` "
        "(default: now). Invalid records are listed on stderr and left out; the pack is still "
        "written, says how many, and the exit status is 3. Exit status 2 for a usage error: "
        "`--to` before `--from`, a missing file, an output folder that cannot be written, or "
        "one that is not empty without `--force`. A record is in "
        "the pack when its detention authorisation (the KPI convention) falls on one of the "
        "UK calendar days from `--from` to `--to`, both included. Every figure is a KPI of "
        "[kpis.md](kpis.md), or a KPI split by a characteristic, so over a whole month the "
        "pack equals the monthly KPIs. Each file has a row per suite and a `force-wide` row "
        "(every suite in the pack). Percentages, rates and minutes have one decimal place; "
        "a blank means there was nothing to compute from. Figures are not suppressed: the "
        "pack is for the inspectorate (OFFICIAL-SENSITIVE).",
        "",
        CONVENTIONS,
    ]
    for t in TOPICS:
        lines += [
            "",
            f"## {t.file}: {t.title}",
            "",
            f"KPIs: {', '.join(t.kpis)}.",
            "",
            "| Column | Meaning |",
            "|---|---|",
        ]
        lines += [f"| `{c.name}` | {c.definition} |" for c in t.columns]
    return "\n".join(lines) + "\n"
