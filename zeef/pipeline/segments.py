"""Glued files: several documents in one PDF or multi-page TIFF, found page by page.

Citizens send an application with a GP letter and an ID scan behind it in one file. Each
page is categorised on its own (with the findings of the whole document's analysis,
sliced to the page: the document is analysed once); `zeef.classifiers.segmentation`
groups the pages into documents by where documents begin (a letterhead, "Pagina 1 van
N", a date and salutation, a change of category, a machine-readable zone). Each group
of pages is then judged as a document of its own (`classify.judge`), an ID copy's zone
read again on its own pages when the first reading failed. The file's own line takes
its most restrictive segment's category and disposition; a segment whose category is in
doubt (low confidence) sends the whole file to
review (a reviewer sees it whole, with its segments and a deadline: `deadlines`); a
segment whose category is sure but which needs a person for another reason (an ID
copy's zone unread, a case report's diagnostic language) waits in review alone, while
the others are routed: a medical letter glued to it is forwarded at once.

Ingest stores each segment as a file of its own, its pages cut out of the original
(`extract.cut`), and never the original when it was split.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging

from zeef.classifiers.categoriser import categorise
from zeef.classifiers.roles import Finding
from zeef.classifiers.segmentation import PageView, segment_pages
from zeef.domain.case import Case
from zeef.domain.document import OcrResult, ReadDocument
from zeef.domain.errors import ZeefError
from zeef.domain.vocabulary import RESTRICTIVENESS, Category, Disposition
from zeef.pipeline import classify
from zeef.pipeline.extract.cut import cut_pages

log = logging.getLogger(__name__)

# Media types whose pages can be cut into files of their own.
CUTTABLE = frozenset({"application/pdf", "image/tiff"})
SEGMENT_IN_DOUBT = "segment_in_doubt"
CUT_FAILED = "segment_cut_failed"


def _page_spans(doc: ReadDocument) -> list[tuple[int, int]]:
    starts = list(doc.page_starts)
    ends = starts[1:] + [len(doc.text)]
    return list(zip(starts, ends, strict=True))


def _findings_in(findings: list[Finding], start: int, end: int) -> list[Finding]:
    """The findings inside [start, end), with offsets into that slice."""
    return [
        dataclasses.replace(f, start=f.start - start, end=f.end - start)
        for f in findings
        if f.start >= start and f.end <= end
    ]


def _sub_ocr(ocr: OcrResult | None, pages: list[int], text_base: list[int]) -> OcrResult | None:
    """The OCR of `pages` only (renumbered from 0), for reading a zone again on them."""
    if ocr is None:
        return None
    renumber = {p: i for i, p in enumerate(pages)}
    kept = [
        dataclasses.replace(pg, index=renumber[pg.index])
        for pg in ocr.pages
        if pg.index in renumber
    ]
    words = [dataclasses.replace(w, page=renumber[w.page]) for w in ocr.words if w.page in renumber]
    if not kept:
        return None
    return OcrResult(text="", page_starts=text_base, words=words, pages=kept)


def _segment_doc(doc: ReadDocument, pages: list[int], cut: bytes, media_type: str) -> ReadDocument:
    spans = _page_spans(doc)
    start, end = spans[pages[0]][0], spans[pages[-1]][1]
    starts = [spans[p][0] - start for p in pages]
    return ReadDocument(
        name=doc.name,
        media_type=media_type,
        text=doc.text[start:end],
        page_starts=starts,
        data=cut,
        ocr=_sub_ocr(doc.ocr, pages, starts),
    )


# What makes a segment's category doubtful: then where the file splits may be wrong too,
# and the whole file goes to review. A segment whose category is sure but which needs a
# person for another reason (an ID copy whose zone cannot be read, a case report with
# diagnostic language) goes to review alone; the others are routed.
_DOUBT = frozenset({"low_confidence", "time_budget", "unreadable", "needs_ocr"})


def _in_doubt(seg: classify.Classification) -> bool:
    return any(r in _DOUBT for r in seg.reasons)


def _rank(c: classify.Classification) -> tuple[int, float]:
    order = {category: i for i, category in enumerate(RESTRICTIVENESS)}
    return order[c.category], -c.confidence


def split_glued(
    doc: ReadDocument, whole: classify.Classification, case: Case | None
) -> classify.Classification | None:
    """The file's classification with `segments` when it holds more than one document;
    None when it is one document (or cannot be cut: then it is judged whole)."""
    if doc.media_type not in CUTTABLE or len(doc.page_starts) < 2 or doc.needs_ocr:
        return None
    spans = _page_spans(doc)
    views = []
    for index, (start, end) in enumerate(spans):
        text = doc.text[start:end]
        prediction = categorise(text, _findings_in(whole.findings, start, end))
        views.append(
            PageView(
                index=index,
                text=text,
                category=prediction.category,
                confidence=prediction.confidence,
                probabilities=prediction.probabilities,
            )
        )
    groups = segment_pages(views)
    if len(groups) < 2:
        return None
    segments = []
    for pages in groups:
        start, end = spans[pages[0]][0], spans[pages[-1]][1]
        try:
            cut, media_type = cut_pages(doc.data, doc.media_type, pages)
        except (ZeefError, Exception) as exc:  # a file pypdf or Pillow cannot cut: judged whole
            log.info("glued file not cut sha256=%s error=%s", whole.sha256[:12], type(exc).__name__)
            whole.needs_review = True
            whole.disposition = Disposition.REVIEW
            whole.reasons.append(CUT_FAILED)
            return whole
        text = doc.text[start:end]
        seg = classify.judge(
            doc.name,
            text,
            _findings_in(whole.findings, start, end),
            case,
            hashlib.sha256(cut).hexdigest(),
            media_type,
        )
        seg.pages = [p + 1 for p in pages]
        seg.cut = cut
        if seg.category is Category.ID_COPY and seg.id_document is None and doc.ocr is not None:
            with classify._ocr_time():
                classify._read_zone_again(_segment_doc(doc, pages, cut, media_type), seg, case)
        segments.append(seg)
    decisive = min(segments, key=_rank)
    in_doubt = any(_in_doubt(seg) for seg in segments)
    reasons = sorted({r for seg in segments for r in seg.reasons})
    if in_doubt:
        reasons.append(SEGMENT_IN_DOUBT)
    return dataclasses.replace(
        whole,
        category=decisive.category,
        confidence=decisive.confidence,
        needs_review=any(seg.needs_review for seg in segments),
        disposition=Disposition.REVIEW if in_doubt else decisive.disposition,
        reasons=reasons,
        id_document=decisive.id_document,
        id_document_type=decisive.id_document_type,
        marks=[],
        segments=segments,
    )
