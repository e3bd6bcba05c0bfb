"""The ingested case of `case_docs`, once per module."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from case_docs import write_case, write_documents  # noqa: E402


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """A local store with the case's documents ingested: (store folder, case file, the
    ingest summary)."""
    from zeef.domain.case import load_case
    from zeef.pipeline.ingest import ingest_paths
    from zeef.storage.local import LocalStore

    root = tmp_path_factory.mktemp("inzage")
    case_file = write_case(root)
    files = write_documents(root / "docs")
    store = LocalStore(root / "store")
    summary = ingest_paths(store, load_case(case_file), [str(f) for f in files], progress=False)
    return root / "store", case_file, summary
