"""The admin site for coordinators: signed in the way everyone signs in.

Django's own admin sign-in has no rate limit and no second factor. Here `/admin/login/` sends
to allauth's sign-in (throttled like every sign-in), and the admin opens only once the
second factor is confirmed in this session (`plans.signin.second_factor_step`, which asks it of
staff as of professionals).
"""

from django.contrib import admin
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from plans import signin


class AdminSite(admin.AdminSite):
    site_header = "toekomstplan"
    site_title = "toekomstplan"

    def has_permission(self, request):
        return super().has_permission(request) and signin.second_factor_step(request) is None

    def login(self, request, extra_context=None):
        """Never a password form of its own: the sign-in everyone uses, then the second factor,
        then back to where the coordinator was going."""
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = ""
        target = target or reverse("admin:index", current_app=self.name)
        if request.user.is_authenticated:
            step = signin.second_factor_step(request)
            if step is not None:
                return redirect(f"{reverse(step)}?{urlencode({'next': target})}")
            return redirect(target if request.user.is_staff else resolve_url("home"))
        return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")
