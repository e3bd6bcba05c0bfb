"""Fail closed: a package that still holds anything removed anywhere in it is not
written at all. The fault is injected (a copy that comes back unredacted), since the
redaction itself does not make it."""

from __future__ import annotations

import pytest
from case_docs import write_settings

from zeef import cli
from zeef.domain import settings
from zeef.pipeline.inzage import package as package_module
from zeef.pipeline.redact import RedactedCopy


def _leaky(original):
    def write_copy(planned, out_suffix=""):
        copy = original(planned, out_suffix)
        if copy.media_type == "text/plain":  # the tip: its original text instead
            return RedactedCopy(planned.text.encode("utf-8"), "text/plain", 0, False)
        return copy

    return write_copy


def test_a_leak_anywhere_means_no_package_at_all(ingested, tmp_path, monkeypatch, capsys):
    store, _, _ = ingested
    monkeypatch.setattr(package_module, "write_copy", _leaky(package_module.write_copy))
    out = tmp_path / "inzage"
    config = write_settings(tmp_path)
    argv = ["--config", str(config), "inzage", "2026-7001", "--out", str(out)]
    try:
        code = cli.main([*argv, "--store", str(store)])
    finally:
        settings.use(None)  # main put the file's settings in force for this process
    assert code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nothing written" in err[0]
    assert "Gerrit" not in err[0]
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".inzage")]


def test_prepare_stores_nothing_when_the_package_leaks(ingested, monkeypatch):
    from zeef.domain.errors import LeakDetected
    from zeef.pipeline.inzage import flow
    from zeef.storage.local import LocalStore

    store_dir, _, _ = ingested
    store = LocalStore(store_dir)
    monkeypatch.setattr(package_module, "write_copy", _leaky(package_module.write_copy))
    with pytest.raises(LeakDetected):
        flow.prepare(store, "2026-7001", actor="alice")
    assert store.list("inzage/2026-7001/prepared") == []

