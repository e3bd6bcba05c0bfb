"""The `[retention]` table of the settings: one row per law and dossier part, each with its
period, the event it counts from and its source; defaults for every law; a row in the
file replaces its default whole; every bad row is one line naming the key, never the
value found there."""

from __future__ import annotations

import tomllib

import pytest

from zeef.domain.errors import SettingsError
from zeef.domain.policy import Law
from zeef.domain.settings import (
    DEFAULT_RETENTION,
    Deadlines,
    Retention,
    Settings,
    load_settings,
    parse_settings,
)

SECRET = "Geheimstraat 12"  # a value that must never appear in an error


def parse(text: str) -> Settings:
    return parse_settings(tomllib.loads(text))


def test_every_law_has_an_archive_and_a_working_row_with_a_source():
    rules = Settings().retention.rules
    assert {(r.law, r.part) for r in rules} == {
        (law.value, part) for law in Law for part in ("archive", "working")
    }
    for rule in rules:
        assert rule.source.strip(), (rule.law, rule.part)
        assert rule.after in ("decision", "provision_end")
        if rule.part == "archive":
            assert "Archiefwet 1995 art. 3, art. 5" in rule.source
            assert "Selectielijst gemeenten en intergemeentelijke organen 2020" in rule.source
            assert rule.months >= 12 and rule.after == "provision_end"
        else:  # the working dossier: at the decision, after the objection period
            assert (rule.months, rule.after) == (0, "decision")
            assert "Awb art. 6:7" in rule.source
    by = {(r.law, r.part): r for r in rules}
    assert by[("jeugdwet", "archive")].period == {"years": 20}
    assert by[("participatiewet", "archive")].period == {"years": 10}
    assert Settings().deadlines == Deadlines()
    assert Deadlines().objection_period_weeks == 6


def test_a_row_replaces_its_default_and_the_others_stay():
    settings = parse(
        """
[retention.wmo.archive]
years = 7
after = "decision"
source = "Archiefwet 1995 art. 5; Selectielijst 2020 result 1.1"

[retention.participatiewet.working]
months = 3
after = "decision"
source = "AVG art. 5 lid 1 sub e"
"""
    )
    wmo = settings.retention.rule("wmo", "archive")
    assert (wmo.months, wmo.after, wmo.unit, wmo.period) == (84, "decision", "years", {"years": 7})
    assert wmo.source == "Archiefwet 1995 art. 5; Selectielijst 2020 result 1.1"
    working = settings.retention.rule(Law.PARTICIPATIEWET, "working")
    assert (working.months, working.period) == (3, {"months": 3})
    changed = {("wmo", "archive"), ("participatiewet", "working")}
    untouched = [r for r in settings.retention.rules if (r.law, r.part) not in changed]
    assert len(untouched) == 6 and all(r in DEFAULT_RETENTION for r in untouched)
    assert len(settings.retention.rules) == len(DEFAULT_RETENTION)


def test_no_retention_table_is_the_defaults():
    assert parse("").retention == Retention()


def test_the_deadlines_keep_their_new_fields():
    settings = parse("[deadlines]\nobjection_period_weeks = 8\noutbox_days = 3\n")
    assert settings.deadlines.objection_period_weeks == 8
    assert settings.deadlines.outbox_days == 3 and settings.deadlines.returns_days == 14


ROW = 'after = "decision"\nsource = "Archiefwet 1995 art. 5"\n'


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('retention = "ten years"\n', "retention: must be a table"),
        (f"[retention.bijstand.archive]\nyears = 1\n{ROW}", "retention.bijstand: unknown law"),
        (f'[retention]\nwmo = "{SECRET}"\n', "retention.wmo: must be a table"),
        (f"[retention.wmo.closet]\nyears = 1\n{ROW}", "retention.wmo.closet: unknown part"),
        (f'[retention.wmo]\narchive = "{SECRET}"\n', "retention.wmo.archive: must be a table"),
        (f"[retention.wmo.archive]\n{ROW}", "retention.wmo.archive: give exactly one"),
        (f"[retention.wmo.archive]\nyears = 1\nmonths = 2\n{ROW}", "exactly one of years"),
        (f'[retention.wmo.archive]\nyears = "{SECRET}"\n{ROW}', "retention.wmo.archive.years"),
        (f"[retention.wmo.archive]\nyears = -1\n{ROW}", "retention.wmo.archive.years"),
        (f"[retention.wmo.archive]\nyears = 1.5\n{ROW}", "retention.wmo.archive.years"),
        (f"[retention.wmo.archive]\nyears = true\n{ROW}", "retention.wmo.archive.years"),
        (f"[retention.wmo.archive]\nyears = 121\n{ROW}", "from 0 to 120"),
        (f"[retention.wmo.archive]\nmonths = 0\n{ROW}", "an archive is kept at least"),
        (
            f'[retention.wmo.archive]\nyears = 1\nafter = "{SECRET}"\nsource = "x"\n',
            "retention.wmo.archive.after: must be one of decision, provision_end",
        ),
        ('[retention.wmo.archive]\nyears = 1\nafter = "decision"\n', "source: missing"),
        (
            '[retention.wmo.archive]\nyears = 1\nafter = "decision"\nsource = "  "\n',
            "retention.wmo.archive.source: missing",
        ),
        (
            '[retention.wmo.archive]\nyears = 1\nafter = "decision"\nsource = "[category]"\n',
            "retention.wmo.archive.source: holds a placeholder",
        ),
        (f'[retention.wmo.archive]\nyears = 1\nnote = "{SECRET}"\n{ROW}', "archive.note: unknown"),
        (f'[retention.wmo.archive]\nyears = 1\n"{SECRET}" = 1\n{ROW}', "archive.(a key): unknown"),
    ],
)
def test_a_bad_row_names_the_key_never_the_value(text, named):
    with pytest.raises(SettingsError) as caught:
        parse(text)
    message = str(caught.value)
    assert named in message
    assert SECRET not in message and "Geheim" not in message


def test_a_working_row_of_zero_months_is_allowed():
    settings = parse('[retention.jeugdwet.working]\nmonths = 0\nafter = "decision"\nsource = "x"\n')
    assert settings.retention.rule("jeugdwet", "working").months == 0


def test_a_settings_file_with_a_retention_table_loads(tmp_path):
    path = tmp_path / "zeef.toml"
    path.write_text(
        '[retention.schuldhulpverlening.archive]\nyears = 5\nafter = "provision_end"\n'
        'source = "Archiefwet 1995 art. 5; Selectielijst 2020"\n',
        encoding="utf-8",
    )
    rule = load_settings(path).retention.rule("schuldhulpverlening", "archive")
    assert (rule.months, rule.after) == (60, "provision_end")
