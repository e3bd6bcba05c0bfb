"""zeef's errors: one base, `ZeefError`, and a subclass per kind of failure.

Every message is safe to print, log or put in a summary: it says what went wrong and,
where it helps, which field or which step, never document content, names, numbers or
a configured value. The command line maps these types to exit codes
(`zeef.cli.EXIT_CODES`); nothing tells errors apart by their message text.
"""

from __future__ import annotations


class ZeefError(Exception):
    """Base of every error zeef raises on purpose."""


# -- the user's input: a one-line error and exit code 2 ----------------------------------


class InvalidInput(ZeefError):
    """Input from the user that cannot be used (a bad case file, an unknown case, a bad
    settings file, a bad labelled folder, a bad argument)."""


class CaseFileError(InvalidInput, ValueError):
    """A case file that cannot be used. Messages name the field, never its value."""


class SettingsError(InvalidInput, ValueError):
    """A settings file that cannot be used. Messages name the key, never its value."""


class UnknownCase(InvalidInput, LookupError):
    """A case id that is not registered in the store (or cannot be a case id)."""


class LabelError(InvalidInput, ValueError):
    """A labelled folder (evaluation, training) that cannot be read."""


# -- documents: never a crash of the batch; the document goes to review ------------------


class UnreadableDocument(ZeefError):
    """A document that cannot be read. The message is safe to print: it never holds
    document content or personal data, only what went wrong (e.g. "encrypted PDF")."""


class OcrUnavailable(ZeefError):
    """Tesseract or its Dutch model is not installed."""


class ModelError(ZeefError):
    """The shipped categoriser is missing, damaged or of another format."""


# -- storage and the audit trail: exit code 1 ---------------------------------------------


class StoreError(ZeefError):
    """The store failed (unreachable, refused, out of retries). Messages name the
    operation and the cause's type, never a key or data."""


class ObjectNotFound(StoreError, KeyError):
    """No object under that key."""

    def __str__(self) -> str:  # KeyError would quote the key
        return self.args[0] if self.args else "object not found"


class AuditError(ZeefError):
    """An audit event that may not be written (free text, an unknown code, a bad
    reference), or a trail that cannot be read."""


# -- redaction: nothing is written, exit code 1 ------------------------------------------


class RedactError(ZeefError):
    """A document that cannot be redacted safely; nothing was written."""


class LeakDetected(RedactError):
    """The redacted copy still holds something that was to be removed."""


# -- cutting a file into the documents it holds ------------------------------------------


class CannotCut(InvalidInput, ValueError):
    """A file that cannot be cut into the pages asked for: a format without pages (a
    single image, a text), a page index out of range, or content that would not survive
    the cut. The message names the reason, never content."""
