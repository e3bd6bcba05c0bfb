"""The shape of the code a new maintainer relies on: small modules, one error base, the
generator outside the product, documentation that stands on its own. The import layers
are checked by `lint-imports` (pyproject.toml, `make lint`)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import zeef
from zeef.domain.errors import ZeefError

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(zeef.__file__).parent
MAX_LINES = 700


def _modules():
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="zeef."):
        yield importlib.import_module(info.name)


def test_no_module_of_the_product_is_over_700_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_corpus_generator_is_not_in_the_product():
    assert not (PACKAGE / "corpus").exists()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from) (faker|reportlab|sklearn)\b", text, re.M), path


def test_every_exception_zeef_defines_is_a_zeef_error():
    defined = [
        cls
        for module in _modules()
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, BaseException) and cls.__module__ == module.__name__
    ]
    assert len(defined) >= 15
    assert [c.__qualname__ for c in defined if not issubclass(c, ZeefError)] == []


def test_the_docs_stand_on_their_own():
    pages = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "../shared" not in text and "CONTRACT.md" not in text, page.name
        for target in re.findall(r"\]\(([^)#\s]+)", text):
            if "://" in target or target.startswith("mailto:"):
                continue
            assert (page.parent / target).resolve().is_relative_to(ROOT), (page.name, target)
            assert (page.parent / target).exists(), (page.name, target)
