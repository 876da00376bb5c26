"""A coordinator uploads the list of jongeren known to jeugdhulp: checked row by row, all or
nothing, and the same list twice adds nobody twice. From 15½ without a plan, a jongere is a
signal for the organisation that knows them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from network.models import Jongere
from network.services import coordinator_group_ensure
from plans import services
from tests.network.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/network/jongere/importeren/"
TODAY = datetime.date.today()


def born(years: int, months: int = 0) -> str:
    from plans.ages import shift

    return shift(TODAY, years=-years, months=-months).isoformat()


@pytest.fixture
def jeugdhulp(db):
    return OrganisationFactory(name="Jeugdhulp Oost", kind="jeugdhulp")


@pytest.fixture
def coordinator():
    user = UserFactory(is_staff=True)
    user.groups.add(coordinator_group_ensure())
    return user


def _rows(second_row_fixed=False, fourth_row_fixed=False):
    return [
        "voornaam;achternaam;geboortedatum;organisatie;doelgroep",
        f"Sanne;de Vries;{born(16)};Jeugdhulp Oost;lvb",
        f"Omar;Haddad;{born(15, 8) if second_row_fixed else '31-02-2009'};Jeugdhulp Oost;"
        "statushouder",
        f"Kim;Jansen;{born(17)};Jeugdhulp Oost;",
        f"Ravi;Bakker;{born(16)};{'Jeugdhulp Oost' if fourth_row_fixed else 'Jeugdzorg Nergens'};"
        "zwerfjongere, afstand_arbeidsmarkt",
        f"Lotte;Visser;{born(14)};Jeugdhulp Oost;",
    ]


def _upload(client, lines):
    data = "\n".join(lines).encode("utf-8")
    return client.post(URL, {"file": SimpleUploadedFile("lijst.csv", data, "text/csv")})


def test_a_list_with_two_faulty_rows_imports_nothing_and_names_both(
    jeugdhulp, coordinator, client_for
):
    response = _upload(client_for(coordinator), _rows())
    assert response.status_code == 200
    html = response.content.decode()
    assert Jongere.objects.count() == 0
    assert "Rij 3, geboortedatum:" in html
    assert "Rij 5, organisatie:" in html
    assert "Jeugdzorg Nergens" in html
    assert "Rij 2" not in html and "Rij 4" not in html and "Rij 6" not in html
    assert "Er is niets geïmporteerd: 2 fouten in de lijst." in html


def test_the_corrected_list_imports_five_and_again_adds_none(jeugdhulp, coordinator, client_for):
    client = client_for(coordinator)
    fixed = _rows(second_row_fixed=True, fourth_row_fixed=True)
    response = _upload(client, fixed)
    assert response.status_code == 302
    assert Jongere.objects.count() == 5
    ravi = Jongere.objects.get(first_name="Ravi")
    assert ravi.known_by == jeugdhulp
    assert ravi.gemeente == jeugdhulp.gemeente
    assert ravi.doelgroepen == ["afstand_arbeidsmarkt", "zwerfjongere"]
    page = client.get(response["Location"]).content.decode()
    assert "5 nieuw" in page
    response = _upload(client, fixed)
    assert response.status_code == 302
    assert Jongere.objects.count() == 5
    assert "5 al bekend" in client.get(response["Location"]).content.decode()


def test_a_list_without_the_required_columns_is_refused(jeugdhulp, coordinator, client_for):
    response = _upload(client_for(coordinator), ["naam;geboortedatum", "Sanne;2009-01-01"])
    html = response.content.decode()
    assert "Rij 1, voornaam, achternaam, organisatie:" in html
    assert Jongere.objects.count() == 0


def test_a_coordinator_of_one_gemeente_cannot_import_for_another(client_for):
    OrganisationFactory(name="Jeugdhulp Oost", gemeente="Anderstad")
    own = OrganisationFactory(name="Wijkteam Hier", gemeente="Hierdorp")
    coordinator = MembershipFactory(organisation=own, user=UserFactory(is_staff=True)).user
    coordinator.groups.add(coordinator_group_ensure())
    response = _upload(
        client_for(coordinator),
        ["voornaam;achternaam;geboortedatum;organisatie", f"Sanne;Vos;{born(16)};Jeugdhulp Oost"],
    )
    assert "Rij 2, organisatie:" in response.content.decode()
    assert Jongere.objects.count() == 0


def test_only_who_may_add_jongeren_opens_the_import(jeugdhulp, client_for):
    staff = UserFactory(is_staff=True)
    assert client_for(staff).get(URL).status_code == 403


def test_the_changelist_offers_the_import_and_does_not_tell_who_has_a_plan(
    jeugdhulp, coordinator, client_for
):
    client = client_for(coordinator)
    _upload(client, _rows(second_row_fixed=True, fourth_row_fixed=True))
    professional = MembershipFactory(organisation=jeugdhulp).user
    services.plan_create(
        actor=professional, jongere=Jongere.objects.get(first_name="Omar"), organisation=jeugdhulp
    )
    html = client.get("/admin/network/jongere/").content.decode()
    assert URL in html
    assert "Omar" in html and "Sanne" in html
    assert "plan" not in html.split('id="result_list"', 1)[1].split("</table>", 1)[0].lower()


def test_from_fifteen_and_a_half_without_a_plan_the_organisation_sees_a_signal(
    jeugdhulp, coordinator, client_for
):
    _upload(client_for(coordinator), _rows(second_row_fixed=True, fourth_row_fixed=True))
    professional = MembershipFactory(organisation=jeugdhulp).user
    other = MembershipFactory(organisation=OrganisationFactory()).user
    html = client_for(professional).get("/plannen/").content.decode()
    assert "Op tijd beginnen" in html
    for name in ("Omar Haddad", "Sanne de Vries", "Kim Jansen", "Ravi Bakker"):
        assert name in html
    assert "Lotte Visser" not in html
    assert "Omar Haddad" not in client_for(other).get("/plannen/").content.decode()
    services.plan_create(
        actor=professional,
        jongere=Jongere.objects.get(first_name="Omar"),
        organisation=jeugdhulp,
    )
    html = client_for(professional).get("/plannen/").content.decode()
    signal = html.split("Op tijd beginnen", 1)[1].split("</section>", 1)[0]
    assert "Omar Haddad" not in signal and "Sanne de Vries" in signal


def test_an_excel_workbook_imports_like_the_csv(jeugdhulp, coordinator, client_for):
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Voornaam", "Achternaam", "Geboortedatum", "Organisatie", "Doelgroep"])
    sheet.append(["Sanne", "de Vries", datetime.date.fromisoformat(born(16)), "Jeugdhulp Oost"])
    sheet.append(["Omar", "Haddad", "31-02-2009", "Jeugdhulp Oost", "statushouder"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = client_for(coordinator)
    upload = SimpleUploadedFile("lijst.xlsx", buffer.getvalue())
    html = client.post(URL, {"file": upload}).content.decode()
    assert "Rij 3, geboortedatum:" in html
    assert Jongere.objects.count() == 0
    sheet.delete_rows(3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(URL, {"file": SimpleUploadedFile("lijst.xlsx", buffer.getvalue())})
    assert response.status_code == 302
    assert Jongere.objects.get().birth_date.isoformat() == born(16)


def test_a_file_that_is_neither_csv_nor_excel_is_refused(jeugdhulp, coordinator, client_for):
    upload = SimpleUploadedFile("lijst.xlsx", b"PK\x03\x04 not really a workbook")
    html = client_for(coordinator).post(URL, {"file": upload}).content.decode()
    assert "Rij 1" in html
    assert Jongere.objects.count() == 0


# Issue 19: files that gave a server error (csv.Error, PostgreSQL's DataError) now get a message.


def test_a_cell_longer_than_the_csv_modules_limit_is_refused_with_a_message(
    jeugdhulp, coordinator, client_for
):
    lines = ["voornaam;achternaam;geboortedatum;organisatie", f"{'A' * 140_000};de Vries;x;y"]
    response = _upload(client_for(coordinator), lines)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit bestand kan niet als CSV worden gelezen: een cel is te lang of beschadigd." in html
    assert Jongere.objects.count() == 0


def test_a_list_with_bare_carriage_returns_reads_them_as_line_breaks(
    jeugdhulp, coordinator, client_for
):
    data = "\r".join(
        [
            "voornaam;achternaam;geboortedatum;organisatie",
            f"Sanne;de Vries;{born(16)};Jeugdhulp Oost",
        ]
    ).encode()
    response = client_for(coordinator).post(
        URL, {"file": SimpleUploadedFile("lijst.csv", data, "text/csv")}
    )
    assert response.status_code == 302
    assert Jongere.objects.get().last_name == "de Vries"


def test_a_nul_character_in_a_name_is_named_as_a_fault_and_nothing_is_imported(
    jeugdhulp, coordinator, client_for
):
    lines = [
        "voornaam;achternaam;geboortedatum;organisatie",
        f"Sanne;de\x00Vries;{born(16)};Jeugdhulp Oost",
        f"Kim;Jansen;{born(17)};Jeugdhulp Oost",
    ]
    response = _upload(client_for(coordinator), lines)
    assert response.status_code == 200
    assert "Rij 2, achternaam: Hier staat een verborgen teken in." in response.content.decode()
    assert Jongere.objects.count() == 0
