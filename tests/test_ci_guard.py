"""On CI the suite refuses to run on anything but PostgreSQL, loudly."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_suite_fails_loudly_on_ci_without_postgresql(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TP_REQUIRE_POSTGRES")}
    env.update(CI="true", DATABASE_URL=f"sqlite:///{tmp_path / 'ci.sqlite3'}")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_compose.py", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "CI=true but the test database is" in result.stdout + result.stderr
