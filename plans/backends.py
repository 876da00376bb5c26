"""Django's and allauth's authentication backends, reading a session's user together with
whether they are a professional (`signin.signed_in_user`): one query on every request
instead of two. Signing in itself is theirs, unchanged."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from plans import signin


class _SignedInUser:
    def get_user(self, user_id):
        user = signin.signed_in_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_SignedInUser, DjangoModelBackend):
    """Passwords for the admin and the test client's force_login."""


class AuthenticationBackend(_SignedInUser, AllauthBackend):
    """allauth's sign-in by e-mail and password or by code."""
