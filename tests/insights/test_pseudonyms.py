"""Pseudonyms are stable under one key, differ between keys, and need a key."""

import pytest

from bridewell.insights.pseudonyms import ENV, KeyMissing, Pseudonyms, load_key

KEY = b"force-secret-0123456789"


def test_the_same_record_gets_the_same_pseudonym_under_the_same_key():
    assert Pseudonyms(KEY)("HOLD-A-2026-000123") == Pseudonyms(KEY)("HOLD-A-2026-000123")


def test_pseudonyms_differ_between_records_and_between_keys():
    p = Pseudonyms(KEY)
    assert p("HOLD-A-2026-000123") != p("HOLD-A-2026-000124")
    assert Pseudonyms(b"another-force-secret-99")("HOLD-A-2026-000123") != p("HOLD-A-2026-000123")


def test_a_pseudonym_does_not_contain_the_record_id():
    made = Pseudonyms(KEY)("HOLD-A-2026-000123")
    assert made.startswith("C-")
    assert len(made) == 12
    assert "2026" not in made
    assert "HOLD" not in made


def test_the_key_comes_from_the_environment_or_a_file(tmp_path):
    assert load_key(None, {ENV: " force-secret-0123456789\n"}) == KEY
    path = tmp_path / "key"
    path.write_text("force-secret-0123456789\n")
    assert load_key(path, {}) == KEY


def test_no_key_is_refused_with_the_reason():
    with pytest.raises(KeyMissing, match="unkeyed hash") as caught:
        load_key(None, {})
    assert ENV in str(caught.value)


def test_a_short_key_or_an_unreadable_file_is_refused(tmp_path):
    with pytest.raises(KeyMissing, match="shorter than 16"):
        load_key(None, {ENV: "short"})
    with pytest.raises(KeyMissing, match="cannot read the key file"):
        load_key(tmp_path / "missing", {})
    with pytest.raises(KeyMissing):
        Pseudonyms(b"short")
