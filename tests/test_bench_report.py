"""`make bench`'s report: the app's own time per measured request, from gunicorn's access log."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_report", ROOT / "bench" / "report.py")
report = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(report)


def test_the_access_log_gives_the_apps_time_per_named_request(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(
        "31000 HOE (large plan)\n"
        "12500 write: complete an action\n"
        "800 -\n"  # a sign-in: no name, not measured
        "29000 HOE (large plan)\n"
        "not a line\n"
    )
    times = report.server_times(log)
    assert times == {"HOE (large plan)": [31.0, 29.0], "write: complete an action": [12.5]}
    assert report.server_times(tmp_path / "missing.log") == {}


def test_percentiles_are_nearest_rank_like_locusts():
    hundred = [float(n) for n in range(100, 0, -1)]
    assert report.percentile(hundred, 0.5) == 50
    assert report.percentile(hundred, 0.95) == 95
    assert report.percentile(hundred, 0.99) == 99
    assert report.percentile([7.0], 0.95) == 7
