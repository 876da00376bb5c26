import datetime

import factory
from factory.django import DjangoModelFactory

from network.models import Jongere, Membership, NetworkMember, Organisation, User


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.django.Password("geheim-wachtwoord-123")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Wijkteam {n}")
    kind = Organisation.Kind.WIJKTEAM
    gemeente = "Testdorp"


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class JongereFactory(DjangoModelFactory):
    class Meta:
        model = Jongere

    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    birth_date = factory.LazyFunction(
        lambda: datetime.date.today() - datetime.timedelta(days=17 * 365)
    )
    gemeente = "Testdorp"
    doelgroepen = factory.LazyFunction(list)


class NetworkMemberFactory(DjangoModelFactory):
    class Meta:
        model = NetworkMember

    jongere = factory.SubFactory(JongereFactory)
    name = factory.Faker("name", locale="nl_NL")
    relation = NetworkMember.Relation.VRIEND
