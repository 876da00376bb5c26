"""A real Celery worker renders PDFs of a demo plan; we read them back with pypdf."""

import pytest
from django.utils import timezone
from pypdf import PdfReader

from exports import services as export_services
from network.models import User
from plans.models import Goal, PlanExport, Toekomstplan
from tooling.demo import seed_demo

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _finished(export_pk):
    return PlanExport.objects.get(pk=export_pk).status in ("done", "failed")


def _text(export) -> tuple[str, int]:
    reader = PdfReader(export.file.path)
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_worker_renders_both_versions_of_a_demo_plan(celery_worker_process, wait_for):
    seed_demo(today=timezone.localdate())
    plan = Toekomstplan.objects.select_related("jongere").get(
        jongere__user__email="milan@demo.toekomstplan.nl"
    )
    sanne = User.objects.get(email="sanne@demo.toekomstplan.nl")
    goals = list(Goal.objects.filter(plan=plan).exclude(status="gestopt"))
    assert goals

    professional = export_services.plan_export_request(
        plan=plan, actor=sanne, version="professional"
    )
    b1 = export_services.plan_export_request(plan=plan, actor=plan.jongere.user, version="b1")
    for export in (professional, b1):
        wait_for(lambda export=export: _finished(export.pk), seconds=90)
        export.refresh_from_db()
        assert export.status == PlanExport.Status.DONE, export.error
    assert "plan_export_render_task" in celery_worker_process["log"].read_text()

    text, pages = _text(professional)
    assert pages == professional.pages >= 2
    assert "versie voor professionals" in text.lower()
    assert plan.jongere.full_name in text
    for goal in goals:
        assert " ".join(goal.text.split()) in " ".join(text.split()), goal.text

    text, pages = _text(b1)
    assert f"Je toekomstplan, {plan.jongere.first_name}" in text
    assert "Wie helpen je" in text
    for goal in goals:
        assert " ".join(goal.text.split()) in " ".join(text.split()), goal.text
