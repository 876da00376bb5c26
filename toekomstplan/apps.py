from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin with toekomstplan's site: signed in through allauth, second factor first."""

    default_site = "toekomstplan.admin.AdminSite"
