"""How many buckets the tests' S3 server (SeaweedFS `weed mini`, `tests/s3server.py`) takes
in one session, and how fast: prints figures, never fails.

    .venv/bin/python bench/s3_test_server.py [--buckets N]

One bucket after another, one small object in each (each bucket is a collection with a
volume of its own in SeaweedFS); stops at the first refused write and says where.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from s3server import S3Server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buckets", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        server = S3Server(Path(tmp) / "data")
        server.start()
        try:
            start = time.perf_counter()
            for n in range(args.buckets):
                try:
                    server.store().put("a/b", b"x")
                except Exception as exc:  # the server's refusal, reported as a figure
                    print(f"refused at bucket {n + 1}: {type(exc).__name__}")
                    return
            seconds = time.perf_counter() - start
            print(f"{args.buckets} buckets, one object each: {seconds:.1f} s")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
