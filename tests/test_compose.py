"""docker-compose.yml cannot run here (no Docker engine), so its shape is checked as YAML."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def load():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_the_five_services_with_health_checks():
    services = load()["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    for name, service in services.items():
        assert "healthcheck" in service, f"{name} has no health check"
        assert service["healthcheck"]["test"]


def test_app_services_get_every_setting_from_the_environment():
    services = load()["services"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        for var in (
            "DATABASE_URL",
            "REDIS_URL",
            "EMAIL_URL",
            "SECRET_KEY",
            "DEBUG",
            "ALLOWED_HOSTS",
            "TOEKOMSTPLAN_DEMO",
        ):
            assert var in env, f"{name} lacks {var}"
        assert env["DEBUG"] == "false"
        assert "@postgres:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"].startswith("redis://redis:6379")
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"


def test_web_runs_gunicorn_and_the_workers_run_celery():
    services = load()["services"]
    assert "gunicorn toekomstplan.wsgi:application" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "toekomstplan", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "toekomstplan", "beat"]
    assert (ROOT / "Dockerfile").exists()


def test_web_and_worker_share_the_private_pdf_folder():
    services = load()["services"]
    for name in ("web", "worker"):
        assert services[name]["environment"]["PRIVATE_MEDIA_ROOT"] == "/app/private"
        assert "exports:/app/private" in services[name]["volumes"]
    assert "exports" in load()["volumes"]


def test_beat_runs_the_schedule_from_settings():
    """No django-celery-beat: the schedule is CELERY_BEAT_SCHEDULE, in Europe/Amsterdam."""
    beat = load()["services"]["beat"]["command"]
    assert "--scheduler" not in " ".join(beat)
