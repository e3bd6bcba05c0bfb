"""Fixtures of the web app's tests (`web_fixtures` holds what they are made of): the
store with held-out cases and accounts, and the app served on a free port."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from web_fixtures import LiveServer, holdout_store  # noqa: E402


@pytest.fixture(scope="module")
def web_store(tmp_path_factory):
    """A local store with the held-out cases and the accounts, once per module."""
    from zeef.storage.local import LocalStore

    root = tmp_path_factory.mktemp("web")
    return holdout_store(LocalStore(root / "store"), root)


@pytest.fixture(scope="module")
def live_server(web_store):
    server = LiveServer(web_store).start()
    yield server
    server.stop()
