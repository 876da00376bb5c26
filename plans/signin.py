"""Signing in: the session's user read with "professional?", the second factor, the demo
exemption and the session timeout. Who may do what with a plan is in permissions.py."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from network.demo_accounts import DEMO_EMAILS
from network.models import Membership
from plans.models import PlanRole

if TYPE_CHECKING:
    from network.models import User


class SessionTimeoutMiddleware:
    """Sign people out after a while: professionals after 30 idle minutes, everyone after 12 hours.

    A forgotten session on a shared desk computer must not keep a plan open. The time of the last
    request is written at most once a minute, so most requests cost no session write.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            expired = self._expired(request)
            if expired:
                return self._sign_out(request, expired)
        return self.get_response(request)

    def _expired(self, request) -> str | None:
        session = request.session
        now = time.time()
        if "tp_started" not in session:
            session["tp_started"] = now
            session["tp_seen"] = now
            session["tp_professional"] = is_professional(request.user)
            return None
        idle_limit = (
            settings.SESSION_IDLE_SECONDS_PROFESSIONAL
            if session.get("tp_professional")
            else settings.SESSION_IDLE_SECONDS_OTHERS
        )
        if now - session["tp_started"] > settings.SESSION_ABSOLUTE_SECONDS:
            return "absolute"
        if now - session.get("tp_seen", now) > idle_limit:
            return "idle"
        if now - session.get("tp_seen", 0) > 60:
            session["tp_seen"] = now
        return None

    def _sign_out(self, request, reason: str):
        logout(request)
        text = (
            _("You were signed out because you were inactive for a while. Please sign in again.")
            if reason == "idle"
            else _(
                "You were signed out because your session had lasted 12 hours. "
                "Please sign in again."
            )
        )
        messages.info(request, text)
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=401)
            response["HX-Redirect"] = reverse("account_login")
            return response
        return redirect_to_login(request.get_full_path(), reverse("account_login"))


def is_professional(user: User) -> bool:
    """A professional works for an organisation or holds a professional role in some plan.
    Professionals need the second factor and short sessions. Read with the user on every
    request (`signed_in_user`), so a role given or ended counts from the next request on."""
    if not user.is_authenticated:
        return False
    known = getattr(user, "professional_now", None)  # (through request.user's lazy wrapper)
    if known is None:
        found = signed_in_user(user.pk)
        known = user.professional_now = bool(found and found.professional_now)
    return known


def signed_in_user(user_id) -> User | None:
    """The user of a session, read with whether they are a professional (and lead a team: the
    caseload asks) in the same query: it runs on every request of everyone signed in
    (`plans.backends`). Written out in SQL: the
    ORM took longer to build the two EXISTS than the database took to answer them."""

    users = get_user_model()
    roles = PlanRole.PROFESSIONAL_ROLES
    sql = (
        f"SELECT u.*, EXISTS (SELECT 1 FROM {Membership._meta.db_table} m"
        " WHERE m.user_id = u.id) AS works_for_organisation,"
        f" EXISTS (SELECT 1 FROM {PlanRole._meta.db_table} r WHERE r.user_id = u.id"
        f" AND r.revoked_at IS NULL AND r.role IN ({', '.join(['%s'] * len(roles))}))"
        " AS holds_professional_role,"
        f" EXISTS (SELECT 1 FROM {Membership._meta.db_table} t"
        " WHERE t.user_id = u.id AND t.is_team_lead) AS leads_a_team"
        f" FROM {users._meta.db_table} u WHERE u.id = %s"
    )
    user = next(iter(users._default_manager.raw(sql, [*roles, user_id])), None)
    if user is not None:
        user.professional_now = bool(user.works_for_organisation or user.holds_professional_role)
    return user


def is_demo_account(user: User) -> bool:
    """In demo mode the made-up demo professionals may skip two-factor sign-in (with a banner)."""
    if not settings.TOEKOMSTPLAN_DEMO:
        return False

    return user.email in DEMO_EMAILS


def second_factor_step(request: HttpRequest) -> str | None:
    """What a professional or a coordinator must still do before a plan page or the admin
    opens, as a URL name, or None.

    Youth-care data asks for strong authentication (BIO): a professional sets up TOTP once and
    confirms it in every session; so does staff, whose admin lists every jongere by name and
    birth date. Jongeren and JIMs sign in by an e-mailed code instead.
    """
    user = request.user
    if not (is_professional(user) or user.is_staff) or is_demo_account(user):
        return None
    records = get_authentication_records(request, user)
    if any(record.get("method") == "mfa" for record in records):
        return None
    if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
        return "mfa_activate_totp"
    return "mfa_reauthenticate"
