"""What an Airflow metadata database holds, as text, for the tests that check it keeps no
personal data."""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path


def database_text(path: Path) -> str:
    """Every value of every table of the SQLite file, as text (blobs also inflated)."""
    chunks = []
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("select name from sqlite_master where type='table'")]
        for table in tables:
            for row in db.execute(f'select * from "{table}"'):
                for value in row:
                    if isinstance(value, bytes):
                        chunks.append(value.decode("utf-8", "replace"))
                        try:
                            chunks.append(zlib.decompress(value).decode("utf-8", "replace"))
                        except zlib.error:
                            pass
                    elif value is not None:
                        chunks.append(str(value))
    return "\n".join(chunks)
