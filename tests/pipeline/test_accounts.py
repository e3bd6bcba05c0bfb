"""Accounts: argon2id hashes, names as ids, disabled accounts, and `zeef users` (the
password read from standard input, never printed)."""

from __future__ import annotations

import json

import pytest
from makers import run_zeef

from zeef.pipeline import accounts
from zeef.storage.local import LocalStore


@pytest.fixture
def store(tmp_path):
    return LocalStore(tmp_path / "store")


def test_a_password_is_kept_as_an_argon2id_hash_only(store):
    accounts.add(store, "rita", "reviewer", "een-lang-wachtwoord")
    raw = store.get("accounts/users/rita.json").decode()
    assert "een-lang-wachtwoord" not in raw
    assert json.loads(raw)["password_hash"].startswith("$argon2id$")
    assert accounts.authenticate(store, "rita", "een-lang-wachtwoord").role == "reviewer"
    assert accounts.authenticate(store, "rita", "een-lang-wachtwoorD") is None
    assert accounts.authenticate(store, "nobody", "een-lang-wachtwoord") is None


@pytest.mark.parametrize(
    ("name", "role", "password", "field"),
    [
        ("Rita", "reviewer", "een-lang-wachtwoord", "user name"),
        ("../x", "reviewer", "een-lang-wachtwoord", "user name"),
        ("rita", "root", "een-lang-wachtwoord", "role"),
        ("rita", "reviewer", "kort", "password"),
    ],
)
def test_malformed_accounts_are_refused(store, name, role, password, field):
    with pytest.raises(accounts.AccountError, match=field):
        accounts.add(store, name, role, password)
    assert store.list("accounts/") == []


def test_disable_and_reset(store):
    accounts.add(store, "rita", "reviewer", "een-lang-wachtwoord")
    with pytest.raises(accounts.AccountError, match="exists"):
        accounts.add(store, "rita", "admin", "een-ander-wachtwoord")
    accounts.disable(store, "rita")
    assert accounts.authenticate(store, "rita", "een-lang-wachtwoord") is None
    accounts.set_password(store, "rita", "een-nieuw-wachtwoord")
    assert accounts.authenticate(store, "rita", "een-nieuw-wachtwoord") is not None


def test_zeef_users_reads_the_password_from_stdin(tmp_path):
    s = str(tmp_path / "store")
    added = run_zeef("users", "add", "pia", "--role", "privacy_officer", "--store", s,
                 stdin="geheim-wachtwoord-1\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout) == {"name": "pia", "role": "privacy_officer", "disabled": False}
    assert "geheim" not in added.stdout + added.stderr
    assert accounts.authenticate(LocalStore(s), "pia", "geheim-wachtwoord-1") is not None
    short = run_zeef("users", "add", "piet", "--role", "reviewer", "--store", s, stdin="kort\n")
    assert short.returncode == 2 and "password" in short.stderr
    gone = run_zeef("users", "disable", "pia", "--store", s)
    assert gone.returncode == 0 and json.loads(gone.stdout)["disabled"] is True
    listed = run_zeef("users", "list", "--store", s)
    assert [json.loads(x)["name"] for x in listed.stdout.splitlines()] == ["pia"]
