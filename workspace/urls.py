from django.urls import path

from workspace import views

# The professional's pages, in the "plans" namespace with the PDF pages of exports/
# (toekomstplan/urls.py puts them together).

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("nieuw/", views.plan_new, name="plan_new"),
    path("overdracht/<uuid:handover_uuid>/", views.handover_answer, name="handover_answer"),
    path("<uuid:plan_uuid>/", views.plan_detail, name="plan_detail"),
    path("<uuid:plan_uuid>/verhaal/", views.plan_verhaal, name="plan_verhaal"),
    path("<uuid:plan_uuid>/wie/", views.plan_wie, name="plan_wie"),
    path("<uuid:plan_uuid>/wie/uitnodigen/", views.plan_invite, name="plan_invite"),
    path("<uuid:plan_uuid>/wie/netwerk/nieuw/", views.network_member_edit, name="network_new"),
    path(
        "<uuid:plan_uuid>/wie/netwerk/<uuid:member_uuid>/",
        views.network_member_edit,
        name="network_edit",
    ),
    path("<uuid:plan_uuid>/fase/", views.plan_phase, name="plan_phase"),
    path(
        "<uuid:plan_uuid>/wie/rollen/<uuid:role_uuid>/intrekken/",
        views.role_revoke,
        name="role_revoke",
    ),
    path(
        "<uuid:plan_uuid>/wie/rollen/<uuid:role_uuid>/delen/", views.role_share, name="role_share"
    ),
    path("<uuid:plan_uuid>/wat/", views.plan_wat, name="plan_wat"),
    path("<uuid:plan_uuid>/wat/<slug:code>/", views.domain_edit, name="domain_edit"),
    path("<uuid:plan_uuid>/hoe/", views.plan_hoe, name="plan_hoe"),
    path("<uuid:plan_uuid>/hoe/doelen/nieuw/", views.goal_new, name="goal_new"),
    path("<uuid:plan_uuid>/hoe/doelen/<uuid:goal_uuid>/", views.goal_edit, name="goal_edit"),
    path(
        "<uuid:plan_uuid>/hoe/doelen/<uuid:goal_uuid>/afsluiten/",
        views.goal_close,
        name="goal_close",
    ),
    path(
        "<uuid:plan_uuid>/hoe/doelen/<uuid:goal_uuid>/acties/nieuw/",
        views.action_new,
        name="action_new",
    ),
    path("<uuid:plan_uuid>/hoe/acties/<uuid:action_uuid>/", views.action_edit, name="action_edit"),
    path(
        "<uuid:plan_uuid>/hoe/acties/<uuid:action_uuid>/klaar/",
        views.action_done,
        name="action_done",
    ),
    path("<uuid:plan_uuid>/logboek/", views.plan_logboek, name="plan_logboek"),
    path("<uuid:plan_uuid>/risico/", views.plan_risk, name="plan_risk"),
    path("<uuid:plan_uuid>/overdracht/", views.plan_handover, name="plan_handover"),
    path(
        "<uuid:plan_uuid>/overdracht/<uuid:handover_uuid>/intrekken/",
        views.handover_withdraw,
        name="handover_withdraw",
    ),
    path("<uuid:plan_uuid>/voortgang/", views.plan_progress, name="plan_progress"),
]
