"""/meldingen/: a person's notifications, and the count in the header."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans import services
from plans.models import Notification

pytestmark = pytest.mark.django_db
URL = "/meldingen/"


def notify(user, plan, count=1, title="Milan wordt 18"):
    Notification.objects.bulk_create(
        Notification(user=user, plan=plan, title=f"{title} ({i})", body="Kijk naar de checklist.")
        for i in range(count)
    )


def test_the_page_lists_my_notifications_and_opening_it_marks_nothing_read(
    plan, regisseur, client_for
):
    """Issue 19: a GET (a preloading browser, a link checker) changed data; now it only reads."""
    notify(regisseur, plan, 2)
    client = client_for(regisseur)
    home = client.get(reverse("plans:plan_list")).content.decode()
    assert 'class="tp-count">2<' in home  # the badge in the header
    html = client.get(URL).content.decode()
    assert html.count('class="tp-notification tp-notification--unread"') == 2
    assert "Milan wordt 18 (1)" in html
    assert "Alles gelezen" in html
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    again = client.get(URL).content.decode()
    assert again.count("tp-notification--unread") == 2
    assert 'class="tp-count">2<' in again


def test_all_read_is_a_button_that_marks_them_read(plan, regisseur, client_for):
    notify(regisseur, plan, 2)
    client = client_for(regisseur)
    response = client.post(URL)
    assert response.status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    html = client.get(URL).content.decode()
    assert "tp-notification--unread" not in html
    assert "tp-count" not in html and "Alles gelezen" not in html


def test_one_notification_is_marked_read_by_its_own_button_and_only_mine(
    plan, regisseur, stranger, client_for
):
    notify(regisseur, plan, 2)
    notify(stranger, plan, 1, title="Niet van mij")
    first, second = Notification.objects.filter(user=regisseur).order_by("pk")
    theirs = Notification.objects.get(user=stranger)
    client = client_for(regisseur)
    assert client.post(URL, {"notification": first.pk}).status_code == 302
    assert client.post(URL, {"notification": theirs.pk}).status_code == 302
    first.refresh_from_db(), second.refresh_from_db(), theirs.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None and theirs.read_at is None
    assert client.get(URL).content.decode().count("tp-notification--unread") == 1


def test_someone_else_never_sees_my_notifications(plan, regisseur, stranger, client_for):
    notify(regisseur, plan)
    html = client_for(stranger).get(URL).content.decode()
    assert "Milan wordt 18" not in html
    assert Notification.objects.get().read_at is None


def test_notifications_about_a_plan_i_left_are_hidden(
    plan, regisseur, professional_factory, client_for
):
    colleague = professional_factory()
    role = services.role_grant(
        plan=plan,
        actor=regisseur,
        user=colleague,
        role="professional",
        organisation=colleague.memberships.get().organisation,
    )
    notify(colleague, plan)
    client = client_for(colleague)
    assert "Milan wordt 18" in client.get(URL).content.decode()
    services.role_revoke(plan_role=role, actor=regisseur)
    Notification.objects.update(read_at=None)
    html = client.get(URL).content.decode()
    assert "Milan wordt 18" not in html
    assert "tp-count" not in html


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_page_and_badge_do_not_add_a_query_per_notification(plan, regisseur, client_for):
    client = client_for(regisseur)
    client.get(URL)  # the first request of a session does some sign-in bookkeeping
    notify(regisseur, plan, 3)
    few = _queries(client)
    Notification.objects.update(read_at=None)
    notify(regisseur, plan, 40)
    many = _queries(client)
    assert few == many <= 12


def _badge_queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return sum("plans_notification" in q["sql"] for q in queries.captured_queries), html


def test_the_header_badge_is_counted_once_and_then_reused_until_it_changes(
    plan, regisseur, client_for
):
    notify(regisseur, plan, 2)
    client = client_for(regisseur)
    url = reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid})
    counted, html = _badge_queries(client, url)
    assert counted == 1 and 'class="tp-count">2<' in html
    counted, html = _badge_queries(client, url)
    assert counted == 0 and 'class="tp-count">2<' in html  # from the cache
    client.post(URL)  # "All read": the badge follows
    assert "tp-count" not in client.get(URL).content.decode()
    assert "tp-count" not in client.get(url).content.decode()
