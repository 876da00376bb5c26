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


def user_for_invitation(*, email: str, first_name: str = "", last_name: str = ""):
    """The account an invited JIM, network member or jongere signs in with: found by e-mail, or
    made without a password (they sign in with an e-mailed code)."""
    from network.models import User

    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
