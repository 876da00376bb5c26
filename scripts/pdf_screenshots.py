"""Pictures of the first two pages of both PDF versions of Milan's demo plan, for the README.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python manage.py seed_demo
    DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python scripts/pdf_screenshots.py

Needs `pdftoppm` (poppler-utils). Writes docs/screenshots/pdf-<version>-<page>.png.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toekomstplan.settings")

import django  # noqa: E402

django.setup()

from exports.pdf import render_pdf  # noqa: E402
from exports.selectors import plan_print  # noqa: E402
from network.models import User  # noqa: E402
from plans import permissions  # noqa: E402
from plans.models import PlanExport, Toekomstplan  # noqa: E402

TEMPLATES = {
    PlanExport.Version.PROFESSIONAL: "exports/pdf/plan_professional.html",
    PlanExport.Version.B1: "exports/pdf/plan_b1.html",
}


def main() -> None:
    plan = Toekomstplan.objects.get(jongere__user__email="milan@demo.toekomstplan.nl")
    viewers = {
        PlanExport.Version.PROFESSIONAL: User.objects.get(email="sanne@demo.toekomstplan.nl"),
        PlanExport.Version.B1: plan.jongere.user,
    }
    out = ROOT / "docs" / "screenshots"
    with tempfile.TemporaryDirectory() as tmp:
        for version, template in TEMPLATES.items():
            printable = plan_print(
                access=permissions.access_for(viewers[version], plan), version=version
            )
            pdf = Path(tmp) / f"{version}.pdf"
            pdf.write_bytes(render_pdf(template_name=template, context={"p": printable}))
            prefix = Path(tmp) / version
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(prefix)],
                check=True,
            )
            for page in (1, 2):
                (Path(tmp) / f"{version}-{page}.png").replace(out / f"pdf-{version}-{page}.png")
                print(out / f"pdf-{version}-{page}.png")


if __name__ == "__main__":
    main()
