"""The UK date and time input: local time in, UTC out, clock changes never guessed."""

import datetime as dt

import pytest
from django import forms

from bridewell.web.forms import UkDateTimeField


class When(forms.Form):
    when = UkDateTimeField(label="When")


def submit(day, month, year, time, zone=""):
    form = When(data={"when_day": day, "when_month": month, "when_year": year,
                      "when_time": time, "when_zone": zone})  # fmt: skip
    return form.cleaned_data["when"] if form.is_valid() else form.errors["when"][0]


def test_summer_time_is_converted_to_utc():
    assert submit("4", "5", "2026", "20:00") == dt.datetime(2026, 5, 4, 19, 0, tzinfo=dt.UTC)
    assert submit("12", "1", "2026", "20:00") == dt.datetime(2026, 1, 12, 20, 0, tzinfo=dt.UTC)


def test_a_time_skipped_when_clocks_go_forward_is_refused():
    assert submit("29", "3", "2026", "01:30") == (
        "01:30 on 29 March does not exist: the clocks went forward an hour"
    )


def test_a_time_that_happens_twice_must_say_gmt_or_bst():
    assert "happens twice" in submit("25", "10", "2026", "01:30")
    assert submit("25", "10", "2026", "01:30", "BST") == dt.datetime(
        2026, 10, 25, 0, 30, tzinfo=dt.UTC
    )
    assert submit("25", "10", "2026", "01:30", "GMT") == dt.datetime(
        2026, 10, 25, 1, 30, tzinfo=dt.UTC
    )


@pytest.mark.parametrize(("values", "message"), [
    (("31", "2", "2026", "10:00"), "Enter a real date"),
    (("1", "2", "2026", "25:00"), "Enter a real date"),
    (("1", "2", "", "10:00"), "Enter a full date"),
])  # fmt: skip
def test_impossible_dates_and_times_are_refused(values, message):
    assert submit(*values).startswith(message)


def test_a_zone_that_does_not_match_the_date_is_refused():
    assert submit("4", "5", "2026", "20:00", "GMT") == "That time is BST, not GMT"
