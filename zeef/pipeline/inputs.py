"""What `zeef ingest` reads: the paths the user gave, folders walked, links checked.

`walk_inputs(paths)` yields one `Input` per file to read, or per path refused, in order:
a given file as given; a given folder walked in name order (the files of a folder, then
its sub-folders; hidden files and folders skipped), without leaving it:

- a file found in a folder is opened without following a link (`Input.follow` false), so
  it cannot be swapped for a link between the walk and the read;
- a link found in a folder is followed once when its target is a file inside the given
  folder (the target is read, the link's path shown); a link whose target is outside
  (``/etc/passwd``, ``/dev/zero``) is skipped, and so is a link to a folder (its files are
  read where they are, so a loop cannot happen) and a link that leads nowhere;
- a FIFO, device or socket is never opened (`zeef.pipeline.extract.check_file`).

A skipped link is a warning (`WARNINGS`); a missing path, a path that is not a regular
file, a folder that cannot be listed or a file too large even to hash is refused
(`REFUSED`: the command exits 1). Either goes into the summary's `errors` with the path
as given (or as found under a given folder), never a link's target.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from zeef.domain.errors import UnreadableDocument
from zeef.pipeline.extract import FileMissing, NotAFile, check_file

MISSING = "no such file"
NOT_REGULAR = "not a regular file"
NOT_LISTED = "cannot read folder"
NOT_RECORDED = "file too large to record"
LEAVES = "skipped a link that leaves the folder"
LINKED_FOLDER = "skipped a link to a folder"
BROKEN_LINK = "skipped a link that cannot be followed"

WARNINGS = frozenset({LEAVES, LINKED_FOLDER, BROKEN_LINK})
REFUSED = frozenset({MISSING, NOT_REGULAR, NOT_LISTED, NOT_RECORDED})


@dataclass(frozen=True)
class Input:
    """One path: `path` to read (None when refused or skipped: `problem` says why),
    `given` what the summary calls it, `follow` whether `path` may be a link."""

    path: Path | None
    given: str
    problem: str | None = None
    follow: bool = True


def walk_inputs(paths: Iterable[str]) -> Iterator[Input]:
    """Every file under `paths`; see the module docstring."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
            continue
        try:
            check_file(path)  # the user named it: a link is followed
        except FileMissing:
            yield Input(None, given, MISSING)
        except NotAFile:
            yield Input(None, given, NOT_REGULAR)
        except UnreadableDocument:
            yield Input(path, given)  # cannot be opened: add_file says so
        else:
            yield Input(path, given)


def _walk(top: Path) -> Iterator[Input]:
    root = top.resolve()
    refused: list[Input] = []

    def unlisted(exc: OSError) -> None:
        refused.append(Input(None, str(exc.filename or top), NOT_LISTED))

    for folder, dirs, files in os.walk(top, onerror=unlisted):
        yield from refused
        refused.clear()
        here = Path(folder)
        linked = [d for d in dirs if (here / d).is_symlink() and not d.startswith(".")]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked)
        for name in sorted(n for n in [*files, *linked] if not n.startswith(".")):
            yield _entry(here / name, root)
    yield from refused


def _entry(path: Path, root: Path) -> Input:
    shown = str(path)
    if not path.is_symlink():
        return Input(path, shown, follow=False)
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # nowhere, a loop
        return Input(None, shown, BROKEN_LINK)
    if not target.is_relative_to(root):
        return Input(None, shown, LEAVES)
    if target.is_dir():
        return Input(None, shown, LINKED_FOLDER)
    return Input(target, shown, follow=False)
