"""Rendering and cleaning up PDFs in a worker (task names kept from before the split, so queued
tasks and the beat schedule keep working)."""

from __future__ import annotations

from celery import shared_task

from exports import services as export_services


@shared_task(
    name="plans.tasks.plan_export_render_task",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def plan_export_render_task(export_id: int) -> None:
    export_services.plan_export_render(export_id=export_id)


@shared_task(name="plans.tasks.plan_export_cleanup_task")
def plan_export_cleanup_task() -> int:
    return export_services.plan_export_cleanup()
