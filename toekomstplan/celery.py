"""The Celery application: reminders, PDF exports and e-mail run here, never in a request."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toekomstplan.settings")

app = Celery("toekomstplan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
