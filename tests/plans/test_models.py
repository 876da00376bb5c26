import pytest
from django.db import IntegrityError, transaction

from plans.models import AccessLogEntry, AppendOnlyError, PlanRole, Toekomstplan
from tests.network.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_a_second_plan_for_the_same_jongere(plan, regisseur):
    with pytest.raises(IntegrityError), transaction.atomic():
        Toekomstplan.objects.create(jongere=plan.jongere, regisseur=regisseur)
    assert Toekomstplan.objects.filter(jongere=plan.jongere).count() == 1


def test_database_refuses_a_second_active_role_for_one_person(plan, regisseur, organisation):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanRole.objects.create(
            plan=plan, user=regisseur, role=PlanRole.Role.PROFESSIONAL, organisation=organisation
        )


def test_a_revoked_role_does_not_block_a_new_one(plan, organisation):
    user = UserFactory()
    PlanRole.objects.create(plan=plan, user=user, role="netwerk", revoked_at="2026-01-01T00:00Z")
    PlanRole.objects.create(plan=plan, user=user, role="netwerk")
    assert PlanRole.objects.filter(plan=plan, user=user).count() == 2


def test_database_refuses_a_professional_role_without_organisation(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanRole.objects.create(plan=plan, user=UserFactory(), role=PlanRole.Role.PROFESSIONAL)


def test_database_refuses_a_second_regisseur(plan, organisation):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanRole.objects.create(
            plan=plan, user=UserFactory(), role=PlanRole.Role.REGISSEUR, organisation=organisation
        )


def test_public_ids_are_uuids(plan):
    field = Toekomstplan._meta.get_field("uuid")
    assert field.unique
    assert len(str(plan.uuid)) == 36


def test_access_log_entry_cannot_be_updated(plan):
    entry = AccessLogEntry.objects.filter(plan=plan).first()
    entry.action = AccessLogEntry.Action.DELETE
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(action="delete")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.bulk_update([entry], ["action"])
    entry.refresh_from_db()
    assert entry.action == AccessLogEntry.Action.CREATE


def test_access_log_entry_cannot_be_deleted(plan):
    entry = AccessLogEntry.objects.filter(plan=plan).first()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(plan=plan).delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()
