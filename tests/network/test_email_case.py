"""One e-mail address, one account, whatever its case (issue 19): the review created
Milan@demo… beside milan@demo…, two accounts for one sign-in."""

import re

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from network.models import User
from network.services import coordinator_group_ensure
from tests.network.factories import UserFactory

MILAN = "milan@demo.toekomstplan.nl"


@pytest.mark.django_db
def test_the_database_refuses_an_address_that_differs_only_in_case():
    UserFactory(email=MILAN)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="Milan@Demo.toekomstplan.nl")


@pytest.mark.django_db
def test_the_admin_says_so_in_dutch_and_keeps_what_was_typed(client_for):
    UserFactory(email=MILAN)
    coordinator = UserFactory(is_staff=True)
    coordinator.groups.add(coordinator_group_ensure())
    response = client_for(coordinator).post(
        "/admin/network/user/add/",
        {
            "email": "Milan@demo.toekomstplan.nl",
            "first_name": "Milan",
            "last_name": "de Groot",
            "password1": "een-lang-en-geheim-wachtwoord",
            "password2": "een-lang-en-geheim-wachtwoord",
            "_save": "Opslaan",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is al iemand met dit e-mailadres." in html
    assert 'value="Milan@demo.toekomstplan.nl"' in html
    assert User.objects.filter(email__iexact=MILAN).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_stops_where_two_accounts_differ_only_in_case():
    executor = MigrationExecutor(connection)
    before = [("network", "0004_catalogue_help_texts")]
    executor.migrate(before)
    try:
        Old = executor.loader.project_state(before).apps.get_model("network", "User")
        Old.objects.create(email=MILAN, password="!")
        Old.objects.create(email="MILAN@demo.toekomstplan.nl", password="!")
        with pytest.raises(RuntimeError, match=re.escape(MILAN)):
            MigrationExecutor(connection).migrate(
                [("network", "0006_user_email_unique_ignoring_case")]
            )
        Old.objects.filter(email="MILAN@demo.toekomstplan.nl").delete()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert User.objects.filter(email=MILAN).exists()
