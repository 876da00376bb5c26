from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.portal_home, name="home"),
    path("verhaal/", views.portal_verhaal, name="verhaal"),
    path("verhaal/<slug:kind>/nieuw/", views.portal_verhaal_add, name="verhaal_add"),
    path("verhaal/<uuid:item_uuid>/", views.portal_verhaal_item, name="verhaal_item"),
    path(
        "verhaal/<uuid:item_uuid>/weg/",
        views.portal_verhaal_delete,
        name="verhaal_delete",
    ),
    path("doelen/", views.portal_doelen, name="doelen"),
    path("doelen/<slug:code>/", views.portal_domein, name="domein"),
    path("doelen/<slug:code>/nieuw/", views.portal_goal_new, name="goal_new"),
    path("acties/", views.portal_acties, name="acties"),
    path("acties/<uuid:action_uuid>/klaar/", views.portal_action_done, name="action_done"),
    path("checklist/", views.portal_checklist, name="checklist"),
    path("checklist/<slug:item_code>/", views.portal_checklist_mark, name="checklist_mark"),
    path("delen/", views.portal_sharing, name="sharing"),
    path("delen/uitnodigen/", views.portal_invite, name="invite"),
    path("delen/<uuid:role_uuid>/", views.portal_share, name="share"),
    path("delen/<uuid:role_uuid>/intrekken/", views.portal_revoke, name="revoke"),
    path("gekeken/", views.portal_looked, name="looked"),
    path("gegevens/", views.portal_gegevens, name="gegevens"),
    path("gegevens/mijn-toekomstplan.json", views.portal_gegevens_json, name="gegevens_json"),
]
