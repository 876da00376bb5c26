"""What the app keeps in Redis is sealed (issue 19: sessions held e-mail addresses in the clear)."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from plans.sealing import SealedCacheSerializer

pytestmark = pytest.mark.django_db


def test_a_session_in_redis_holds_no_e_mail_address_in_the_clear(plan, jongere, client_for):
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")  # make test runs Redis
    client = client_for(jongere.user)
    assert client.get(reverse("portal:home")).status_code == 200
    key = cache.make_and_validate_key(
        "django.contrib.sessions.cached_db" + client.session.session_key
    )
    raw = cache._cache.get_client(key, write=False).get(key)
    assert raw, "the session is in Redis"
    assert jongere.user.email.encode() not in raw
    assert b"account_authentication_methods" not in raw
    assert client.get(reverse("portal:home")).status_code == 200  # and it still opens


def test_sealed_values_open_and_numbers_stay_countable():
    serializer = SealedCacheSerializer()
    session = {"account_authentication_methods": [{"email": "milan@example.nl"}]}
    sealed = serializer.dumps(session)
    assert b"milan" not in sealed
    assert serializer.loads(sealed) == session
    assert serializer.dumps(7) == 7 and serializer.loads(b"7") == 7
    assert serializer.loads(b"garbage that was never sealed") is None
