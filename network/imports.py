"""Reading a list of jongeren known to jeugdhulp (CSV or .xlsx): every row checked,
every fault named.

Parsing and validation only; writing is `network.services.jongeren_import`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import Doelgroep, Organisation, in_target_group

# Column in the file → our field; Dutch first (the lists come from Dutch organisations).
COLUMNS = {
    "voornaam": "first_name",
    "first_name": "first_name",
    "achternaam": "last_name",
    "last_name": "last_name",
    "geboortedatum": "birth_date",
    "birth_date": "birth_date",
    "organisatie": "organisation",
    "organisation": "organisation",
    "doelgroep": "doelgroepen",
    "doelgroepen": "doelgroepen",
}
REQUIRED = ("first_name", "last_name", "birth_date", "organisation")
HEADER = {
    "first_name": "voornaam",
    "last_name": "achternaam",
    "birth_date": "geboortedatum",
    "organisation": "organisatie",
    "doelgroepen": "doelgroep",
}
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
MAX_ROWS = 5000


@dataclass(frozen=True)
class RowError:
    row: int  # the line in the file: the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ParsedRow:
    row: int
    first_name: str
    last_name: str
    birth_date: date
    organisation: Organisation
    doelgroepen: list[str]


@dataclass
class ParsedFile:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _text(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def _date(value: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _xlsx_rows(raw: bytes) -> list[list[str]]:
    """The first sheet of a workbook as text cells; dates as 2009-03-31."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    rows = []
    for values in workbook.worksheets[0].iter_rows(values_only=True):
        cells = []
        for value in values:
            if isinstance(value, datetime):
                value = value.date()
            cells.append("" if value is None else str(value))
        rows.append(cells)
    workbook.close()
    return rows


def _csv_rows(raw: bytes) -> list[list[str]]:
    text = _text(raw)
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    # newline=None reads a bare CR (old Mac and some export tools) as the line break it is.
    return list(csv.reader(io.StringIO(text, newline=None), dialect))


def parse_jongeren_file(raw: bytes, *, gemeenten: list[str] | None = None) -> ParsedFile:
    """A CSV file or an Excel workbook (.xlsx, recognised by its content), checked row by row."""
    if raw.startswith(b"PK\x03\x04"):
        try:
            rows = _xlsx_rows(raw)
        except Exception:  # a damaged or foreign zip: say so, as for any unreadable file
            result = ParsedFile()
            result.errors.append(RowError(1, "-", _("This file cannot be read as CSV or Excel.")))
            return result
    else:
        try:
            rows = _csv_rows(raw)
        except csv.Error:  # a cell over the csv module's 131 072 characters, a stray quote
            result = ParsedFile()
            result.errors.append(
                RowError(
                    1, "-", _("This file cannot be read as CSV: a cell is too long or broken.")
                )
            )
            return result
    return parse_jongeren_rows(rows, gemeenten=gemeenten)


def parse_jongeren_rows(rows: list[list[str]], *, gemeenten: list[str] | None = None) -> ParsedFile:
    """Every row checked on its own; the result holds the good rows and each fault by row and
    column. `gemeenten` limits the organisations a row may name (None: any)."""
    result = ParsedFile()
    reader = iter(rows)
    header = next(reader, None)
    if not header:
        result.errors.append(RowError(1, "-", _("The file is empty.")))
        return result
    columns = [COLUMNS.get(name.strip().lower()) for name in header]
    missing = [HEADER[name] for name in REQUIRED if name not in columns]
    if missing:
        result.errors.append(
            RowError(1, ", ".join(missing), _("This column is missing from the first row."))
        )
        return result
    organisations = Organisation.objects.all()
    if gemeenten is not None:
        organisations = organisations.filter(gemeente__in=gemeenten)
    by_name = {org.name.lower(): org for org in organisations}
    today = timezone.localdate()
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if number > MAX_ROWS + 1:
            result.errors.append(RowError(number, "-", _("At most 5000 rows per file.")))
            break
        values = {
            column: cell.strip() for column, cell in zip(columns, cells, strict=False) if column
        }
        errors = []
        for name in ("first_name", "last_name"):
            if "\x00" in values.get(name, ""):  # the database refuses a NUL character
                message = _("This contains a hidden character.")
                errors.append(RowError(number, HEADER[name], message))
            elif not values.get(name):
                errors.append(RowError(number, HEADER[name], _("This is empty.")))
            elif len(values[name]) > 100:
                errors.append(RowError(number, HEADER[name], _("At most 100 characters.")))
        birth_date = _date(values.get("birth_date", ""))
        if birth_date is None:
            errors.append(
                RowError(
                    number,
                    HEADER["birth_date"],
                    _("Not a date; write it as 2009-03-31 or 31-03-2009."),
                )
            )
        else:
            if not in_target_group(birth_date, today):
                errors.append(
                    RowError(
                        number,
                        HEADER["birth_date"],
                        _("A young person in toekomstplan is between 12 and 27 years old."),
                    )
                )
        organisation = by_name.get(values.get("organisation", "").lower())
        if organisation is None:
            errors.append(
                RowError(
                    number,
                    HEADER["organisation"],
                    _("No organisation with this name: “%(name)s”.")
                    % {"name": values.get("organisation", "")},
                )
            )
        doelgroepen = sorted(
            {
                part.strip().lower().replace(" ", "_")
                for part in values.get("doelgroepen", "")
                .replace("|", ",")
                .replace(";", ",")
                .split(",")
                if part.strip()
            }
        )
        unknown = [d for d in doelgroepen if d not in Doelgroep.values]
        if unknown:
            errors.append(
                RowError(
                    number,
                    HEADER["doelgroepen"],
                    _("Unknown target group %(unknown)s; choose from %(choices)s.")
                    % {"unknown": ", ".join(unknown), "choices": ", ".join(Doelgroep.values)},
                )
            )
        if errors:
            result.errors.extend(errors)
            continue
        result.rows.append(
            ParsedRow(
                number,
                values["first_name"],
                values["last_name"],
                birth_date,
                organisation,
                doelgroepen,
            )
        )
    return result
