"""Age-based reminders: on time, once, caught up after a missed day, never to a revoked role.

The clock is frozen with time-machine at 9:00 in Amsterdam; the sweep runs as the beat runs it,
through `reminder_sweep_task` (Celery eager in these tests).
"""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.models import Jongere
from notifications import services as notification_services
from notifications.tasks import reminder_send_task, reminder_sweep_task
from plans import services
from plans.ages import shift
from plans.models import Notification, PlanRole, Reminder, ReminderRule, RiskAssessment
from tests.conftest import many_plans
from tests.network.factories import JongereFactory, UserFactory

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TODAY = datetime.date(2026, 3, 10)


def at(day: datetime.date, hour: int = 9):
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM), tick=False
    )


def sweep_on(day: datetime.date) -> None:
    with at(day):
        reminder_sweep_task.delay()


@pytest.fixture
def only(db):
    """Only the given rules are active (the defaults stay in the table, switched off)."""

    def keep(*rules):
        ReminderRule.objects.exclude(pk__in=[r.pk for r in rules]).update(is_active=False)
        return rules

    return keep


def age_rule(years, months=0, audience="jongere", code=None):
    return ReminderRule.objects.create(
        code=code or f"test-{years}-{months}-{audience}",
        name=f"{years} jaar",
        trigger=ReminderRule.Trigger.AGE,
        age_years=years,
        age_months=months,
        audience=audience,
        title="{naam} wordt " + str(years),
        message="Tijd om te kijken wat er nodig is, {naam}.",
    )


def plan_for_jongere(regisseur, organisation, *, birthday_at: int, on: datetime.date):
    """A plan whose jongere turns `birthday_at` on the day `on`."""
    jongere = JongereFactory(
        user=UserFactory(), birth_date=shift(on, years=-birthday_at), first_name="Noor"
    )
    return services.plan_create(actor=regisseur, jongere=jongere, organisation=organisation)


def test_a_jongere_turning_17_tomorrow_gets_nothing_today_and_one_reminder_tomorrow(
    regisseur, organisation, only
):
    only(age_rule(17))
    tomorrow = TODAY + datetime.timedelta(days=1)
    plan = plan_for_jongere(regisseur, organisation, birthday_at=17, on=tomorrow)

    sweep_on(TODAY)
    assert Reminder.objects.count() == 0
    assert mail.outbox == []

    sweep_on(tomorrow)
    reminder = Reminder.objects.get()
    assert reminder.recipient == plan.jongere.user
    assert reminder.due_date == tomorrow
    assert reminder.status == Reminder.Status.SENT
    assert [m.to for m in mail.outbox] == [[plan.jongere.user.email]]
    notification = Notification.objects.get(user=plan.jongere.user)
    assert notification.title == "Noor wordt 17"
    assert notification.link == "/mijn/"


def test_a_sent_reminder_shows_in_the_header_badge_at_once(
    regisseur, organisation, only, client_for
):
    only(age_rule(17))
    plan = plan_for_jongere(regisseur, organisation, birthday_at=17, on=TODAY)
    client = client_for(plan.jongere.user)
    assert "tp-count" not in client.get("/mijn/").content.decode()  # counted: none yet
    sweep_on(TODAY)
    assert 'class="tp-count">1<' in client.get("/mijn/").content.decode()


def test_running_the_sweep_twice_sends_once(regisseur, organisation, only):
    only(age_rule(17))
    plan_for_jongere(regisseur, organisation, birthday_at=17, on=TODAY)
    sweep_on(TODAY)
    sweep_on(TODAY)
    with at(TODAY, hour=15):
        reminder_sweep_task.delay()  # a second beat, the same day
    assert Reminder.objects.count() == 1
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_sending_the_same_reminder_twice_sends_once(regisseur, organisation, only):
    only(age_rule(17))
    plan_for_jongere(regisseur, organisation, birthday_at=17, on=TODAY)
    with at(TODAY):
        [reminder_id] = notification_services.reminder_sweep()
        reminder_send_task.delay(reminder_id)
        reminder_send_task.delay(reminder_id)  # a redelivered message
    assert len(mail.outbox) == 1


def test_a_sweep_skipped_for_three_days_catches_up(regisseur, organisation, only):
    only(age_rule(17))
    plan = plan_for_jongere(regisseur, organisation, birthday_at=17, on=TODAY)
    sweep_on(TODAY - datetime.timedelta(days=1))
    assert mail.outbox == []
    # The worker is down on the birthday and the two days after.
    sweep_on(TODAY + datetime.timedelta(days=3))
    reminder = Reminder.objects.get()
    assert reminder.due_date == TODAY
    assert reminder.recipient == plan.jongere.user
    assert len(mail.outbox) == 1
    sweep_on(TODAY + datetime.timedelta(days=4))
    assert len(mail.outbox) == 1


def test_a_crash_after_recording_is_sent_by_the_next_sweep(regisseur, organisation, only):
    only(age_rule(17))
    plan_for_jongere(regisseur, organisation, birthday_at=17, on=TODAY)
    with at(TODAY):
        notification_services.reminder_sweep()  # recorded, then the worker died before sending
    assert mail.outbox == []
    sweep_on(TODAY + datetime.timedelta(days=1))
    assert len(mail.outbox) == 1
    assert Reminder.objects.get().status == Reminder.Status.SENT


def test_a_failing_mail_server_leaves_the_reminder_to_send_again(regisseur, organisation, only):
    only(age_rule(17))
    plan_for_jongere(regisseur, organisation, birthday_at=17, on=TODAY)
    with at(TODAY):
        [reminder_id] = notification_services.reminder_sweep()
        with (
            mock.patch("notifications.services.send_mail", side_effect=OSError("mail server down")),
            pytest.raises(OSError),
        ):
            notification_services.reminder_send(reminder_id=reminder_id)
        assert Reminder.objects.get().status == Reminder.Status.PENDING
        assert Notification.objects.count() == 0
        notification_services.reminder_send(reminder_id=reminder_id)
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_a_revoked_recipient_gets_nothing(
    regisseur, organisation, professional_factory, only, client_for
):
    only(age_rule(18, audience="professionals"))
    plan = plan_for_jongere(regisseur, organisation, birthday_at=18, on=TODAY)
    colleague = professional_factory()
    role = services.role_grant(
        plan=plan,
        actor=regisseur,
        user=colleague,
        role="professional",
        organisation=colleague.memberships.get().organisation,
    )
    services.role_revoke(plan_role=role, actor=regisseur)
    sweep_on(TODAY)
    assert [m.to for m in mail.outbox] == [[regisseur.email]]
    assert not Reminder.objects.filter(recipient=colleague).exists()


def test_a_role_revoked_between_sweep_and_sending_gets_nothing(
    regisseur, organisation, professional_factory, only
):
    only(age_rule(18, audience="professionals"))
    plan = plan_for_jongere(regisseur, organisation, birthday_at=18, on=TODAY)
    colleague = professional_factory()
    role = services.role_grant(
        plan=plan,
        actor=regisseur,
        user=colleague,
        role="professional",
        organisation=colleague.memberships.get().organisation,
    )
    with at(TODAY):
        pending = notification_services.reminder_sweep()
        assert len(pending) == 2
        services.role_revoke(plan_role=role, actor=regisseur)
        for reminder_id in pending:
            reminder_send_task.delay(reminder_id)
    assert [m.to for m in mail.outbox] == [[regisseur.email]]
    assert Reminder.objects.get(recipient=colleague).status == Reminder.Status.SKIPPED
    assert not Notification.objects.filter(user=colleague).exists()


def test_the_email_holds_no_plan_content_only_a_link(regisseur, organisation, only):
    only(age_rule(17, audience="regisseur"))
    plan = plan_for_jongere(regisseur, organisation, birthday_at=17, on=TODAY)
    sweep_on(TODAY)
    [message] = mail.outbox
    text = message.subject + message.body
    assert plan.jongere.first_name not in text
    assert plan.jongere.last_name not in text
    assert "http://127.0.0.1:8000/meldingen/" in message.body
    notification = Notification.objects.get(user=regisseur)
    assert notification.link == f"/plannen/{plan.uuid}/"


def test_default_rules_remind_the_jongere_and_professionals_of_plan_18(regisseur, organisation):
    plan = plan_for_jongere(regisseur, organisation, birthday_at=17, on=TODAY)
    day = shift(TODAY, months=-1)  # 16 years and 11 months
    sweep_on(day - datetime.timedelta(days=1))
    assert mail.outbox == []
    sweep_on(day)
    codes = sorted(Reminder.objects.values_list("rule__code", "recipient_id"))
    assert codes == [
        ("plan18-jongere", plan.jongere.user_id),
        ("plan18-professionals", regisseur.pk),
    ]
    titles = set(Notification.objects.values_list("title", flat=True))
    assert "Noor wordt bijna 17: start Plan 18" in titles


def test_actions_due_tomorrow_and_overdue_remind_who_does_them(plan, regisseur, jongere):
    from domains.models import Leefdomein

    goal = services.goal_create(
        plan=plan, actor=regisseur, leefdomein=Leefdomein.objects.get(code="wonen"), text="Kamer"
    )
    jongere_role = PlanRole.objects.get(plan=plan, role="jongere")
    tomorrow = TODAY + datetime.timedelta(days=1)
    due = services.action_create(
        goal=goal, actor=regisseur, text="Bellen", assignee_role=jongere_role, due_date=tomorrow
    )
    services.action_create(
        goal=goal, actor=regisseur, text="Later", assignee_role=jongere_role, due_date=TODAY
    )
    sweep_on(TODAY)
    assert list(Reminder.objects.values_list("rule__code", "recipient_id", "occasion")) == [
        ("actie-morgen", jongere.user_id, str(due.uuid))
    ]
    sweep_on(tomorrow + datetime.timedelta(days=1))  # both are now overdue
    overdue = sorted(
        Reminder.objects.filter(rule__trigger="action_overdue").values_list(
            "rule__code", "recipient_id"
        )
    )
    assert overdue == [
        ("actie-over-tijd", jongere.user_id),
        ("actie-over-tijd", jongere.user_id),
        ("actie-over-tijd-regisseur", regisseur.pk),
        ("actie-over-tijd-regisseur", regisseur.pk),
    ]


def test_a_done_action_and_a_let_go_plan_get_no_reminders(plan, regisseur):
    from domains.models import Leefdomein

    goal = services.goal_create(
        plan=plan, actor=regisseur, leefdomein=Leefdomein.objects.get(code="wonen"), text="Kamer"
    )
    action = services.action_create(
        goal=goal, actor=regisseur, text="Bellen", due_date=TODAY - datetime.timedelta(days=1)
    )
    services.action_complete(action=action, actor=regisseur, expected_version=action.version)
    sweep_on(TODAY)
    assert Reminder.objects.count() == 0


def test_a_passed_review_date_reminds_the_regisseur(plan, regisseur):
    RiskAssessment.objects.create(plan=plan, review_date=TODAY - datetime.timedelta(days=1))
    sweep_on(TODAY)
    reminder = Reminder.objects.get()
    assert (reminder.rule.code, reminder.recipient) == ("evaluatie-voorbij", regisseur)
    assert Notification.objects.get().link == f"/plannen/{plan.uuid}/risico/"


def _sweep_queries(count, regisseur, organisation):
    many_plans(regisseur, organisation, count)
    Jongere.objects.update(birth_date=shift(TODAY, years=-18))
    Reminder.objects.all().delete()
    with at(TODAY), CaptureQueriesContext(connection) as queries:
        pending = notification_services.reminder_sweep()
    return len(queries), len(pending)


def test_the_sweep_query_count_does_not_grow_with_the_number_of_jongeren(
    regisseur, organisation, only
):
    only(age_rule(18, audience="regisseur"))
    few, sent_few = _sweep_queries(3, regisseur, organisation)
    many, sent_many = _sweep_queries(60, regisseur, organisation)
    assert (sent_few, sent_many) == (3, 63)
    assert few == many <= 8


def test_the_beat_runs_the_sweep_every_morning_in_amsterdam(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["reminder-sweep"]
    assert schedule["task"] == "plans.tasks.reminder_sweep_task"
    assert schedule["schedule"].hour == {7}
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"
    assert "plans.tasks.plan_export_cleanup_task" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
