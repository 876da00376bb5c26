"""A database that does not answer gives a Dutch 503 page, not Django's bare 500."""

from __future__ import annotations

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

DATABASE_DOWN = "_tp_database_down"


@receiver(got_request_exception)
def _note_database_down(sender, request=None, **kwargs):
    """Django turns an exception into a 500 in the middleware layer where it was raised (the
    session saved in SessionMiddleware, the user read further in), so the exception never
    reaches an outer middleware. This receiver runs while it is handled and marks the request."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, OperationalError | InterfaceError):
        setattr(request, DATABASE_DOWN, True)


class DatabaseUnavailableMiddleware:
    """Outside the session and the user: a response that failed because the database did not
    answer becomes `errors/503.html`, rendered without request, database or session, with a
    Retry-After. Django reconnects by itself on a later request once the database is back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, DATABASE_DOWN, False):
            logger.warning("Database does not answer: %s %s gets 503", request.method, request.path)
            response = HttpResponse(render_to_string("errors/503.html"), status=503)
            response["Retry-After"] = "60"
            response["Cache-Control"] = "no-store"
        return response
