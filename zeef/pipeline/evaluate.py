"""`zeef evaluate DIR`: how well zeef classifies a labelled folder.

Reports accuracy, macro-F1, per-category precision and recall, the confusion matrix,
disposition accuracy, the review rate, and, where the labels list third-party strings,
the recall of third-party findings (share of labelled third-party strings that a finding
with role `third_party` covers). Municipalities run it on their own labelled samples.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

from zeef.domain.case import load_case
from zeef.domain.document import ReadDocument
from zeef.domain.errors import CaseFileError, InvalidInput, UnreadableDocument
from zeef.domain.policy import decide
from zeef.domain.vocabulary import Category, Disposition, Role
from zeef.pipeline.classify import Classification, classify_document
from zeef.pipeline.extract import read_path
from zeef.pipeline.labelled import LabelError, LabelledDocument, read_labelled_folder
from zeef.pipeline.redact import redact_text
from zeef.pipeline.segments import SEGMENT_IN_DOUBT


class EvaluationError(InvalidInput):
    """A folder that cannot be evaluated (no labels, unknown categories)."""


def _texts(read: ReadDocument, result: Classification):
    """(text, findings) pairs of a document: itself, or each part of an e-mail."""
    if read.parts:
        yield read.text, result.findings
        for part_doc, part in zip(read.parts, result.parts, strict=False):
            yield part_doc.text, part.findings
    else:
        yield read.text, result.findings


def _occurrences(text: str, needle: str):
    start = text.find(needle)
    while start >= 0 and needle:
        yield start, start + len(needle)
        start = text.find(needle, start + 1)


def _covered(span: tuple[int, int], findings, roles: set[Role]) -> bool:
    s, e = span
    need = (e - s) * 0.5
    got = 0
    for f in findings:
        if f.role in roles:
            got += max(0, min(e, f.end) - max(s, f.start))
    return got >= need


def evaluate_folder(root, limit: int | None = None) -> dict:
    try:
        docs: list[LabelledDocument] = read_labelled_folder(root)
    except LabelError as exc:
        raise EvaluationError(str(exc)) from None
    if limit:
        docs = docs[:limit]
    cases: dict = {}
    y_true: list[str] = []
    y_pred: list[str] = []
    disp_ok = 0
    disp_n = 0
    reviewed = 0
    errors = 0
    tp_total = tp_found = tp_any = 0
    subj_total = subj_as_third = 0
    red = _RedactionScore()
    glued = _GluedScore()
    layouts = _LayoutScore()
    unsafe = 0  # a medical document or page, or an ID copy, routed into a dossier part
    ids = _IdScore()
    misses: list[dict] = []
    t0 = time.perf_counter()
    for doc in docs:
        case = None
        if doc.case_path is not None:
            if doc.case_path not in cases:
                try:
                    cases[doc.case_path] = load_case(doc.case_path)
                except CaseFileError as exc:
                    raise EvaluationError(f"{doc.case_path}: {exc}") from None
            case = cases[doc.case_path]
        try:
            read = read_path(doc.path)
        except UnreadableDocument:
            errors += 1
            y_true.append(doc.category.value)
            y_pred.append(Category.OTHER.value)
            continue
        result = classify_document(read, case)
        y_true.append(doc.category.value)
        y_pred.append(result.category.value)
        layouts.add(doc, result)
        unsafe += _unsafe(doc, result)
        if doc.segments:
            glued.add(doc, result, len(read.page_starts))
        reviewed += result.needs_review
        expected = doc.disposition
        if expected is None and case is not None:
            expected = decide(doc.category, case.medical_policy, law=case.law).value
        elif expected is None:
            expected = decide(doc.category, Disposition.FORWARD_MEDICAL_ADVISER).value
        disp_n += 1
        disp_ok += result.disposition.value == expected
        ids.add(doc, result)
        if result.category is not doc.category or result.disposition.value != expected:
            misses.append(_miss(root, doc, result, expected))
        for text, findings in _texts(read, result):
            for needle in set(doc.third_party):
                for span in _occurrences(text, needle):
                    tp_total += 1
                    tp_found += _covered(span, findings, {Role.THIRD_PARTY})
                    tp_any += _covered(span, findings, set(Role) - {Role.SUBJECT})
            for needle in set(doc.subject):
                for span in _occurrences(text, needle):
                    subj_total += 1
                    subj_as_third += _covered(span, findings, {Role.THIRD_PARTY})
            if case is not None and (doc.third_party or doc.subject):
                red.add(text, redact_text(text, case)[0], doc)
        red.end_document()
    seconds = time.perf_counter() - t0
    report = _report(
        y_true,
        y_pred,
        disp_ok,
        disp_n,
        reviewed,
        errors,
        seconds,
        (tp_total, tp_found, tp_any),
        (subj_total, subj_as_third),
    )
    report["redaction"] = red.report()
    report["unsafe_routing"] = unsafe
    if ids.labelled:
        report["id_documents"] = ids.report()
    report["misses"] = misses
    if glued.files:
        report["glued"] = glued.report()
    if layouts.any:
        report["layouts"] = layouts.report()
    return report


_DOSSIER = {Disposition.ARCHIVE, Disposition.WORKING}
_NEVER_IN_DOSSIER = {Category.MEDICAL.value, Category.ID_COPY.value}


def _page_dispositions(result: Classification, pages: int) -> dict[int, Disposition]:
    """The disposition each page (1-based) ended with (a file with a segment in doubt
    waits in review whole, as `zeef ingest` keeps it)."""
    if result.segments and SEGMENT_IN_DOUBT not in result.reasons:
        return {p: seg.disposition for seg in result.segments for p in seg.pages}
    return dict.fromkeys(range(1, pages + 1), result.disposition)


def _unsafe(doc: LabelledDocument, result: Classification) -> int:
    """1 when a medical page or an ID copy of this document was routed into a dossier."""
    if doc.segments:
        pages = max(p for s in doc.segments for p in s["pages"])
        routed = _page_dispositions(result, pages)
        return int(
            any(
                routed.get(p) in _DOSSIER
                for s in doc.segments
                if s["category"] in _NEVER_IN_DOSSIER
                for p in s["pages"]
            )
        )
    if result.parts and doc.parts:
        # An e-mail: each part by its own label (by name, else by position).
        truth = {p.get("name"): p.get("category") for p in doc.parts}
        if len(doc.parts) == len(result.parts) and not all(
            part.name in truth for part in result.parts
        ):
            truth = {
                part.name: p.get("category")
                for part, p in zip(result.parts, doc.parts, strict=True)
            }
        return int(
            any(
                truth.get(part.name) in _NEVER_IN_DOSSIER and part.disposition in _DOSSIER
                for part in result.parts
            )
        )
    if doc.category.value in _NEVER_IN_DOSSIER:
        return int(result.disposition in _DOSSIER)
    return 0


def _miss(root, doc: LabelledDocument, result: Classification, expected: str) -> dict:
    """A document whose category or disposition is not the labelled one: its file (as
    labelled), both categories and dispositions, and the reason codes (no text)."""
    try:
        name = str(doc.path.relative_to(Path(root)))
    except ValueError:
        name = doc.path.name
    return {
        "file": name,
        "category": doc.category.value,
        "predicted": result.category.value,
        "disposition": expected,
        "got": result.disposition.value,
        "reasons": list(result.reasons),
    }


class _IdScore:
    """ID copies labelled with their number and expiry: read exactly, read wrong (a
    number or expiry that is not the labelled one), or not read (left to review)."""

    def __init__(self) -> None:
        self.labelled = self.exact = self.wrong = self.unread = 0

    def add(self, doc: LabelledDocument, result: Classification) -> None:
        truth = doc.id_document
        if not truth or doc.category is not Category.ID_COPY:
            return
        self.labelled += 1
        got = result.id_document
        if not got or not got.get("number"):
            self.unread += 1
        elif (got.get("number"), got.get("valid_until")) == (
            truth.get("number"),
            truth.get("valid_until"),
        ):
            self.exact += 1
        else:
            self.wrong += 1

    def report(self) -> dict:
        return {
            "labelled": self.labelled,
            "exact": self.exact,
            "exact_share": round(self.exact / self.labelled, 3),
            "wrong": self.wrong,
            "unread": self.unread,
        }


class _GluedScore:
    """Glued files: split right (the same groups of pages as labelled), and each
    segment's category right."""

    def __init__(self) -> None:
        self.files = self.split_right = self.categories_right = 0
        self.segments = self.segments_found = self.segments_routed_right = 0
        self.whole_to_review = 0

    def add(self, doc: LabelledDocument, result: Classification, pages: int) -> None:
        self.files += 1
        truth = [sorted(s["pages"]) for s in doc.segments]
        found = (
            [sorted(seg.pages) for seg in result.segments]
            if result.segments
            else [list(range(1, pages + 1))]
        )
        self.segments += len(truth)
        self.segments_found += sum(1 for g in found if g in truth)
        routed = _page_dispositions(result, pages)
        self.segments_routed_right += sum(
            all(routed.get(p) == Disposition(s["disposition"]) for p in s["pages"])
            for s in doc.segments
        )
        right = truth == found
        self.split_right += right
        self.whole_to_review += result.disposition is Disposition.REVIEW
        if right:
            cats = [s["category"] for s in doc.segments]
            got = (
                [seg.category.value for seg in result.segments]
                if result.segments
                else [result.category.value]
            )
            self.categories_right += cats == got

    def report(self) -> dict:
        return {
            "files": self.files,
            "split_right": self.split_right,
            "split_rate": round(self.split_right / self.files, 3),
            "split_and_categories_right": self.categories_right,
            "segments": self.segments,
            "segments_found": self.segments_found,
            # documents in the files whose every page was routed as labelled: what the
            # dossier gets, where the file's own disposition only gives the strictest
            "segment_disposition_accuracy": round(self.segments_routed_right / self.segments, 3),
            "to_review": self.whole_to_review,
        }


class _LayoutScore:
    """Accuracy on templates the shipped model was trained on against those it never
    saw (labels with `layout`, as the generator writes), and per template."""

    def __init__(self) -> None:
        from zeef.classifiers.categoriser import model

        self.known = model().layouts
        self.rows: dict[str, list[int]] = {}
        self.any = False

    def add(self, doc: LabelledDocument, result: Classification) -> None:
        if not doc.layout:
            return
        self.any = True
        key = f"{doc.category.value}/{doc.layout}"
        self.rows.setdefault(key, []).append(int(result.category is doc.category))

    def report(self) -> dict:
        def acc(keys) -> dict:
            hits = [h for k in keys for h in self.rows[k]]
            return {
                "documents": len(hits),
                "accuracy": round(sum(hits) / len(hits), 3) if hits else None,
            }

        seen = [k for k in self.rows if k in self.known]
        unseen = [k for k in self.rows if k not in self.known]
        return {
            "seen": acc(seen),
            "unseen": acc(unseen),
            "per_layout": {k: round(sum(v) / len(v), 3) for k, v in sorted(self.rows.items())},
        }


_WORDS = re.compile(r"\w+")


class _RedactionScore:
    """Leaks, retention and over-redaction of `redact_text` against labelled strings.

    - leak rate: share of labelled third-party string occurrences still in the output;
    - documents with a leak;
    - subject retention: share of the subject's string occurrences kept;
    - over-redaction: share of the other words (in no labelled personal string) removed.
    """

    def __init__(self) -> None:
        self.tp = self.tp_leaked = self.subj = self.subj_kept = 0
        self.words = self.words_removed = 0
        self.documents = self.documents_leaking = 0
        self._leaked_here = self._seen_here = False

    def add(self, original: str, redacted: str, doc: LabelledDocument) -> None:
        self._seen_here = True
        for needle in set(doc.third_party):
            n = original.count(needle)
            self.tp += n
            leaked = min(n, redacted.count(needle))
            self.tp_leaked += leaked
            self._leaked_here |= leaked > 0
        for needle in set(doc.subject):
            n = original.count(needle)
            self.subj += n
            self.subj_kept += min(n, redacted.count(needle))
        personal: Counter[str] = Counter()
        for needle in (*doc.third_party, *doc.subject, *doc.professional):
            for w in _WORDS.findall(needle):
                personal[w] += original.count(needle)
        before = Counter(_WORDS.findall(original))
        after = Counter(_WORDS.findall(redacted))
        for word, n in before.items():
            other = max(0, n - personal.get(word, 0))
            self.words += other
            self.words_removed += min(other, max(0, n - after.get(word, 0)))

    def end_document(self) -> None:
        self.documents += self._seen_here
        self.documents_leaking += self._leaked_here
        self._leaked_here = self._seen_here = False

    def report(self) -> dict:
        def share(a: int, b: int) -> float | None:
            return a / b if b else None

        return {
            "documents": self.documents,
            "third_party_strings": self.tp,
            "leak_rate": share(self.tp_leaked, self.tp),
            "documents_with_leak": self.documents_leaking,
            "subject_strings": self.subj,
            "subject_retention": share(self.subj_kept, self.subj),
            "over_redaction": share(self.words_removed, self.words),
        }


def _report(y_true, y_pred, disp_ok, disp_n, reviewed, errors, seconds, tp, subj) -> dict:
    labels = [c.value for c in Category]
    n = len(y_true)
    confusion = {t: {p: 0 for p in labels} for t in labels}
    for t, p in zip(y_true, y_pred, strict=True):
        confusion[t][p] += 1
    per_category = {}
    f1s = []
    for c in labels:
        tp_ = confusion[c][c]
        fp = sum(confusion[t][c] for t in labels) - tp_
        fn = sum(confusion[c].values()) - tp_
        support = sum(confusion[c].values())
        precision = tp_ / (tp_ + fp) if tp_ + fp else 0.0
        recall = tp_ / (tp_ + fn) if tp_ + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_category[c] = {"precision": precision, "recall": recall, "f1": f1, "support": support}
        if support:
            f1s.append(f1)
    tp_total, tp_found, tp_any = tp
    subj_total, subj_as_third = subj
    return {
        "documents": n,
        "accuracy": sum(t == p for t, p in zip(y_true, y_pred, strict=True)) / n if n else 0.0,
        "macro_f1": sum(f1s) / len(f1s) if f1s else 0.0,
        "disposition_accuracy": disp_ok / disp_n if disp_n else 0.0,
        "review_rate": reviewed / n if n else 0.0,
        "unreadable": errors,
        "per_category": per_category,
        "confusion": confusion,
        "third_party": {
            "strings": tp_total,
            "recall_as_third_party": tp_found / tp_total if tp_total else None,
            "recall_not_subject": tp_any / tp_total if tp_total else None,
        },
        "subject": {
            "strings": subj_total,
            "marked_third_party": subj_as_third / subj_total if subj_total else None,
        },
        "seconds": round(seconds, 2),
        "distribution": dict(Counter(y_true)),
    }


def format_report(r: dict) -> str:
    labels = list(r["confusion"])
    short = {c: c[:6] for c in labels}
    lines = [
        f"documents            {r['documents']}",
        f"accuracy             {r['accuracy']:.3f}",
        f"macro-F1             {r['macro_f1']:.3f}",
        f"disposition accuracy {r['disposition_accuracy']:.3f}",
        f"review rate          {r['review_rate']:.3f}",
        f"unreadable           {r['unreadable']}",
    ]
    tp = r["third_party"]
    if tp["strings"]:
        lines.append(
            f"third-party recall   {tp['recall_as_third_party']:.3f} as third party, "
            f"{tp['recall_not_subject']:.3f} found at all ({tp['strings']} strings)"
        )
    if r["subject"]["strings"]:
        lines.append(
            f"subject strings marked third party {r['subject']['marked_third_party']:.3f} "
            f"({r['subject']['strings']} strings)"
        )
    red = r.get("redaction") or {}
    if red.get("third_party_strings"):
        lines.append(
            f"redaction            leak rate {red['leak_rate']:.3f} "
            f"({red['documents_with_leak']} of {red['documents']} documents leak), "
            f"subject retention {red['subject_retention']:.3f}, "
            f"over-redaction {red['over_redaction']:.3f}"
        )
    lines.append(
        f"unsafe routing       {r.get('unsafe_routing', 0)} (medical or ID copy into a dossier)"
    )
    ids = r.get("id_documents")
    if ids:
        lines.append(
            f"ID number and expiry {ids['exact']} of {ids['labelled']} exact "
            f"({ids['exact_share']:.3f}), {ids['wrong']} wrong, {ids['unread']} not read"
        )
    g = r.get("glued")
    if g:
        lines.append(
            f"glued files          {g['split_right']} of {g['files']} split right "
            f"({g['split_rate']:.3f}); {g['split_and_categories_right']} with every segment's "
            f"category right; {g['to_review']} to review"
        )
        lines.append(
            f"glued documents      {g['segment_disposition_accuracy']:.3f} routed as labelled "
            f"({g['segments']} documents in the files, page by page)"
        )
    lay = r.get("layouts")
    if lay:
        for which in ("seen", "unseen"):
            if lay[which]["documents"]:
                lines.append(
                    f"{which + ' templates':20} {lay[which]['accuracy']:.3f} accuracy "
                    f"({lay[which]['documents']} documents)"
                )
    lines.append(f"seconds              {r['seconds']}")
    lines.append("")
    lines.append(f"{'category':16} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>5}")
    for c, m in r["per_category"].items():
        lines.append(
            f"{c:16} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['support']:5d}"
        )
    lines.append("")
    lines.append("confusion (rows: true, columns: predicted)")
    lines.append(" " * 16 + " ".join(f"{short[c]:>6}" for c in labels))
    for t in labels:
        lines.append(f"{t:16}" + " ".join(f"{r['confusion'][t][p]:6d}" for p in labels))
    if r.get("misses"):
        lines.append("")
        lines.append("not right (file: category -> predicted, disposition -> got, reasons)")
        for m in r["misses"]:
            lines.append(
                f"{m['file']}: {m['category']} -> {m['predicted']}, "
                f"{m['disposition']} -> {m['got']}, {','.join(m['reasons']) or '-'}"
            )
    return "\n".join(lines)
