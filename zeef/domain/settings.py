"""The operator's settings: one TOML file, read and validated once.

Where the file is: `zeef --config FILE`, else the environment variable ``ZEEF_CONFIG``,
else none (every limit at its default, no municipality: letters are drafts). Tables:

```toml
[municipality]            # who writes to the citizen; all four keys are required
name = "Gemeente Utrecht"
postal_address = "Postbus 16200, 3500 CE Utrecht"
phone = "14 030"
email = "sociaaldomein@utrecht.nl"
logo = "logo.png"         # optional: PNG or JPEG, relative to the settings file

[limits]                  # what operators tune; each key optional, defaults below
max_file_bytes = 209715200
max_pdf_pages = 2000
max_image_pixels = 100000000
max_ocr_pages = 300
ocr_page_seconds = 120
ocr_document_seconds = 1800
document_seconds = 120
s3_retry_seconds = 30
lock_wait_seconds = 60
lock_lease_seconds = 60

[deadlines]               # how long a document may wait in review (working days)
id_copy_review_working_days = 1   # an ID copy (or a file holding one) never waits whole long
medical_review_working_days = 1   # nor a medical document
review_working_days = 10          # everything else
outbox_days = 14                  # the medical adviser's outbox, calendar days
returns_days = 14                 # documents waiting to be handed back, calendar days
objection_period_weeks = 6        # after a decision, before the working dossier goes

[retention.participatiewet.archive]   # one row per law and dossier part; see below
years = 10                            # or `months = N`: exactly one of the two
after = "provision_end"               # the event it counts from: decision | provision_end
source = "Archiefwet 1995 art. 3, art. 5; Selectielijst gemeenten ... 2020"
```

`[retention]`: how long documents are kept, per law (`policy.Law`) and dossier part
(`archive`, `working`), counted from an event of the case (`decision`: the decision's
date; `provision_end`: the day the provision or benefit ended). A row given in the file
replaces that row of `DEFAULT_RETENTION` whole (period, event and source: a changed
period carries its own source); rows not given keep their default. A working-dossier
row never destroys before the objection period (`deadlines.objection_period_weeks`)
has passed, whatever its period.

Errors (`SettingsError`, exit code 2) name the key and what is wrong with it, never the
value found there: a settings file may be shared, a value may be a secret one day.
"""

from __future__ import annotations

import os
import re
import threading
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from zeef.domain.errors import SettingsError
from zeef.domain.policy import Law

ENV_CONFIG = "ZEEF_CONFIG"

MiB = 1024 * 1024
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{2,20}")
# What a letter must never show a citizen: a template's placeholder.
PLACEHOLDER = re.compile(r"\[[^\]\n]{1,40}\]|\{[^}\n]{1,40}\}|<[^>\n]{1,40}>")


@dataclass(frozen=True)
class Municipality:
    """Who writes to the citizen: the letterhead and the contact line of every letter."""

    name: str
    postal_address: str
    phone: str
    email: str
    logo: Path | None = None


@dataclass(frozen=True)
class Limits:
    """Bounds on what one document may cost. Defaults are the values zeef was measured
    with (see docs/ocr.md and docs/storage.md)."""

    max_file_bytes: int = 200 * MiB  # larger files are not read: review
    max_pdf_pages: int = 2_000  # a PDF with more pages is not read: review
    max_image_pixels: int = 100_000_000  # per image or page, checked on the header
    max_ocr_pages: int = 300  # more pages to OCR: not OCR'd at all, review
    ocr_page_seconds: float = 120.0  # per page, every Tesseract call for it
    ocr_document_seconds: float = 1_800.0  # per document
    # Finding personal data, roles and the category, per document (an e-mail with its
    # parts); when spent: review (reason time_budget), and `redact` refuses it.
    document_seconds: float = 120.0
    s3_retry_seconds: float = 30.0  # how long an unreachable S3 server is retried
    lock_wait_seconds: float = 60.0  # how long a run waits for another run of its case
    lock_lease_seconds: float = 60.0  # an S3 case lock's lease, renewed every quarter


@dataclass(frozen=True)
class Deadlines:
    """How long a document may wait for a person, in working days (Monday to Friday)
    after it was received; past it, it is listed as overdue (`zeef review list`)."""

    id_copy_review_working_days: int = 1
    medical_review_working_days: int = 1
    review_working_days: int = 10
    # What waits to be handed over (the medical adviser's outbox, documents to return to
    # the citizen), in calendar days after it was routed there: then overdue.
    outbox_days: int = 14
    returns_days: int = 14
    # Weeks after a decision before the rest of the working dossier is destroyed (the
    # objection period, Awb art. 6:7: six weeks).
    objection_period_weeks: int = 6


# -- retention: how long the dossier is kept, per law and part ----------------------------

ARCHIVE, WORKING = "archive", "working"
RETENTION_PARTS = (ARCHIVE, WORKING)
DECISION, PROVISION_END = "decision", "provision_end"
RETENTION_EVENTS = (DECISION, PROVISION_END)
MAX_RETENTION_YEARS = 120

# Sources every default row rests on: the Archiefwet's duty to keep and to destroy
# (art. 3) by a selection list (art. 5), and the VNG's list for municipalities.
_ARCHIEFWET = "Archiefwet 1995 art. 3, art. 5"
_SELECTIELIJST = "Selectielijst gemeenten en intergemeentelijke organen 2020 (Stcrt. 2020, 11143)"
_ARCHIVE_SOURCE = (
    f"{_ARCHIEFWET}; {_SELECTIELIJST}: a case that granted a provision or benefit, "
    "kept {years} years after it ended{extra}"
)
# The working dossier: what did not support the decision goes once the objection period
# (Awb art. 6:7, six weeks) has passed; storage limitation and minimisation (AVG).
_WORKING_SOURCE = (
    "AVG art. 5 lid 1 sub c, e; Awb art. 6:7 (objection period: "
    "deadlines.objection_period_weeks); explained in FAQ Privacy in het sociaal domein Q1, Q14"
)


@dataclass(frozen=True)
class RetentionRule:
    """One row of the retention table: documents of `part` in a case under `law` are kept
    `months` after the case's `after` event (a date in `cases/<case>/decision.json`)."""

    law: str  # a `policy.Law` value
    part: str  # archive | working
    months: int  # the period; a row given in years holds years x 12
    after: str  # decision | provision_end
    source: str  # the statutes and the selection list's category it rests on
    unit: str = "years"  # how the row gives its period: years | months

    @property
    def period(self) -> dict[str, int]:
        """The period as the settings give it: ``{"years": n}`` or ``{"months": n}``."""
        if self.unit == "years":
            return {"years": self.months // 12}
        return {"months": self.months}


def _archive_row(law: Law, years: int, extra: str = "") -> RetentionRule:
    source = _ARCHIVE_SOURCE.format(years=years, extra=extra)
    return RetentionRule(law.value, ARCHIVE, years * 12, PROVISION_END, source)


DEFAULT_RETENTION: tuple[RetentionRule, ...] = (
    _archive_row(Law.PARTICIPATIEWET, 10),
    _archive_row(Law.WMO, 10),
    _archive_row(
        Law.JEUGDWET, 20, " (cf. Jeugdwet art. 7.3.8: twenty years for the youth-care file)"
    ),
    _archive_row(Law.SCHULDHULPVERLENING, 10),
    *(
        RetentionRule(law.value, WORKING, 0, DECISION, _WORKING_SOURCE, unit="months")
        for law in Law
    ),
)


@dataclass(frozen=True)
class Retention:
    """The retention table: one `RetentionRule` per law and dossier part."""

    rules: tuple[RetentionRule, ...] = DEFAULT_RETENTION

    def rule(self, law: str | Law, part: str) -> RetentionRule:
        """The row for `law` and `part`; KeyError when there is none (never: the table
        always has every law and part)."""
        for rule in self.rules:
            if rule.law == str(law) and rule.part == part:
                return rule
        raise KeyError("no retention row for this law and part")


@dataclass(frozen=True)
class Settings:
    municipality: Municipality | None = None
    limits: Limits = field(default_factory=Limits)
    deadlines: Deadlines = field(default_factory=Deadlines)
    retention: Retention = field(default_factory=Retention)
    source: str | None = None  # the file they came from, for messages

    @property
    def is_draft(self) -> bool:
        """Letters written without a municipality are drafts, never to be sent."""
        return self.municipality is None


def _text(table: dict, key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"{where}.{key}: missing or not a non-empty string")
    if PLACEHOLDER.search(value):
        raise SettingsError(f"{where}.{key}: holds a placeholder such as [..] or {{..}}")
    return " ".join(value.split())


def _municipality(table: object, base: Path) -> Municipality:
    if not isinstance(table, dict):
        raise SettingsError("municipality: must be a table")
    known = {f.name for f in fields(Municipality)}
    for key in table:
        if key not in known:
            raise SettingsError(f"municipality.{key}: unknown key")
    name = _text(table, "name", "municipality")
    postal_address = _text(table, "postal_address", "municipality")
    email = _text(table, "email", "municipality")
    if not _EMAIL.fullmatch(email):
        raise SettingsError("municipality.email: not an e-mail address")
    phone = _text(table, "phone", "municipality")
    if not _PHONE.fullmatch(phone):
        raise SettingsError("municipality.phone: not a telephone number")
    logo = table.get("logo")
    if logo is not None:
        if not isinstance(logo, str) or not logo:
            raise SettingsError("municipality.logo: must be a file path")
        path = (base / logo).resolve()
        try:
            head = path.read_bytes()[:8]
        except OSError:
            raise SettingsError("municipality.logo: file cannot be read") from None
        if not (head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8\xff")):
            raise SettingsError("municipality.logo: must be a PNG or JPEG image")
        logo = path
    return Municipality(
        name=name,
        postal_address=postal_address,
        phone=phone,
        email=email,
        logo=logo,
    )


def _numbers(table: object, kind_of_table: type, where: str):
    """A table of positive numbers (`[limits]`, `[deadlines]`) over its defaults."""
    if not isinstance(table, dict):
        raise SettingsError(f"{where}: must be a table")
    defaults = kind_of_table()
    values = {}
    by_name = {f.name: f for f in fields(kind_of_table)}
    for key, value in table.items():
        if key not in by_name:
            raise SettingsError(f"{where}.{key}: unknown key")
        kind = type(getattr(defaults, key))
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if kind is int:
            ok = ok and isinstance(value, int)
        if not ok or value <= 0:
            raise SettingsError(f"{where}.{key}: must be a positive {kind.__name__}")
        values[key] = kind(value)
    return replace(defaults, **values)


_KEY_SHOWN = re.compile(r"[A-Za-z0-9_-]{1,40}")


def _shown(key: object) -> str:
    """A key of the file as an error names it: a plain word, else "(a key)" (a quoted
    TOML key may hold anything)."""
    return key if isinstance(key, str) and _KEY_SHOWN.fullmatch(key) else "(a key)"


_ROW_KEYS = ("years", "months", "after", "source")


def _retention_row(law: str, part: str, row: object) -> RetentionRule:
    where = f"retention.{law}.{part}"
    if not isinstance(row, dict):
        raise SettingsError(f"{where}: must be a table (years or months, after, source)")
    for key in row:
        if key not in _ROW_KEYS:
            raise SettingsError(f"{where}.{_shown(key)}: unknown key")
    given = [unit for unit in ("years", "months") if unit in row]
    if len(given) != 1:
        raise SettingsError(f"{where}: give exactly one of years or months")
    unit = given[0]
    value = row[unit]
    most = MAX_RETENTION_YEARS * (1 if unit == "years" else 12)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
        raise SettingsError(f"{where}.{unit}: must be a whole number from 0 to {most}")
    months = value * 12 if unit == "years" else value
    if part == ARCHIVE and months == 0:
        raise SettingsError(f"{where}.{unit}: an archive is kept at least one month")
    after = row.get("after")
    if after not in RETENTION_EVENTS:
        raise SettingsError(f"{where}.after: must be one of {', '.join(RETENTION_EVENTS)}")
    source = _text(row, "source", where)
    return RetentionRule(law, part, months, after, source, unit=unit)


def _retention(table: object) -> Retention:
    """`[retention.<law>.<part>]` rows over `DEFAULT_RETENTION`."""
    if not isinstance(table, dict):
        raise SettingsError("retention: must be a table")
    given: dict[tuple[str, str], RetentionRule] = {}
    laws = [law.value for law in Law]
    for law, parts in table.items():
        if law not in laws:
            raise SettingsError(f"retention.{_shown(law)}: unknown law ({', '.join(laws)})")
        if not isinstance(parts, dict):
            raise SettingsError(f"retention.{law}: must be a table of parts (archive, working)")
        for part, row in parts.items():
            if part not in RETENTION_PARTS:
                raise SettingsError(
                    f"retention.{law}.{_shown(part)}: unknown part (archive or working)"
                )
            given[(law, part)] = _retention_row(law, part, row)
    rules = tuple(given.get((r.law, r.part), r) for r in DEFAULT_RETENTION)
    return Retention(rules)


def parse_settings(data: dict, base: Path = Path("."), source: str | None = None) -> Settings:
    for key in data:
        if key not in ("municipality", "limits", "deadlines", "retention"):
            raise SettingsError(f"{key}: unknown table")
    municipality = _municipality(data["municipality"], base) if "municipality" in data else None
    return Settings(
        municipality=municipality,
        limits=_numbers(data.get("limits", {}), Limits, "limits"),
        deadlines=_numbers(data.get("deadlines", {}), Deadlines, "deadlines"),
        retention=_retention(data.get("retention", {})),
        source=source,
    )


def load_settings(path: str | os.PathLike) -> Settings:
    """Read and validate a settings file; SettingsError (one line, no values) if not."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise SettingsError("settings file not found") from None
    except OSError as exc:
        raise SettingsError(f"settings file cannot be read ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SettingsError("settings file is not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message quotes no value, only where: "(at line 3, column 7)".
        where = str(exc).rsplit("(", 1)[-1].rstrip(")") if "(" in str(exc) else "?"
        raise SettingsError(f"settings file is not valid TOML ({where})") from None
    return parse_settings(data, base=p.parent, source=str(p))


_lock = threading.Lock()
_current: Settings | None = None


def _from_environment() -> Settings:
    path = os.environ.get(ENV_CONFIG)
    return load_settings(path) if path else Settings()


def current() -> Settings:
    """The settings in force: those given to `use`, else those ``ZEEF_CONFIG`` names
    (read once), else the defaults."""
    global _current
    with _lock:
        if _current is None:
            _current = _from_environment()
        return _current


def use(settings: Settings | None) -> None:
    """Put `settings` in force for this process (`zeef --config`, tests); None forgets
    them, so the next `current()` reads the environment again."""
    global _current
    with _lock:
        _current = settings


def limits() -> Limits:
    return current().limits


def deadlines() -> Deadlines:
    return current().deadlines


def retention() -> Retention:
    return current().retention
