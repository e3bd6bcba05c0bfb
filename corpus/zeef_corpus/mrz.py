"""Machine-readable zones (ICAO Doc 9303): TD3 (passports, 2x44) and TD1 (cards, 3x30)."""

from __future__ import annotations

import datetime as dt
import random


def _value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - 55
    if ch == "<":
        return 0
    raise ValueError(f"not an MRZ character: {ch!r}")


def check_digit(s: str) -> str:
    weights = (7, 3, 1)
    return str(sum(_value(c) * weights[i % 3] for i, c in enumerate(s)) % 10)


def yymmdd(d: dt.date) -> str:
    return d.strftime("%y%m%d")


def _pad(s: str, n: int) -> str:
    if len(s) > n:
        return s[:n]
    return s + "<" * (n - len(s))


def td3(
    *,
    doc_type: str,
    issuing: str,
    name: str,
    number: str,
    nationality: str,
    birth: dt.date,
    sex: str,
    expiry: dt.date,
    optional: str = "",
) -> list[str]:
    l1 = _pad(f"{_pad(doc_type, 2)}{issuing}{name}", 44)
    num = _pad(number, 9)
    opt = _pad(optional, 14)
    opt_cd = check_digit(opt) if optional else "<"
    part = (
        f"{num}{check_digit(num)}{nationality}{yymmdd(birth)}{check_digit(yymmdd(birth))}{sex}"
        f"{yymmdd(expiry)}{check_digit(yymmdd(expiry))}{opt}{opt_cd}"
    )
    composite = part[0:10] + part[13:20] + part[21:43]
    return [l1, part + check_digit(composite)]


def td1(
    *,
    doc_type: str,
    issuing: str,
    name: str,
    number: str,
    nationality: str,
    birth: dt.date,
    sex: str,
    expiry: dt.date,
    optional1: str = "",
    optional2: str = "",
) -> list[str]:
    num = _pad(number, 9)
    l1 = f"{_pad(doc_type, 2)}{issuing}{num}{check_digit(num)}{_pad(optional1, 15)}"
    b, e = yymmdd(birth), yymmdd(expiry)
    l2 = f"{b}{check_digit(b)}{sex}{e}{check_digit(e)}{nationality}{_pad(optional2, 11)}"
    composite = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    l2 += check_digit(composite)
    return [l1, l2, _pad(name, 30)]


def td3_valid(lines: list[str]) -> bool:
    if len(lines) != 2 or any(len(x) != 44 for x in lines):
        return False
    l2 = lines[1]
    try:
        ok = (
            check_digit(l2[0:9]) == l2[9]
            and check_digit(l2[13:19]) == l2[19]
            and check_digit(l2[21:27]) == l2[27]
            and (l2[42] == "<" and set(l2[28:42]) == {"<"} or check_digit(l2[28:42]) == l2[42])
            and check_digit(l2[0:10] + l2[13:20] + l2[21:43]) == l2[43]
        )
    except ValueError:
        return False
    return ok


def td1_valid(lines: list[str]) -> bool:
    if len(lines) != 3 or any(len(x) != 30 for x in lines):
        return False
    l1, l2 = lines[0], lines[1]
    try:
        return (
            check_digit(l1[5:14]) == l1[14]
            and check_digit(l2[0:6]) == l2[6]
            and check_digit(l2[8:14]) == l2[14]
            and check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]) == l2[29]
        )
    except ValueError:
        return False


def mrz_valid(lines: list[str]) -> bool:
    return td3_valid(lines) if len(lines) == 2 else td1_valid(lines)


def corrupt(rng: random.Random, lines: list[str]) -> list[str]:
    """Change one check digit so that the zone no longer validates."""
    lines = list(lines)
    if len(lines) == 2:
        positions = [(1, 9), (1, 19), (1, 27), (1, 43)]
    else:
        positions = [(0, 14), (1, 6), (1, 14), (1, 29)]
    row, col = rng.choice(positions)
    old = lines[row][col]
    new = str((int(old) + rng.randrange(1, 10)) % 10) if old.isdigit() else str(rng.randrange(10))
    lines[row] = lines[row][:col] + new + lines[row][col + 1 :]
    return lines
