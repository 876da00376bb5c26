from django.urls import path

from plans import portal_views

app_name = "portal"

urlpatterns = [
    path("", portal_views.portal_home, name="home"),
    path("verhaal/", portal_views.portal_verhaal, name="verhaal"),
    path("verhaal/<slug:kind>/nieuw/", portal_views.portal_verhaal_add, name="verhaal_add"),
    path("verhaal/<uuid:item_uuid>/", portal_views.portal_verhaal_item, name="verhaal_item"),
    path(
        "verhaal/<uuid:item_uuid>/weg/",
        portal_views.portal_verhaal_delete,
        name="verhaal_delete",
    ),
    path("doelen/", portal_views.portal_doelen, name="doelen"),
    path("doelen/<slug:code>/", portal_views.portal_domein, name="domein"),
    path("doelen/<slug:code>/nieuw/", portal_views.portal_goal_new, name="goal_new"),
    path("acties/", portal_views.portal_acties, name="acties"),
    path("acties/<uuid:action_uuid>/klaar/", portal_views.portal_action_done, name="action_done"),
    path("checklist/", portal_views.portal_checklist, name="checklist"),
    path("checklist/<slug:item_code>/", portal_views.portal_checklist_mark, name="checklist_mark"),
    path("delen/", portal_views.portal_sharing, name="sharing"),
    path("delen/uitnodigen/", portal_views.portal_invite, name="invite"),
    path("delen/<uuid:role_uuid>/", portal_views.portal_share, name="share"),
    path("delen/<uuid:role_uuid>/intrekken/", portal_views.portal_revoke, name="revoke"),
    path("gekeken/", portal_views.portal_looked, name="looked"),
    path("gegevens/", portal_views.portal_gegevens, name="gegevens"),
    path(
        "gegevens/mijn-toekomstplan.json", portal_views.portal_gegevens_json, name="gegevens_json"
    ),
]
