"""A charged juvenile refused bail: transfer to local authority accommodation (PACE-JUV-1)."""

import datetime as dt

from tests.builders import SERGEANT, assessed, booking, ev, found, record

# BASE is 20:00 GMT on 12 Jan 2026: a child born on 1 Jun 2010 is 15 throughout.
FIFTEEN = {"birth_date": "2010-06-01"}


def charged_and_refused_bail(charged="5:00", refused="5:10"):
    return [
        ev("charged", charged, id="chg", by=SERGEANT, offences=["O1"]),
        ev("bail_refused", refused, id="br", by=SERGEANT, grounds="fail to appear"),
    ]


def certificate(when, reason, **fields):
    return ev("s38_6_certificate", when, by=SERGEANT, reason=reason, **fields)


def to_court(when="14:00"):
    return ev("transferred", when, id="out", to="court")


def juv_found(*events, detainee=FIFTEEN, at="200:00"):
    rec = record(booking(), charged_and_refused_bail(), *events, detainee=detainee)
    return found(rec, at, "PACE-JUV-1")


def juv_finding(*events, detainee=FIFTEEN, at="200:00"):
    rec = record(booking(), charged_and_refused_bail(), *events, detainee=detainee)
    (finding,) = [f for f in assessed(rec, at).findings if f.rule == "PACE-JUV-1"]
    return finding


def test_a_child_kept_until_court_without_transfer_or_certificate_is_a_breach_at_the_end():
    assert juv_found(to_court()) == [("PACE-JUV-1", "14:00")]


def test_a_completed_transfer_to_the_local_authority_meets_the_duty():
    assert juv_found(ev("la_transfer_completed", "9:00")) == []


def test_a_request_alone_does_not_meet_the_duty():
    assert juv_found(ev("la_transfer_requested", "5:30", secure=False), to_court()) == [
        ("PACE-JUV-1", "14:00")
    ]


def test_an_impracticable_certificate_is_valid():
    assert juv_found(certificate("6:00", "impracticable"), to_court()) == []


def test_a_certificate_citing_behaviour_is_a_breach_at_the_certificate():
    # Edge case 13: "violent behaviour" never makes a transfer impracticable (Note 16D).
    assert juv_found(certificate("6:00", "behaviour"), to_court()) == [("PACE-JUV-1", "6:00")]


def test_offence_type_and_other_reasons_are_never_valid():
    assert juv_found(certificate("6:00", "offence_type"), to_court()) == [("PACE-JUV-1", "6:00")]
    assert juv_found(certificate("6:00", "other"), to_court()) == [("PACE-JUV-1", "6:00")]


def test_no_secure_accommodation_is_valid_from_the_twelfth_birthday():
    # The certificate at 5:30 is on 13 Jan (01:30 GMT); the age is taken on that day.
    turns_12_that_day = {"birth_date": "2014-01-13"}
    turns_12_next_day = {"birth_date": "2014-01-14"}
    cert = certificate("5:30", "no_secure_accommodation_serious_harm")
    assert juv_found(cert, to_court(), detainee=turns_12_that_day) == []
    assert juv_found(cert, to_court(), detainee=turns_12_next_day) == [("PACE-JUV-1", "5:30")]


def test_an_eleven_year_old_with_a_no_secure_certificate_is_a_breach():
    # Edge case 13; with no birth date the apparent age is used.
    cert = certificate("6:00", "no_secure_accommodation_serious_harm")
    assert juv_found(cert, to_court(), detainee={"apparent_age": 11}) == [("PACE-JUV-1", "6:00")]
    assert juv_found(cert, to_court(), detainee={"apparent_age": 12}) == []


def test_the_age_is_taken_on_the_uk_date_of_the_certificate():
    # 23:30 UTC on 30 Jun is 00:30 BST on 1 Jul, the twelfth birthday; 22:30 UTC is still 30 Jun.
    arrive = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)
    hour = dt.timedelta(hours=1)

    def with_certificate_at(utc_hour, utc_minute):
        cert_at = dt.datetime(2026, 6, 30, utc_hour, utc_minute, tzinfo=dt.UTC)
        events = [
            ev("arrived", arrive, station="HOLD-A"),
            ev("detention_authorised", arrive, by=SERGEANT, grounds="charging_decision"),
            ev("charged", arrive + 2 * hour, by=SERGEANT, offences=["O1"]),
            ev("bail_refused", arrive + 3 * hour, by=SERGEANT, grounds="fail to appear"),
            certificate(cert_at, "no_secure_accommodation_serious_harm"),
            ev("transferred", arrive + 20 * hour, to="court"),
        ]
        rec = record(*events, detainee={"birth_date": "2014-07-01"})
        return [f.at for f in assessed(rec, arrive + 48 * hour).findings if f.rule == "PACE-JUV-1"]

    assert with_certificate_at(23, 30) == []
    assert with_certificate_at(22, 30) == [dt.datetime(2026, 6, 30, 22, 30, tzinfo=dt.UTC)]


def test_a_valid_certificate_clears_earlier_invalid_ones():
    assert (
        juv_found(
            certificate("6:00", "behaviour"), certificate("7:00", "impracticable"), to_court()
        )
        == []
    )


def test_with_several_invalid_certificates_the_finding_is_at_the_first():
    finding = juv_finding(
        certificate("6:00", "behaviour", id="c1"),
        certificate("7:00", "offence_type", id="c2"),
        to_court(),
    )
    assert (finding.at, finding.events) == (
        dt.datetime(2026, 1, 13, 2, 0, tzinfo=dt.UTC),
        ["br", "c1", "c2", "out"],
    )


def test_only_events_within_the_episode_count():
    # A transfer completed after the child had already gone to court does not cure the breach.
    assert juv_found(to_court(), ev("la_transfer_completed", "15:00")) == [("PACE-JUV-1", "14:00")]
    # A bail refusal entered after custody ended belongs to no detention in this episode.
    rec = record(
        booking(),
        ev("charged", "5:00", by=SERGEANT, offences=["O1"]),
        ev("released", "6:00", by=SERGEANT, outcome="charged_bailed"),
        ev("bail_refused", "7:00", by=SERGEANT, grounds="fail to appear"),
        detainee=FIFTEEN,
    )
    assert found(rec, "200:00", "PACE-JUV-1") == []


def test_a_certificate_after_the_child_left_does_not_count():
    assert juv_found(to_court(), certificate("14:30", "impracticable")) == [("PACE-JUV-1", "14:00")]


def test_the_daytime_duty_applies_too():
    # Edge case 13: charged at 11:00 and refused bail, no request made, released to court.
    rec = record(
        booking(),
        charged_and_refused_bail(charged="15:00", refused="15:10"),
        ev("transferred", "20:00", to="court"),
        detainee=FIFTEEN,
    )
    assert found(rec, "200:00", "PACE-JUV-1") == [("PACE-JUV-1", "20:00")]


def test_an_open_record_is_judged_at_t():
    # rules-v1: "ended (or T passed)": with neither transfer nor certificate by T, it fires at T.
    assert juv_found(at="5:30") == [("PACE-JUV-1", "5:30")]
    assert juv_found(certificate("5:20", "impracticable"), at="5:30") == []
    assert juv_found(certificate("5:20", "behaviour"), at="5:30") == [("PACE-JUV-1", "5:20")]


def test_a_juvenile_turning_eighteen_in_custody_stays_a_juvenile():
    # 17 on arrival (12 Jan), 18 from 13 Jan: still a juvenile for the whole episode.
    assert juv_found(to_court(), detainee={"birth_date": "2008-01-13"}) == [("PACE-JUV-1", "14:00")]


def test_adults_and_children_granted_bail_are_not_covered():
    assert juv_found(to_court(), detainee={"birth_date": "1990-01-01"}) == []
    rec = record(
        booking(),
        ev("charged", "5:00", by=SERGEANT, offences=["O1"]),
        ev("released", "6:00", by=SERGEANT, outcome="charged_bailed"),
        detainee=FIFTEEN,
    )
    assert found(rec, "200:00", "PACE-JUV-1") == []


def test_only_pace_records_are_covered():
    events = [ev("arrived", "0:00", station="HOLD-A"), *charged_and_refused_bail(), to_court()]
    rec = record(*events, regime="mha_s136", detainee=FIFTEEN)
    assert found(rec, "200:00", "PACE-JUV-1") == []


def test_messages_say_what_was_missing_or_wrong():
    assert juv_finding(to_court()).message == (
        "Bail refused 01:10 GMT on 13 Jan; the child was not moved to local authority "
        "accommodation before custody ended at 10:00 GMT and no s.38(6) certificate was given"
    )
    assert juv_finding(at="8:00").message == (
        "Bail refused 01:10 GMT on 13 Jan; the child is still in police custody at 04:00 GMT "
        "and no s.38(6) certificate was given"
    )
    assert juv_finding(certificate("6:00", "behaviour"), to_court()).message == (
        "s.38(6) certificate given 02:00 GMT on 13 Jan cites the child's behaviour, which never "
        "makes a transfer impracticable; the child was not moved to local authority "
        "accommodation before custody ended at 10:00 GMT"
    )
    finding = juv_finding(
        certificate("6:00", "no_secure_accommodation_serious_harm"),
        to_court(),
        detainee={"apparent_age": 11},
    )
    assert finding.message == (
        "s.38(6) certificate given 02:00 GMT on 13 Jan cites a lack of secure accommodation, "
        "which can justify keeping only a child of 12 or over (this child was 11); the child was "
        "not moved to local authority accommodation before custody ended at 10:00 GMT"
    )
    assert (finding.severity, finding.due) == ("breach", None)
