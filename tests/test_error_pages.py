"""Our own error pages (issue 19): Dutch, the product's look, a way back home, plain words
under /mijn/, never a detail of the error, and the 500 page without the database."""

import uuid

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from toekomstplan import errors


def _is_ours(html: str) -> None:
    assert '<html lang="nl"' in html
    assert "css/toekomstplan.css" in html  # the product's look
    assert 'class="tp-logo" href="/' in html
    for english in ("Not Found", "Forbidden", "Server Error", "Bad Request", "CSRF"):
        assert english not in html


@pytest.mark.django_db
def test_a_plan_that_is_not_mine_gives_our_dutch_404_with_a_link_home(stranger, plan, client_for):
    response = client_for(stranger).get(f"/plannen/{plan.uuid}/")
    assert response.status_code == 404
    html = response.content.decode()
    _is_ours(html)
    assert "Pagina niet gevonden" in html
    assert '<a class="utrecht-link" href="/">Naar de startpagina</a>' in html


@pytest.mark.django_db
def test_a_jongere_in_the_portal_gets_the_404_in_plain_words(jongere, plan, client_for):
    response = client_for(jongere.user).get(f"/mijn/doelen/{uuid.uuid4()}/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    _is_ours(html)
    assert "We kunnen deze pagina niet vinden" in html
    assert "Begin opnieuw vanaf je startpagina." in html
    assert 'href="/mijn/">Terug naar Mijn toekomst</a>' in html
    assert "utrecht-portal.css" in html and "tp-portal" in html


@pytest.mark.django_db
def test_a_form_sent_without_its_safety_code_gets_our_page_not_djangos(regisseur, client_for):
    client = client_for(regisseur)
    client.handler.enforce_csrf_checks = True
    response = client.post("/meldingen/")
    assert response.status_code == 403
    html = response.content.decode()
    _is_ours(html)
    assert "Het formulier kon niet worden verstuurd" in html
    assert "Referer" not in html and "token" not in html  # no detail of the refusal


@pytest.mark.django_db
def test_the_portal_csrf_page_speaks_b1(jongere, plan, client_for):
    client = client_for(jongere.user)
    client.handler.enforce_csrf_checks = True
    response = client.post("/mijn/delen/uitnodigen/")
    assert response.status_code == 403
    assert "De pagina stond lang open." in response.content.decode()


def test_a_request_for_a_host_we_do_not_serve_gets_our_400_page():
    response = Client(HTTP_HOST="aanval.example").get("/")
    assert response.status_code == 400
    html = response.content.decode()
    _is_ours(html)
    assert "Het verzoek kon niet worden begrepen" in html
    assert "aanval.example" not in html  # no detail of the error


@pytest.mark.django_db
def test_the_500_page_renders_without_a_single_query_and_says_nothing_of_the_error():
    request = RequestFactory().get("/plannen/")
    with CaptureQueriesContext(connection) as queries:
        response = errors.server_error(request)
    assert len(queries) == 0
    assert response.status_code == 500
    html = response.content.decode()
    _is_ours(html)
    assert "Er ging bij ons iets mis" in html
    assert "Traceback" not in html


def test_when_the_database_cannot_be_reached_the_answer_is_our_500_page():
    """No database access at all (pytest-django refuses every query outside a db test): reading
    the session fails, and the page that answers needs no database itself."""
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "een-sessie-die-uit-de-database-moet-komen"
    response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    _is_ours(html)
    assert "Er ging bij ons iets mis" in html
    assert "Database access not allowed" not in html  # no detail of the error
