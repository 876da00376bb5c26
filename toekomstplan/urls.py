from django.contrib import admin
from django.urls import include, path

from toekomstplan import views

admin.site.site_header = "toekomstplan"
admin.site.site_title = "toekomstplan"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("plannen/", include("plans.urls")),
    path("admin/", admin.site.urls),
]
