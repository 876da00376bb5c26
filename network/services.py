"""Writes for people and organisations."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import Jongere, User, in_target_group

COORDINATOR_GROUP = "Coördinatoren"

# Coordinators keep the catalogues, organisations and accounts; never plan content.
COORDINATOR_MODELS = {
    "network": ["organisation", "membership", "user", "jongere"],
    "domains": ["leefdomein", "checklistitem", "plantemplate", "templategoal"],
    "plans": ["reminderrule"],  # rules, not plan content
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

    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def jongere_register(
    *,
    first_name: str,
    last_name: str,
    birth_date,
    gemeente: str,
    doelgroepen: list[str],
):
    """Register a jongere so a plan can start. Between 12 and 27: the target group, with room
    to start early (sometimes from 14)."""

    today = timezone.localdate()
    jongere = Jongere(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        birth_date=birth_date,
        gemeente=gemeente.strip(),
        doelgroepen=sorted(set(doelgroepen)),
    )
    if not in_target_group(birth_date, today):
        raise ValidationError(
            {"birth_date": _("A young person in toekomstplan is between 12 and 27 years old.")}
        )
    jongere.full_clean()
    jongere.save()
    return jongere


class ImportRejected(Exception):
    """A list with faults: nothing of it was imported."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} faults")
        self.errors = errors


@transaction.atomic
def jongeren_import(*, actor, parsed) -> dict[str, int]:
    """Register the jongeren of a checked list, all or nothing: one faulty row and no row is
    imported, so a coordinator never has to find out which half went in. Importing the same
    list again adds nobody: a jongere is the same person when first name, last name, birth date
    and gemeente match; their organisation and target groups are brought up to date."""

    if parsed.errors:
        raise ImportRejected(parsed.errors)
    created = updated = unchanged = 0
    for row in parsed.rows:
        gemeente = row.organisation.gemeente
        jongere = (
            Jongere.objects.select_for_update()
            .filter(
                first_name__iexact=row.first_name,
                last_name__iexact=row.last_name,
                birth_date=row.birth_date,
                gemeente=gemeente,
            )
            .first()
        )
        if jongere is None:
            Jongere.objects.create(
                first_name=row.first_name,
                last_name=row.last_name,
                birth_date=row.birth_date,
                gemeente=gemeente,
                doelgroepen=row.doelgroepen,
                known_by=row.organisation,
            )
            created += 1
        elif jongere.known_by_id != row.organisation.pk or sorted(jongere.doelgroepen) != sorted(
            set(jongere.doelgroepen) | set(row.doelgroepen)
        ):
            jongere.known_by = row.organisation
            jongere.doelgroepen = sorted(set(jongere.doelgroepen) | set(row.doelgroepen))
            jongere.save(update_fields=["known_by", "doelgroepen"])
            updated += 1
        else:
            unchanged += 1
    return {"created": created, "updated": updated, "unchanged": unchanged}
