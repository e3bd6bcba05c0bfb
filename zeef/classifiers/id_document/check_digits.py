"""ICAO 9303 check digits of a machine-readable zone.

Check digits use the weights 7, 3, 1 over the values 0-9, A-Z = 10-35 and '<' = 0, and
are computed here: the PyPI ``mrz`` package is GPL-3.0 (zeef is EUPL-1.2) and passporteye
pulls in scikit-image and an old ``pdfminer`` that overwrites pdfminer.six.

ICAO check digits cannot see every OCR error: characters whose values differ by a
multiple of 10 (0/A/K/U/'<', 1/B/L/V, 4/E/O/Y, 6/G/Q, 8/I/S ...) weigh the same, so an 'S' read
as '8' inside the document number still passes.
"""

from __future__ import annotations

DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
VALUES = {ch: i for i, ch in enumerate(DIGITS + LETTERS)} | {"<": 0}
_WEIGHTS = (7, 3, 1)


def check_digit(data: str) -> str:
    """ICAO 9303 check digit of an MRZ field: weights 7, 3, 1; A-Z = 10-35; '<' = 0."""
    total = 0
    for i, ch in enumerate(data):
        value = VALUES.get(ch)
        if value is None:
            raise ValueError("not an MRZ character")  # the character itself is not shown
        total += value * _WEIGHTS[i % 3]
    return str(total % 10)
