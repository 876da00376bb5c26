from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("<uuid:plan_uuid>/", views.plan_detail, name="plan_detail"),
]
