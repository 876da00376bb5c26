"""Rendering HTML templates to tagged, accessible PDFs with WeasyPrint. One way, for every PDF.

`render_pdf` is the function to call: a template, a context, bytes back. The document is
PDF/UA (tagged, with a title and language), in Dutch (hyphenation, lang), styled by the shared
print stylesheet `static/css/print.css`, and it may load nothing but our own static files.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

PRINT_CSS = "css/print.css"
PDF_VARIANT = "pdf/ua-1"
# Documents are rendered as if they lived here; only /static/... below it can be fetched.
BASE_URL = "file:///"
STATIC_PREFIX = "file://" + settings.STATIC_URL


def _static_file(relative: str) -> Path | None:
    if ".." in Path(relative).parts or relative.startswith("/"):
        return None
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    if found:
        return Path(found)
    candidate = (Path(settings.STATIC_ROOT) / relative).resolve()
    if candidate.is_file() and Path(settings.STATIC_ROOT).resolve() in candidate.parents:
        return candidate
    return None


def static_only_fetcher():
    """A WeasyPrint URL fetcher that serves our static files and refuses everything else
    (no network, no other files on the server): a template can never leak or fetch."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if not url.startswith(STATIC_PREFIX):
                logger.warning("PDF rendering refused to fetch %s", url[:200])
                raise ValueError(f"Only our static files can be used in a PDF: {url[:200]}")
            relative = url[len(STATIC_PREFIX) :].split("?")[0].split("#")[0]
            path = _static_file(relative)
            if path is None:
                raise ValueError(f"No such static file: {relative}")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return StaticOnlyFetcher(allowed_protocols=("file", "data"))


def render_document(*, template_name: str, context: dict):
    """Lay out a template as a WeasyPrint document (pages known), in Dutch, with the shared
    print stylesheet. Call `write_pdf` on the result, or use `render_pdf`."""
    from weasyprint import CSS, HTML

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template_name, context)
    fetcher = static_only_fetcher()
    stylesheet = CSS(filename=str(_static_file(PRINT_CSS)), url_fetcher=fetcher)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        stylesheets=[stylesheet], pdf_variant=PDF_VARIANT, pdf_tags=True
    )


def write_pdf(document) -> bytes:
    """The bytes of a rendered document as PDF/UA."""
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)


def render_pdf(*, template_name: str, context: dict) -> bytes:
    """Render a template to PDF bytes: PDF/UA, Dutch, shared print CSS, only our static files.

    The template should extend `pdf/base.html` (title, language, running footer with
    "vertrouwelijk" and page numbers).
    """
    return write_pdf(render_document(template_name=template_name, context=context))
