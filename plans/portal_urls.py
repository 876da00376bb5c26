from django.urls import path

from plans import portal_views

app_name = "portal"

urlpatterns = [
    path("", portal_views.portal_home, name="home"),
    path("delen/", portal_views.portal_sharing, name="sharing"),
    path("delen/uitnodigen/", portal_views.portal_invite, name="invite"),
    path("delen/<uuid:role_uuid>/", portal_views.portal_share, name="share"),
    path("delen/<uuid:role_uuid>/intrekken/", portal_views.portal_revoke, name="revoke"),
    path("gekeken/", portal_views.portal_looked, name="looked"),
]
