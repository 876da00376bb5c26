from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from exports import urls as export_urls
from portal import views as portal_views
from toekomstplan import errors, views
from workspace import urls as workspace_urls

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("accounts/", include("allauth.urls")),
    # The professional's pages and the plan's PDFs share /plannen/ and the "plans" namespace.
    path("plannen/", include((workspace_urls.urlpatterns + export_urls.urlpatterns, "plans"))),
    path("mijn/", include("portal.urls")),
    path("cijfers/", include("figures.urls")),
    path("meldingen/", include("notifications.urls")),
    path("uitnodiging/<str:token>/", portal_views.invitation_accept, name="invitation_accept"),
    path("admin/", admin.site.urls),
]

if settings.BENCH_FLOOR:
    urlpatterns.append(path("bench/floor/", views.bench_floor, name="bench_floor"))

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
