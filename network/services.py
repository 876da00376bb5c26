"""Writes for people and organisations."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

COORDINATOR_GROUP = "Coördinatoren"

# Coordinators keep the catalogues, organisations and accounts; never plan content.
COORDINATOR_MODELS = {
    "network": ["organisation", "membership", "user"],
    "domains": ["leefdomein", "checklistitem", "plantemplate", "templategoal"],
}


@transaction.atomic
def coordinator_group_ensure() -> Group:
    """The group whose members keep reference data in the admin. Idempotent."""
    group, _created = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    perms = Permission.objects.none()
    for app_label, models in COORDINATOR_MODELS.items():
        perms = perms | Permission.objects.filter(
            content_type__app_label=app_label, content_type__model__in=models
        )
    group.permissions.set(perms)
    return group
