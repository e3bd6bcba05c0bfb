"""The zeef wheel holds no corpus generator: built from the repository's pyproject.toml
(offline, with the dev extra's setuptools and wheel), it has no `zeef_corpus` or
`zeef/corpus` file, no trainer or demo, and no module that imports faker, reportlab or
scikit-learn; its metadata requires none of them.

The build runs on a copy of the repository's files (without `.git`, `.venv`, `build/`,
caches) so that it neither writes into the working tree nor picks up a stale `build/lib`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FORBIDDEN = ("import faker", "from faker", "import reportlab", "from reportlab", "sklearn")
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "*.pyc",
    ".pytest_cache", ".ruff_cache", "zeef-data",
)  # fmt: skip


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    src = tmp_path_factory.mktemp("src") / "repo"
    shutil.copytree(REPO, src, ignore=NOT_COPIED)
    out = tmp_path_factory.mktemp("wheel")
    cmd = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    cmd += ["--no-index", "--disable-pip-version-check", "-w", str(out), str(src)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (
        "building the zeef wheel failed (the dev extra brings setuptools and wheel: "
        f".venv/bin/pip install -e '.[dev]'):\n{done.stdout}\n{done.stderr}"
    )
    (path,) = out.glob("zeef-*.whl")
    with zipfile.ZipFile(path) as zf:
        yield zf


def test_the_wheel_is_zeef(wheel):
    names = set(wheel.namelist())
    assert "zeef/cli/__init__.py" in names
    assert "zeef/classifiers/model/categoriser.npz" in names  # package data is in


def test_no_generator_trainer_or_demo_in_the_wheel(wheel):
    names = wheel.namelist()
    assert [n for n in names if n.startswith(("zeef_corpus/", "zeef/corpus/"))] == []
    assert "zeef/classifiers/train.py" not in names
    assert "zeef/demo.py" not in names
    tops = {n.split("/")[0] for n in names}
    assert [t for t in tops if t != "zeef" and not t.endswith(".dist-info")] == []


def test_no_module_in_the_wheel_imports_the_generators_libraries(wheel):
    hits = [
        (name, word)
        for name in wheel.namelist()
        if name.endswith(".py")
        for word in FORBIDDEN
        if word in wheel.read(name).decode("utf-8")
    ]
    assert hits == []


def test_the_wheel_requires_none_of_them(wheel):
    (meta,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    lines = wheel.read(meta).decode("utf-8").splitlines()
    requires = [x.split(":", 1)[1].strip().lower() for x in lines if x.startswith("Requires-Dist:")]
    assert requires  # the product's own dependencies are there
    for lib in ("faker", "reportlab", "scikit-learn", "zeef-corpus"):
        assert not [r for r in requires if r.startswith(lib)], lib
    assert "Provides-Extra: corpus" not in lines
