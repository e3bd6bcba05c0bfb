"""The web app's accounts: who may sign in, with which role.

One object per user, ``accounts/users/<name>.json``: the role, an argon2id hash of the
password (argon2-cffi's defaults, RFC 9106's second recommended profile), whether the
account is disabled, and when it was made. A user name is an id (it is what the audit
trail records as the actor): lower-case letters, digits and ``. _ -``.

Roles:
- ``reviewer``: the review queue and its decisions, the dossier;
- ``medical_adviser``: what was forwarded to the medical adviser (no one else opens it),
  receipts and advices;
- ``privacy_officer``: inspection approvals, the consent register, the access reports;
  the queue too;
- ``admin``: the accounts (from the command line) and the access reports; no documents.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from zeef.domain.errors import InvalidInput
from zeef.storage import ObjectNotFound, Store

REVIEWER = "reviewer"
MEDICAL_ADVISER = "medical_adviser"
PRIVACY_OFFICER = "privacy_officer"
ADMIN = "admin"
ROLES = (REVIEWER, MEDICAL_ADVISER, PRIVACY_OFFICER, ADMIN)

MIN_PASSWORD = 12
MAX_PASSWORD = 1024  # argon2 takes any length; a megabyte "password" is not one
USER_NAME = re.compile(r"[a-z][a-z0-9._-]{1,31}")
PREFIX = "accounts/users/"

_hasher = PasswordHasher()
# Verified when the user does not exist, so that an unknown name costs as much as a
# wrong password (no user enumeration by timing).
_DUMMY = _hasher.hash("not a password of anyone's")


class AccountError(InvalidInput):
    """A user name, role or password that cannot be used."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    password_hash: str
    disabled: bool = False
    created: str = ""

    def public(self) -> dict:
        return {"name": self.name, "role": self.role, "disabled": self.disabled}


def check_name(name: str) -> str:
    if not isinstance(name, str) or not USER_NAME.fullmatch(name):
        raise AccountError(
            "user name: 2-32 characters, lower-case letters, digits and . _ -, "
            "starting with a letter"
        )
    return name


def _key(name: str) -> str:
    return PREFIX + check_name(name) + ".json"


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password: at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"password: at most {MAX_PASSWORD} characters")


def load(store: Store, name: str) -> User | None:
    """The user `name`, or None (also for a name that cannot be one)."""
    if not isinstance(name, str) or not USER_NAME.fullmatch(name):
        return None
    try:
        data = json.loads(store.get(_key(name)))
    except ObjectNotFound:
        return None
    return User(**data)


def _save(store: Store, user: User) -> None:
    store.put(_key(user.name), json.dumps(asdict(user)).encode(), {"kind": "account"})


def add(store: Store, name: str, role: str, password: str) -> User:
    """A new account; AccountError when the name is taken or anything is malformed."""
    check_name(name)
    if role not in ROLES:
        raise AccountError(f"role: must be one of {', '.join(ROLES)}")
    _check_password(password)
    if load(store, name) is not None:
        raise AccountError(f"user {name} exists (use `zeef users passwd` to reset)")
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    user = User(name, role, _hasher.hash(password), False, now)
    _save(store, user)
    return user


def set_password(store: Store, name: str, password: str) -> User:
    """A new password (and the account enabled again)."""
    user = _existing(store, name)
    _check_password(password)
    user = User(user.name, user.role, _hasher.hash(password), False, user.created)
    _save(store, user)
    return user


def disable(store: Store, name: str) -> User:
    """The account can no longer sign in; its open sessions end at their next request."""
    user = _existing(store, name)
    user = User(user.name, user.role, user.password_hash, True, user.created)
    _save(store, user)
    return user


def _existing(store: Store, name: str) -> User:
    user = load(store, check_name(name))
    if user is None:
        raise AccountError(f"no user {name}")
    return user


def all_users(store: Store) -> list[User]:
    out = []
    for key in store.list(PREFIX):
        name = key[len(PREFIX) : -len(".json")]
        user = load(store, name)
        if user is not None:
            out.append(user)
    return out


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user when the name and password match an enabled account, else None. Costs
    one argon2 verification either way."""
    user = load(store, name) if isinstance(name, str) else None
    if not isinstance(password, str) or len(password) > MAX_PASSWORD:
        password = ""
    try:
        _hasher.verify(user.password_hash if user else _DUMMY, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if user is None or user.disabled:
        return None
    if _hasher.check_needs_rehash(user.password_hash):  # parameters raised since
        user = User(user.name, user.role, _hasher.hash(password), False, user.created)
        _save(store, user)
    return user
