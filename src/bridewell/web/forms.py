"""Form pieces shared by every screen: GOV.UK radios, checkboxes, dates, and times in UK local time.

People enter the time on the custody suite's clock; Bridewell stores UTC. A local time that does
not exist (the hour skipped when clocks go forward) or happens twice (when they go back) is not
guessed: the first is refused, the second must be marked GMT or BST.

``govuk/field.html`` draws each of these by its widget type (``radios``, ``checkboxes``,
``ukdate``, ``ukdatetime``). Each widget names its first input as the target of a label, so a
link in the error summary lands on something that takes focus.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from bridewell.rules.localtime import LONDON

FULL_DATE = "Enter a full date and a time, for example 27 3 2026 and 14:05"
REAL_DATE = "Enter a real date and a time in 24-hour form, like 14:05"


class Radios(forms.RadioSelect):
    """GOV.UK radios; the error summary links to the first radio (Django gives them no id)."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


class Checkboxes(forms.CheckboxSelectMultiple):
    """GOV.UK checkboxes for a list of choices; the error summary links to the first box."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


def _box(width: int) -> forms.TextInput:
    css = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
    return forms.TextInput(attrs={"inputmode": "numeric", "class": css})


class _DateInput(forms.MultiWidget):
    """The GOV.UK date input: a row of boxes, each with its label, drawn by
    ``govuk/date_widget.html``. When the field has an error every box is marked, as the Design
    System does for a date that is wrong as a whole."""

    template_name = "govuk/date_widget.html"
    labels: tuple[str, ...] = ()

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_0" if id_ else id_

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        invalid = "aria-invalid" in context["widget"]["attrs"]
        for part, label in zip(context["widget"]["subwidgets"], self.labels, strict=True):
            part["label"] = label
            css = part["attrs"].get("class", "")
            if invalid and css.startswith("govuk-input "):
                part["attrs"]["class"] = f"{css} govuk-input--error"
        return context


class UkDateWidget(_DateInput):
    """Day, month and year boxes.

    ``names`` are the suffixes of the boxes' names in the submitted data (``born_day``); the
    access log keeps ``0``, ``1`` and ``2`` so that links to searches already made still work.
    """

    labels = ("Day", "Month", "Year")

    def __init__(self, names: tuple[str, str, str] = ("day", "month", "year")) -> None:
        super().__init__(dict(zip(names, (_box(2), _box(2), _box(4)), strict=True)))

    def decompress(self, value: Any) -> list[Any]:
        if not value:
            return [None, None, None]
        return [value.day, value.month, value.year]


class UkDateField(forms.MultiValueField):
    """A calendar day typed as day, month and year; empty is ``None`` unless it is required.

    ``what`` names the date in error messages, as the Design System asks ("Enter the date of
    birth in full"); ``example`` is a date such as people would type; ``years`` are the first
    and the last year accepted.
    """

    widget = UkDateWidget

    def __init__(
        self,
        *,
        what: str,
        example: str = "27 3 2026",
        years: tuple[int, int] = (1900, 2100),
        **kwargs: Any,
    ) -> None:
        self.what, self.example, self.years = what, example, years
        kwargs["error_messages"] = {"required": f"Enter {what}", **kwargs.get("error_messages", {})}
        parts = tuple(forms.CharField(required=False) for _ in range(3))
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> dt.date | None:
        if not any(data_list):
            return None
        if not all(data_list):
            raise ValidationError(f"Enter {self.what} in full, for example {self.example}")
        try:
            day, month, year = (int(v) for v in data_list)
            if not self.years[0] <= year <= self.years[1]:
                raise ValueError(year)
            return dt.date(year, month, day)
        except ValueError:
            raise ValidationError(
                f"{self.what[:1].upper()}{self.what[1:]} must be a real date"
            ) from None


class UkDateTimeWidget(_DateInput):
    """The date boxes, then a 24-hour time and, for the hour that happens twice, GMT or BST."""

    labels = ("Day", "Month", "Year", "Time (24-hour)", "Clock")

    def __init__(self) -> None:
        zones = [("", "UK time"), ("GMT", "GMT"), ("BST", "BST")]
        super().__init__(
            {
                "day": _box(2),
                "month": _box(2),
                "year": _box(4),
                "time": forms.TextInput(
                    attrs={"class": "govuk-input govuk-input--width-5", "placeholder": "HH:MM"}
                ),
                "zone": forms.Select(choices=zones, attrs={"class": "govuk-select"}),
            }
        )

    def decompress(self, value: Any) -> list[Any]:
        if not value:
            return [None, None, None, None, ""]
        local = value.astimezone(LONDON)
        return [local.day, local.month, local.year, f"{local:%H:%M}", ""]


class UkDateTimeField(forms.MultiValueField):
    """A date and time on the UK clock, returned as an aware UTC datetime."""

    widget = UkDateTimeWidget

    def __init__(self, **kwargs: Any) -> None:
        fields = (
            forms.IntegerField(min_value=1, max_value=31),
            forms.IntegerField(min_value=1, max_value=12),
            forms.IntegerField(min_value=2000, max_value=2100),
            forms.CharField(),
            forms.CharField(required=False),
        )
        kwargs["error_messages"] = {"incomplete": FULL_DATE, **kwargs.get("error_messages", {})}
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> dt.datetime | None:
        if not data_list or all(v in (None, "") for v in data_list[:4]):
            return None
        day, month, year, time_text, zone = data_list
        if None in (day, month, year) or not time_text:
            raise ValidationError(FULL_DATE)
        try:
            hour, minute = (int(p) for p in str(time_text).replace(".", ":").split(":"))
            naive = dt.datetime(year, month, day, hour, minute)  # noqa: DTZ001 - a UK wall clock
        except ValueError:
            raise ValidationError(REAL_DATE) from None
        return to_utc(naive, zone)


def to_utc(naive: dt.datetime, zone: str = "") -> dt.datetime:
    """A UK wall-clock time as UTC; refuses times that do not exist or that are ambiguous."""
    first = naive.replace(tzinfo=LONDON, fold=0)
    second = naive.replace(tzinfo=LONDON, fold=1)
    if first.astimezone(dt.UTC).astimezone(LONDON).replace(tzinfo=None) != naive:
        raise ValidationError(
            f"{naive:%H:%M} on {naive.day} {naive:%B} does not exist: "
            "the clocks went forward an hour"
        )
    if first.utcoffset() != second.utcoffset():
        if zone not in ("GMT", "BST"):
            raise ValidationError(
                f"{naive:%H:%M} on {naive.day} {naive:%B} happens twice as the clocks go back: "
                "choose GMT or BST"
            )
        chosen = first if first.tzname() == zone else second
        return chosen.astimezone(dt.UTC)
    if zone and first.tzname() != zone:
        raise ValidationError(f"That time is {first.tzname()}, not {zone}")
    return first.astimezone(dt.UTC)
