"""An invitation e-mail is sent by a real Celery worker through Django's mail backend."""

import pytest

from plans import services
from plans.models import Invitation

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_worker_sends_the_invitation_mail_once(celery_worker_process, plan, regisseur, wait_for):
    mail_dir = celery_worker_process["mail_dir"]
    invitation = services.invitation_create(
        plan=plan, actor=regisseur, email="jim@example.nl", role="jim"
    )
    wait_for(lambda: Invitation.objects.get(pk=invitation.pk).sent_at is not None)
    files = list(mail_dir.iterdir())
    assert len(files) == 1
    message = files[0].read_text()
    assert "To: jim@example.nl" in message
    assert "/uitnodiging/" in message
    assert plan.jongere.last_name not in message
    # Running the task again (a retry, a duplicate delivery) sends nothing more.
    from plans.tasks import invitation_send_task

    invitation_send_task.delay(invitation.pk).get(timeout=20)
    assert len(list(mail_dir.iterdir())) == 1
