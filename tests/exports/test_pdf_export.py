"""PDFs of a plan: asked for on …/pdf/, made by Celery (eager here), kept privately, downloaded
only by who asked, logged, removed after a week."""

import datetime
import io
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from domains.models import Leefdomein
from exports import services as export_services
from exports.pdf import render_pdf, static_only_fetcher
from exports.tasks import plan_export_cleanup_task
from plans import permissions, services
from plans.models import AccessLogEntry, PlanExport, RiskAssessment
from tests.conftest import add_goals

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_commit_now(monkeypatch):
    """Celery is eager here; the export task is queued on commit, which a test that runs in a
    transaction never reaches. Run the callbacks at once, as a commit would."""
    from django.db import transaction

    monkeypatch.setattr(
        transaction, "on_commit", lambda func, using=None, robust=False: func(), raising=True
    )


def pdf_url(plan):
    return reverse("plans:plan_pdf", kwargs={"plan_uuid": plan.uuid})


def download_url(export):
    return reverse(
        "plans:plan_export_download",
        kwargs={"plan_uuid": export.plan.uuid, "export_uuid": export.uuid},
    )


def read(response) -> PdfReader:
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def filled_plan(plan, regisseur):
    wonen = Leefdomein.objects.get(code="wonen")
    goal = services.goal_create(
        plan=plan, actor=regisseur, leefdomein=wonen, text="Een eigen kamer vóór mijn 18e"
    )
    services.action_create(
        goal=goal,
        actor=regisseur,
        text="Inschrijven als woningzoekende",
        due_date=timezone.localdate() + datetime.timedelta(days=14),
    )
    RiskAssessment.objects.create(plan=plan, risk_factors="Schulden bij de telefoonprovider")
    return plan


def test_regisseur_makes_a_pdf_and_downloads_it(filled_plan, regisseur, client_for):
    client = client_for(regisseur)
    page = client.get(pdf_url(filled_plan))
    assert page.status_code == 200
    assert "Versie voor professionals" in page.content.decode()

    response = client.post(pdf_url(filled_plan), {"version": "professional"})
    assert response.status_code == 302
    export = PlanExport.objects.get()
    assert export.status == PlanExport.Status.DONE
    assert export.requested_by == regisseur
    assert export.pages >= 2
    assert str(export.file.path).startswith(str(export.file.storage.location))

    page = client.get(pdf_url(filled_plan)).content.decode()
    assert download_url(export) in page

    response = client.get(download_url(export))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert filled_plan.jongere.last_name not in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store, private"
    reader = read(response)
    text = text_of(reader)
    assert "Een eigen kamer vóór mijn 18e" in text
    assert "Inschrijven als woningzoekende" in text
    assert "Schulden bij de telefoonprovider" in text  # the regisseur sees the risicotaxatie
    assert "Vertrouwelijk" in text or "VERTROUWELIJK" in text
    assert f"Pagina 2 van {len(reader.pages)}" in text


def test_the_pdf_is_tagged_pdf_ua_in_dutch_with_a_title(filled_plan, regisseur):
    export = export_services.plan_export_request(plan=filled_plan, actor=regisseur, version="b1")
    export.refresh_from_db()
    reader = PdfReader(export.file.path)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).lower().startswith("nl")
    assert reader.metadata.title == f"Het toekomstplan van {filled_plan.jongere.first_name}"
    assert "pdfuaid" in reader.xmp_metadata.stream.get_data().decode(errors="ignore")


def test_a_professional_without_the_grant_gets_no_risicotaxatie_in_the_pdf(
    filled_plan, regisseur, professional_factory
):
    colleague = professional_factory()
    services.role_grant(
        plan=filled_plan,
        actor=regisseur,
        user=colleague,
        role="professional",
        organisation=colleague.memberships.get().organisation,
    )
    export = export_services.plan_export_request(
        plan=filled_plan, actor=colleague, version="professional"
    )
    export.refresh_from_db()
    text = text_of(PdfReader(export.file.path))
    assert "Een eigen kamer vóór mijn 18e" in text
    assert "Schulden" not in text


def test_the_jongere_gets_the_plain_version_only(filled_plan, jongere, client_for):
    client = client_for(jongere.user)
    page = client.get(pdf_url(filled_plan)).content.decode()
    assert 'value="b1"' in page and 'value="professional"' not in page
    assert client.post(pdf_url(filled_plan), {"version": "professional"}).status_code == 400
    assert PlanExport.objects.count() == 0
    client.post(pdf_url(filled_plan), {"version": "b1"})
    export = PlanExport.objects.get()
    text = text_of(read(client.get(download_url(export))))
    assert f"Je toekomstplan, {jongere.first_name}" in text
    assert "Een eigen kamer vóór mijn 18e" in text
    assert "Schulden" not in text  # the risicotaxatie stays out of the version on paper


def test_making_and_downloading_a_pdf_are_in_the_access_log(filled_plan, regisseur, client_for):
    client = client_for(regisseur)
    client.post(pdf_url(filled_plan), {"version": "b1"})
    export = PlanExport.objects.get()
    client.get(download_url(export))
    entries = AccessLogEntry.objects.filter(plan=filled_plan, object_type="planexport")
    assert [(e.action, e.detail.get("downloaded", False)) for e in entries.order_by("pk")] == [
        ("export", False),
        ("export", True),
    ]
    assert all(e.actor == regisseur and e.object_uuid == export.uuid for e in entries)


def test_only_who_asked_downloads_the_pdf(filled_plan, regisseur, jongere, client_for):
    export = export_services.plan_export_request(plan=filled_plan, actor=regisseur, version="b1")
    response = client_for(jongere.user).get(download_url(export))
    assert response.status_code == 404
    assert AccessLogEntry.objects.filter(
        actor=jongere.user, outcome="refused", object_type="planexport"
    ).exists()


def test_a_stranger_gets_404_on_every_pdf_url(filled_plan, regisseur, stranger, client_for):
    export = export_services.plan_export_request(plan=filled_plan, actor=regisseur, version="b1")
    client = client_for(stranger)
    status_url = reverse(
        "plans:plan_export_status",
        kwargs={"plan_uuid": filled_plan.uuid, "export_uuid": export.uuid},
    )
    for url in (pdf_url(filled_plan), download_url(export), status_url):
        response = client.get(url)
        assert response.status_code == 404
        assert filled_plan.jongere.last_name not in response.content.decode()
    assert client.post(pdf_url(filled_plan), {"version": "b1"}).status_code == 404
    assert PlanExport.objects.count() == 1


def test_a_revoked_professional_can_no_longer_download(
    filled_plan, regisseur, professional_factory, client_for
):
    colleague = professional_factory()
    role = services.role_grant(
        plan=filled_plan,
        actor=regisseur,
        user=colleague,
        role="professional",
        organisation=colleague.memberships.get().organisation,
    )
    export = export_services.plan_export_request(plan=filled_plan, actor=colleague, version="b1")
    client = client_for(colleague)
    assert client.get(download_url(export)).status_code == 200
    services.role_revoke(plan_role=role, actor=regisseur)
    assert client.get(download_url(export)).status_code == 404


def test_the_status_row_polls_while_busy_and_stops_when_ready(plan, regisseur, client_for):
    export = PlanExport.objects.create(plan=plan, requested_by=regisseur, version="b1")
    url = reverse(
        "plans:plan_export_status", kwargs={"plan_uuid": plan.uuid, "export_uuid": export.uuid}
    )
    client = client_for(regisseur)
    busy = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert f'id="pdf-{export.uuid}"' in busy and "hx-get" in busy
    export_services.plan_export_render(export_id=export.pk)
    ready = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-get" not in ready
    assert download_url(export) in ready
    assert client.get(url).status_code == 302  # without HTMX: back to the page


def test_the_pdf_page_query_count_is_bounded_on_a_big_plan(
    big_plan, regisseur, client_for, django_assert_max_num_queries
):
    client = client_for(regisseur)
    for _ in range(3):
        export_services.plan_export_request(plan=big_plan, actor=regisseur, version="b1")
    with django_assert_max_num_queries(16):
        assert client.get(pdf_url(big_plan)).status_code == 200


def test_a_big_plan_renders_in_a_bounded_number_of_queries(
    big_plan, regisseur, django_assert_max_num_queries
):
    from exports.selectors import plan_print

    with django_assert_max_num_queries(12):
        printable = plan_print(
            access=permissions.access_for(regisseur, big_plan), version="professional"
        )
    assert printable.goal_count == 60
    assert sum(len(g.actions.all()) for p in printable.pillars for d in p.domains for g in d.goals)


def test_exports_older_than_a_week_are_removed_with_their_file(plan, regisseur):
    old = export_services.plan_export_request(plan=plan, actor=regisseur, version="b1")
    new = export_services.plan_export_request(plan=plan, actor=regisseur, version="b1")
    old.refresh_from_db()
    path = old.file.path
    PlanExport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=7, minutes=1)
    )
    assert plan_export_cleanup_task.delay().get() == 1
    assert list(PlanExport.objects.all()) == [new]
    import os

    assert not os.path.exists(path)


def test_pdf_rendering_fetches_only_our_static_files():
    fetcher = static_only_fetcher()
    css = fetcher.fetch("file:///static/css/print.css")
    assert b"@page" in css.read()
    for url in (
        "https://example.org/tracker.png",
        "file:///etc/passwd",
        "file:///static/../../etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_render_pdf_is_one_reusable_function(plan, regisseur):
    """The portal's AVG-inzage will reuse it: any template extending pdf/base.html."""
    from exports.selectors import plan_print

    add_goals(plan, regisseur, goals=2, actions_per_goal=1)
    content = render_pdf(
        template_name="exports/pdf/plan_b1.html",
        context={"p": plan_print(access=permissions.access_for(regisseur, plan), version="b1")},
    )
    assert content.startswith(b"%PDF-")
    assert "Doel 1" in text_of(PdfReader(io.BytesIO(content)))


def test_an_unknown_export_is_404(plan, regisseur, client_for):
    url = reverse(
        "plans:plan_export_download", kwargs={"plan_uuid": plan.uuid, "export_uuid": uuid.uuid4()}
    )
    assert client_for(regisseur).get(url).status_code == 404


def test_the_status_and_download_query_counts_are_bounded_on_a_big_plan(
    big_plan, regisseur, client_for, django_assert_max_num_queries
):
    export = export_services.plan_export_request(plan=big_plan, actor=regisseur, version="b1")
    client = client_for(regisseur)
    kwargs = {"plan_uuid": big_plan.uuid, "export_uuid": export.uuid}
    with django_assert_max_num_queries(14):
        client.get(reverse("plans:plan_export_status", kwargs=kwargs), HTTP_HX_REQUEST="true")
    with django_assert_max_num_queries(16):
        assert client.get(reverse("plans:plan_export_download", kwargs=kwargs)).status_code == 200
