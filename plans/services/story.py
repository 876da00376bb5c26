"""The jongere's own story (verhaal), the 18-checklist, and the visits that mark things seen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plans import permissions
from plans.accesslog import events
from plans.models import (
    QUALITY_CARDS,
    ChecklistEntry,
    PlanRole,
    StoryItem,
    Toekomstplan,
)
from plans.services.base import _touch, _update_versioned

if TYPE_CHECKING:
    from network.models import User


def checklist_mark(
    *, plan: Toekomstplan, actor: User, item, status: str, expected_version: int
) -> ChecklistEntry:
    """Mark an item of the 18-checklist: arranged, still to do, or not for me."""
    access = permissions.access_for(actor, plan)
    permissions.require_that(
        permissions.can_mark_checklist(access),
        access,
        "checklist",
        object_type="checklistentry",
    )
    if status not in ChecklistEntry.Status.values:
        raise ValidationError(_("Choose one of the options."))
    with transaction.atomic():
        entry, _created = ChecklistEntry.objects.get_or_create(plan=plan, item=item)
        changed = _update_versioned(
            entry,
            expected_version=expected_version,
            changes={"status": status, "updated_at": timezone.now()},
        )
        events.changed(
            access=access,
            obj=entry,
            fields=[name for name in changed if name != "updated_at"],
            status=status,
        )
        _touch(plan)
    return entry


def _story_checks(kind: str, text: str, age: int | None, card: str) -> str:
    if kind not in StoryItem.Kind.values:
        raise ValidationError(_("Choose what you want to add."))
    if card:
        if kind != StoryItem.Kind.KWALITEIT or card not in QUALITY_CARDS:
            raise ValidationError(_("That card does not exist."))
        text = str(QUALITY_CARDS[card])
    if not text.strip():
        raise ValidationError(_("Write something first."))
    if age is not None and not 0 <= age <= 30:
        raise ValidationError(_("Fill in an age from 0 to 30."))
    return text.strip()


def story_item_add(
    *,
    plan: Toekomstplan,
    actor: User,
    kind: str,
    text: str = "",
    age: int | None = None,
    card: str = "",
    audience: str = StoryItem.Audience.BEGELEIDERS,
) -> StoryItem:
    """The jongere tells their story once: a moment on the levenslijn, a dream, a quality."""
    access = permissions.access_for(actor, plan)
    permissions.require_that(
        permissions.can_write_own_words(access), access, "story", object_type="storyitem"
    )
    if audience not in StoryItem.Audience.values:
        raise ValidationError(_("Choose who may see this."))
    text = _story_checks(kind, text, age, card)
    if card and StoryItem.objects.filter(plan=plan, card=card).exists():
        raise ValidationError(_("You already chose this card."))
    try:
        with transaction.atomic():
            item = StoryItem.objects.create(
                plan=plan,
                kind=kind,
                text=text,
                age=age if kind == StoryItem.Kind.MOMENT else None,
                card=card,
                audience=audience,
            )
            events.created(access=access, obj=item, kind=kind, audience=audience)
            _touch(plan)
    except IntegrityError:
        # The same card picked twice at once (two taps): the database keeps one
        # (storyitem_card_once).
        raise ValidationError(_("You already chose this card.")) from None
    return item


def story_item_update(
    *,
    item: StoryItem,
    actor: User,
    expected_version: int,
    text: str,
    age: int | None,
    audience: str,
) -> StoryItem:
    """Change an item of the story, or who may see it (the jongere decides per item)."""
    plan = item.plan
    access = permissions.access_for(actor, plan)
    permissions.require_that(
        permissions.can_write_own_words(access), access, "story", object_type="storyitem"
    )
    if audience not in StoryItem.Audience.values:
        raise ValidationError(_("Choose who may see this."))
    text = item.text if item.card else _story_checks(item.kind, text, age, "")
    with transaction.atomic():
        changed = _update_versioned(
            item,
            expected_version=expected_version,
            changes={
                "text": text,
                "age": age if item.kind == StoryItem.Kind.MOMENT else None,
                "audience": audience,
                "updated_at": timezone.now(),
            },
        )
        # Changing only who sees an item is sharing; anything else is a change of the story.
        event = events.shared if changed == ["audience", "updated_at"] else events.changed
        event(
            access=access,
            obj=item,
            fields=[n for n in changed if n != "updated_at"],
            audience=audience,
        )
        _touch(plan)
    return item


def story_item_delete(*, item: StoryItem, actor: User) -> None:
    """The jongere takes an item out of their story; it is gone (the log keeps only that it was)."""
    plan = item.plan
    access = permissions.access_for(actor, plan)
    permissions.require_that(
        permissions.can_write_own_words(access), access, "story", object_type="storyitem"
    )
    with transaction.atomic():
        events.deleted(access=access, obj=item, kind=item.kind)
        item.delete()
        _touch(plan)


def story_seen(*, role: PlanRole | None) -> None:
    """Remember that a professional has read the jongere's story, so it no longer comes first."""
    if role is None or role.story_seen_at is not None:
        return
    role.story_seen_at = timezone.now()
    PlanRole.objects.filter(pk=role.pk).update(story_seen_at=role.story_seen_at)


def portal_visit(*, role: PlanRole) -> None:
    """Remember this portal visit, and the plan's data version it saw: the next one shows what
    is new since now."""
    role.portal_seen_at = timezone.now()
    role.portal_seen_version = role.plan.data_version
    PlanRole.objects.filter(pk=role.pk).update(
        portal_seen_at=role.portal_seen_at, portal_seen_version=role.portal_seen_version
    )
