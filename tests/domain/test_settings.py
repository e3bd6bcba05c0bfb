"""The operator's settings file: every bad file is one line that names the key and never
the value found there (a settings file may be shared); a good file gives the municipality
and the limits, defaulted where not given."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from makers import ZEEF, png_bytes

from zeef.domain.errors import SettingsError
from zeef.domain.settings import Limits, Settings, load_settings

GOOD_MUNICIPALITY = """\
[municipality]
name = "Gemeente Utrecht"
postal_address = "Postbus 16200, 3500 CE Utrecht"
phone = "14 030"
email = "sociaaldomein@utrecht.nl"
"""


def municipality(**changes: str | None) -> str:
    """The good [municipality] table with keys changed (a TOML literal), dropped (None)
    or added."""
    lines = GOOD_MUNICIPALITY.splitlines()
    out = [lines[0]]
    seen = set()
    for line in lines[1:]:
        key = line.split(" = ")[0]
        seen.add(key)
        if key in changes:
            if changes[key] is not None:
                out.append(f"{key} = {changes[key]}")
        else:
            out.append(line)
    out += [f"{k} = {v}" for k, v in changes.items() if k not in seen and v is not None]
    return "\n".join(out) + "\n"


# (id, file content, what the message must name, the bad value it must not hold)
BAD = [
    ("unknown table", '[gemeente]\nnaam = "Geheimstad-Oost"\n', "gemeente: unknown table",
     "Geheimstad-Oost"),
    ("unknown key", municipality(wethouder='"Mr. Verborgen Persoon"'),
     "municipality.wethouder: unknown key", "Verborgen"),
    ("missing municipality key", municipality(phone=None), "municipality.phone", None),
    ("missing name", municipality(name=None), "municipality.name", None),
    ("wrong type", municipality(phone="7654321"), "municipality.phone", "7654321"),
    ("wrong type of a table", 'municipality = "Gemeente Geheimstad"\n', "municipality",
     "Geheimstad"),
    ("wrong type of a limit", '[limits]\nmax_pdf_pages = "negenhonderdnegen"\n',
     "limits.max_pdf_pages", "negenhonderdnegen"),
    ("float for an int limit", "[limits]\nmax_ocr_pages = 12.75\n", "limits.max_ocr_pages",
     "12.75"),
    ("bad email", municipality(email='"postbus-geheim.utrecht.nl"'), "municipality.email",
     "postbus-geheim"),
    ("bad phone", municipality(phone='"bel-ons-geheim"'), "municipality.phone",
     "bel-ons-geheim"),
    ("placeholder in a value", municipality(phone='"[telefoonnummer]"'), "municipality.phone",
     "[telefoonnummer]"),
    ("placeholder in the name", municipality(name='"Gemeente {naam}"'), "municipality.name",
     "{naam}"),
    ("placeholder in the address", municipality(postal_address='"<adres> 1234 AB"'),
     "municipality.postal_address", "<adres>"),
    ("negative limit", "[limits]\nmax_ocr_pages = -987654\n", "limits.max_ocr_pages", "987654"),
    ("zero limit", "[limits]\nocr_page_seconds = 0\n", "limits.ocr_page_seconds", None),
    ("unknown limit", "[limits]\nmax_geheim = 5\n", "limits.max_geheim: unknown key", None),
    ("non-TOML", 'name = = "Geheimstad" [\n', "settings file is not valid TOML",
     "Geheimstad"),
    ("not UTF-8", b'[municipality]\nname = "Gemeente \xff\xfeGeheim"\n',
     "settings file is not UTF-8", "Geheim"),
    ("unreadable logo", municipality(logo='"geheim-logo.png"'), "municipality.logo",
     "geheim-logo"),
    ("logo that is no image", municipality(logo='"notitie.txt"'), "municipality.logo",
     "notitie"),
]  # fmt: skip


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "zeef.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    (tmp_path / "notitie.txt").write_text("geen afbeelding")
    return path


@pytest.mark.parametrize("content, names, value", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_settings_name_the_key_never_the_value(tmp_path, content, names, value):
    path = write(tmp_path, content)
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert names in message
    assert "\n" not in message
    if value is not None:
        assert value not in message


def test_missing_settings_file(tmp_path):
    with pytest.raises(SettingsError) as caught:
        load_settings(tmp_path / "geheim-bestand.toml")
    assert str(caught.value) == "settings file not found"


def test_good_settings_parse_with_limits_defaulted(tmp_path):
    (tmp_path / "logo.png").write_bytes(png_bytes())
    path = write(tmp_path, municipality(logo='"logo.png"') + "\n[limits]\nmax_ocr_pages = 50\n")
    settings = load_settings(path)
    m = settings.municipality
    assert (m.name, m.postal_address, m.phone, m.email) == (
        "Gemeente Utrecht",
        "Postbus 16200, 3500 CE Utrecht",
        "14 030",
        "sociaaldomein@utrecht.nl",
    )
    assert m.logo == (tmp_path / "logo.png").resolve()  # relative to the settings file
    assert settings.limits.max_ocr_pages == 50
    assert settings.limits == Limits(max_ocr_pages=50)  # every other limit at its default
    assert not settings.is_draft
    assert settings.source == str(path)


def test_limits_only_is_a_draft_and_no_file_is_the_defaults(tmp_path):
    settings = load_settings(write(tmp_path, "[limits]\nocr_page_seconds = 60\n"))
    assert settings.is_draft and settings.municipality is None
    assert settings.limits.ocr_page_seconds == 60.0
    assert isinstance(settings.limits.ocr_page_seconds, float)
    empty = load_settings(write(tmp_path, ""))
    assert empty.limits == Limits() and empty.is_draft
    assert Settings().is_draft


# -- the command line: one line on stderr, exit code 2, before any work ------------------


def run(args: list[str], config: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ZEEF_CONFIG"}
    if config is not None:
        env["ZEEF_CONFIG"] = config
    return subprocess.run([ZEEF, *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize(
    "content, names, value",
    [
        (municipality(phone='"[telefoonnummer]"'), "municipality.phone", "[telefoonnummer]"),
        ("[limits]\nmax_ocr_pages = -987654\n", "limits.max_ocr_pages", "987654"),
        ('name = = "Geheimstad" [\n', "not valid TOML", "Geheimstad"),
    ],
)
def test_cli_bad_settings_one_line_exit_2(tmp_path, content, names, value):
    path = write(tmp_path, content)
    store = str(tmp_path / "store")
    by_option = run(["--config", str(path), "dossier", "2026-0001", "--store", store])
    by_environment = run(["dossier", "2026-0001", "--store", store], config=str(path))
    for result in (by_option, by_environment):
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith("zeef: error: ") and names in result.stderr
        assert value not in result.stderr
    assert not (tmp_path / "store").exists()  # validated before any work


def test_cli_missing_settings_file(tmp_path):
    missing = str(tmp_path / "geen.toml")
    for result in (
        run(["--config", missing, "dossier", "2026-0001", "--store", str(tmp_path / "s")]),
        run(["dossier", "2026-0001", "--store", str(tmp_path / "s")], config=missing),
    ):
        assert result.returncode == 2
        assert result.stderr == "zeef: error: settings file not found\n"
