"""A document's time budget (`limits.document_seconds`): analysis stops when it is spent.

Every stage is linear (or n log n) in the text, so an ordinary document never comes near
the budget; it is the bound on what a hostile or freak input may cost (a PDF that expands
to 40 million characters). When it is spent, `check` raises `TimeBudgetExceeded` and
nothing found so far is trusted: `classify` sends the document to review (reason
``time_budget``), `redact` refuses it.

The budget in force is the one `document` started in this context (a thread, a task);
stages that do not find one running start their own, continuing the time the earlier
stages of the same document spent: `analyze` returns its results as an `Analysis` that
carries its seconds, `assign_roles` its findings as `Findings`, so ``assign_roles(text,
analyze(text), case)`` and then the redaction plan share one budget without a caller
having to open it. Outside any budget (a stage called on its own) nothing is checked
against a clock that started long ago: only the seconds spent on this document count.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from zeef.domain import settings
from zeef.domain.errors import ZeefError


class TimeBudgetExceeded(ZeefError):
    """The document took longer than its time budget; nothing found in it is trusted."""

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "document exceeded its time budget (limits.document_seconds): "
            "not analysed, nothing written"
        )


class Budget:
    """Seconds for one document, and when they run out."""

    __slots__ = ("seconds", "deadline")

    def __init__(self, seconds: float, spent: float = 0.0) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds - spent

    @property
    def spent(self) -> float:
        return self.seconds - (self.deadline - time.monotonic())

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise TimeBudgetExceeded()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Work that has its own limits (OCR) does not count against the document."""
        started = time.monotonic()
        try:
            yield
        finally:
            self.deadline += time.monotonic() - started


_running: ContextVar[Budget | None] = ContextVar("zeef_document_budget", default=None)


def running() -> Budget | None:
    """The budget in force in this context, if any."""
    return _running.get()


def check() -> None:
    """Raise `TimeBudgetExceeded` if the budget in force is spent (cheap: call it often)."""
    budget = _running.get()
    if budget is not None and time.monotonic() > budget.deadline:
        raise TimeBudgetExceeded()


@contextmanager
def document(spent: float = 0.0) -> Iterator[Budget]:
    """The budget for the block: the one already running (a stage inside `classify`, an
    e-mail's part inside its message), else a new one of `limits.document_seconds` of
    which `spent` seconds are gone already (the document's earlier stages)."""
    budget = _running.get()
    if budget is not None:
        yield budget
        return
    budget = Budget(settings.limits().document_seconds, spent)
    token = _running.set(budget)
    try:
        budget.check()
        yield budget
    finally:
        _running.reset(token)


def spent_before(value: object) -> float:
    """The seconds a stage's output says its document took so far (0.0 if it says none)."""
    return getattr(value, "seconds_spent", 0.0)


class Analysis(list):
    """The analyzer's results, with the seconds the document took so far."""

    seconds_spent: float = 0.0


class Findings(list):
    """The findings with roles, with the seconds the document took so far."""

    seconds_spent: float = 0.0
