"""PyMuPDF, imported from here only: MuPDF prints its errors and warnings to stderr, and
they quote the document ("unknown keyword: 'PieterJansen'"), so they are switched off
once, for every reader, renderer and writer in the process."""

import pymupdf

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

__all__ = ["pymupdf"]
