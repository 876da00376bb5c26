"""The PDF pages of a plan, under /plannen/<uuid>/pdf/ in the "plans" namespace (with the
workspace's pages; toekomstplan/urls.py puts them together)."""

from django.urls import path

from exports import views

urlpatterns = [
    path("<uuid:plan_uuid>/pdf/", views.plan_pdf, name="plan_pdf"),
    path(
        "<uuid:plan_uuid>/pdf/<uuid:export_uuid>/status/",
        views.plan_export_status,
        name="plan_export_status",
    ),
    path(
        "<uuid:plan_uuid>/pdf/<uuid:export_uuid>/download/",
        views.plan_export_download,
        name="plan_export_download",
    ),
]
