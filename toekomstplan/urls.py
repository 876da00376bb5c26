from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from plans import portal_views
from plans import views as plan_views
from toekomstplan import views

admin.site.site_header = "toekomstplan"
admin.site.site_title = "toekomstplan"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("accounts/", include("allauth.urls")),
    path("plannen/", include("plans.urls")),
    path("mijn/", include("plans.portal_urls")),
    path("cijfers/", include("plans.figures_urls")),
    path("meldingen/", plan_views.notification_list, name="notifications"),
    path("uitnodiging/<str:token>/", portal_views.invitation_accept, name="invitation_accept"),
    path("admin/", admin.site.urls),
]

if settings.BENCH_FLOOR:
    urlpatterns.append(path("bench/floor/", views.bench_floor, name="bench_floor"))
