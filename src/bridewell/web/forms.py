"""Form pieces shared by every screen: the GOV.UK date and time input, in UK local time.

People enter the time on the custody suite's clock; Bridewell stores UTC. A local time that does
not exist (the hour skipped when clocks go forward) or happens twice (when they go back) is not
guessed: the first is refused, the second must be marked GMT or BST.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from bridewell.rules.localtime import LONDON

FULL_DATE = "Enter a full date and a time, for example 27 3 2026 and 14:05"
REAL_DATE = "Enter a real date and a time in 24-hour form, like 14:05"


class UkDateTimeWidget(forms.MultiWidget):
    template_name = "govuk/datetime_widget.html"
    input_type = "ukdatetime"

    def __init__(self) -> None:
        def box(width: int) -> forms.TextInput:
            css = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
            return forms.TextInput(attrs={"inputmode": "numeric", "class": css})

        zones = [("", "UK time"), ("GMT", "GMT"), ("BST", "BST")]
        super().__init__(
            {
                "day": box(2),
                "month": box(2),
                "year": box(4),
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
        kwargs.setdefault("error_messages", {"incomplete": FULL_DATE})
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
