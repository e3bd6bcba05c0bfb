"""Reading another case of the same subject for this one (`zeef.pipeline.reuse`): allowed
only where the law allows it (FAQ Q4, Q6, Q20, Q21), logged in both cases' audit trails
either way; a refused read writes nothing but its audit events. On a local folder and on
a real S3 server."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from zeef.domain.case import parse_case
from zeef.domain.errors import AuditError, InvalidInput, UnknownCase
from zeef.pipeline import consents, reuse
from zeef.pipeline.audit import AuditTrail
from zeef.pipeline.dossier import dossier_lines
from zeef.pipeline.registry import case_key, case_to_json, load_registered, register_case
from zeef.pipeline.reuse import ReuseRefused, read_other_dossier

BSN = "111222333"
SUBJECT = {"name": "Fatima el Amrani", "bsn": BSN}
# One subject, four laws; each case names the others it may ask about.
PW, WMO, JW, WGS = "2026-pw-0001", "2026-wmo-0002", "2026-jw-0003", "2026-wgs-0004"
OLD_WMO = "2024-wmo-0009"
LAWS = {
    PW: "participatiewet",
    WMO: "wmo",
    JW: "jeugdwet",
    WGS: "schuldhulpverlening",
    OLD_WMO: "wmo",
}
RELATED = {
    PW: [WMO, JW, WGS],
    WMO: [PW, JW, WGS, OLD_WMO],
    JW: [PW, WMO, WGS],
    WGS: [PW, WMO, JW],
    OLD_WMO: [],
}
DAY = dt.date(2026, 3, 10)
REASON = "Melding samenwoning 2026-02-27: nagaan of de Wmo-indicatie een tweede adres noemt"


def _sha(n: int) -> str:
    return f"{n:064x}"


@pytest.fixture
def cases(store):
    for n, (case_id, law) in enumerate(LAWS.items()):
        data = {"case_id": case_id, "law": law, "subject": SUBJECT}
        if RELATED[case_id]:
            data["related_cases"] = RELATED[case_id]
        register_case(store, parse_case(data))
        # Two documents in each dossier, one archived and one working.
        for part, category, k in (
            ("archive", "case_report", 2 * n),
            ("working", "other", 2 * n + 1),
        ):
            meta = {"category": category, "disposition": part}
            store.put(f"dossier/{case_id}/{part}/{_sha(k)}", b"%d" % k, meta)
    return store


def _everything_but_audit(store) -> dict[str, bytes]:
    return {key: store.get(key) for key in store.list("") if not key.startswith("audit/")}


def _events(store, case_id):
    return AuditTrail(store, case_id).events()


def _read(store, other, for_case, **kw):
    kw.setdefault("purpose", "case_handling")
    kw.setdefault("actor", "k.jansen")
    kw.setdefault("on", DAY)
    return read_other_dossier(store, other, for_case=for_case, **kw)


def _refused(store, other, for_case, code, **kw):
    """The read is refused with `code`; nothing but one audit event per case is written."""
    before = _everything_but_audit(store)
    counts = len(_events(store, for_case)), len(_events(store, other))
    with pytest.raises(ReuseRefused) as exc:
        _read(store, other, for_case, **kw)
    assert isinstance(exc.value, InvalidInput)
    assert exc.value.code == code
    assert str(exc.value) == f"reading the other case is refused: {reuse.REFUSALS[code]}"
    assert _everything_but_audit(store) == before
    asking, read = _events(store, for_case), _events(store, other)
    assert (len(asking), len(read)) == (counts[0] + 1, counts[1] + 1)
    assert asking[-1].event == "cross_case_refused"
    assert read[-1].event == "read_for_other_case_refused"
    for event in (asking[-1], read[-1]):
        assert (event.reason, event.actor) == (code, kw.get("actor", "k.jansen"))
        assert event.run.startswith("reuse-")
    assert asking[-1].run == read[-1].run
    assert AuditTrail(store, for_case).verify().ok and AuditTrail(store, other).verify().ok
    return asking[-1]


def _allowed(store, other, for_case, code, **kw):
    """The read gives the other case's dossier lines, its record and both events."""
    lines = _read(store, other, for_case, **kw)
    assert lines == list(dossier_lines(store, other)) and len(lines) == 2
    asking, read = _events(store, for_case)[-1], _events(store, other)[-1]
    assert (asking.event, read.event) == ("cross_case_read", "read_for_other_case")
    assert asking.reason == read.reason == code
    assert asking.run == read.run and asking.legal_reference == read.legal_reference
    record = json.loads(store.get(f"cases/{for_case}/reuse/{asking.run}.json"))
    assert record["run"] == asking.run
    assert (record["for_case"], record["other_case"]) == (for_case, other)
    assert record["legal_reference"] == asking.legal_reference
    assert AuditTrail(store, for_case).verify().ok and AuditTrail(store, other).verify().ok
    return record


# -- allowed -------------------------------------------------------------------------------


def test_debt_help_reads_the_pw_case_wgs_art_8d_faq_q21(cases):
    record = _allowed(cases, PW, WGS, "allowed")
    assert record == {
        "run": record["run"],
        "time": record["time"],
        "on": "2026-03-10",
        "for_case": WGS,
        "other_case": PW,
        "laws": ["schuldhulpverlening", "participatiewet"],
        "rule": "allowed",
        "legal_reference": "Wgs art. 8d",
        "purpose": "case_handling",
        "actor": "k.jansen",
        "consent_id": None,
        "reason": None,
    }
    assert _events(cases, WGS)[-1].legal_reference == "Wgs art. 8d"


def test_an_old_case_of_the_same_law_is_allowed_faq_q20(cases):
    record = _allowed(cases, OLD_WMO, WMO, "allowed")
    assert record["legal_reference"] == "AVG art. 5 lid 1 sub b, art. 6 lid 1 sub e"


# -- needs consent (Wmo 2015 art. 5.1.1 lid 4) ----------------------------------------------


def _consent(store, **changes):
    args = {
        "purpose": "wmo_assessment",
        "scope": "Het plan van aanpak schuldhulp, voor de Wmo-aanvraag huishoudelijke hulp",
        "until": dt.date(2026, 6, 30),
        "form": "oral",
        "recorded_by": "k.jansen",
        "on": dt.date(2026, 3, 1),
    }
    return consents.add(store, WMO, **{**args, **changes})


def test_the_wmo_reads_the_debt_help_case_only_with_consent_wmo_art_5_1_1_lid_4(cases):
    store = cases
    event = _refused(store, WGS, WMO, "no_active_consent", purpose="wmo_assessment")
    assert event.legal_reference == "Wmo 2015 art. 5.1.1 lid 4"

    consent = _consent(store)
    record = _allowed(store, WGS, WMO, "consent", purpose="wmo_assessment")
    assert record["consent_id"] == consent.consent_id and record["rule"] == "needs_consent"

    # A consent is specific (FAQ Q32): another purpose, or a day past it, is not covered.
    _refused(store, WGS, WMO, "no_active_consent", purpose="case_consultation")
    _refused(store, WGS, WMO, "no_active_consent", purpose="wmo_assessment",
             on=dt.date(2026, 7, 1))  # fmt: skip

    consents.withdraw(store, WMO, consent.consent_id, by="k.jansen", on=dt.date(2026, 3, 20))
    _refused(store, WGS, WMO, "no_active_consent", purpose="wmo_assessment",
             on=dt.date(2026, 3, 20))  # fmt: skip
    # Read before the withdrawal, still read lawfully (FAQ Q32): the record stays.
    assert cases.exists(f"cases/{WMO}/reuse/{record['run']}.json")


# -- needs a concrete reason (Participatiewet art. 53a lid 6) -------------------------------


def test_the_pw_reads_the_wmo_case_only_with_a_concrete_reason_faq_q4_q6(cases):
    store = cases
    event = _refused(store, WMO, PW, "no_reason")
    assert event.legal_reference == "Participatiewet art. 53a lid 6"
    _refused(store, WMO, PW, "no_reason", reason=" \n\t ")

    record = _allowed(store, WMO, PW, "reason_recorded", reason=f"  {REASON}\n")
    assert record["reason"] == REASON and record["rule"] == "needs_reason"
    # The reason is the user's words: in the read's record, never in a trail.
    trails = b"".join(store.get(k) for k in store.list("audit/"))
    assert b"samenwoning" not in trails and b"Melding" not in trails


# -- refused -------------------------------------------------------------------------------


@pytest.mark.parametrize("other", [PW, WMO, WGS])
def test_youth_care_has_no_reuse_rule_refused_faq_q21(cases, other):
    event = _refused(cases, other, JW, "no_legal_basis", reason=REASON)
    assert event.legal_reference == "AVG art. 5 lid 1 sub b"


def test_a_case_that_is_not_related_is_refused(cases):
    # The old Wmo case names no related cases: debt help may not read it through it,
    # and the debt-help case does not name the old Wmo case.
    _refused(cases, WGS, OLD_WMO, "not_related")
    _refused(cases, OLD_WMO, WGS, "not_related")


def test_a_related_case_of_another_subject_is_refused(cases):
    store = cases
    other = parse_case(
        {"case_id": "2026-pw-0777", "law": "participatiewet",
         "subject": {"name": "Iemand Anders", "bsn": "123456782"}}
    )  # fmt: skip
    register_case(store, other)
    data = {"case_id": WGS, "law": "schuldhulpverlening", "subject": SUBJECT,
            "related_cases": [*RELATED[WGS], "2026-pw-0777"]}  # fmt: skip
    register_case(store, parse_case(data))
    _refused(store, "2026-pw-0777", WGS, "other_subject")


# -- what is refused before anything is written ----------------------------------------------


def test_bad_arguments_write_nothing_at_all(cases):
    store = cases
    before = {key: store.get(key) for key in store.list("")}
    with pytest.raises(InvalidInput, match="--purpose"):
        _read(store, PW, WGS, purpose="Schuldhulp plan")
    with pytest.raises(InvalidInput, match="--actor"):
        _read(store, PW, WGS, actor="K. Jansen")
    with pytest.raises(InvalidInput, match="--reason"):
        _read(store, WMO, PW, reason="x" * 2001)
    with pytest.raises(InvalidInput, match="the case itself"):
        _read(store, PW, PW)
    with pytest.raises(UnknownCase):
        _read(store, "2026-nope", WGS)
    with pytest.raises(UnknownCase):
        _read(store, PW, "2026-nope")
    assert {key: store.get(key) for key in store.list("")} == before


def test_a_damaged_trail_refuses_the_read_and_writes_nothing(cases):
    store = cases
    _allowed(store, PW, WGS, "allowed")
    store.put(f"audit/{PW}/0000000001.json", b"{}")  # the read case's trail
    before = {key: store.get(key) for key in store.list("")}
    with pytest.raises(AuditError):
        _read(store, PW, WGS)
    assert {key: store.get(key) for key in store.list("")} == before


# -- the case file's field ---------------------------------------------------------------------


def test_the_registry_keeps_related_cases_and_leaves_older_case_files_as_they_were(cases):
    store = cases
    assert load_registered(store, WGS).related_cases == (PW, WMO, JW)
    assert load_registered(store, OLD_WMO).related_cases == ()
    assert "related_cases" not in json.loads(store.get(case_key(OLD_WMO)))
    assert case_to_json(load_registered(store, WGS))["related_cases"] == [PW, WMO, JW]
    # A case file without the field registers unchanged, byte for byte.
    old = {"case_id": OLD_WMO, "law": "wmo", "subject": SUBJECT}
    assert register_case(store, parse_case(old)) == "unchanged"
