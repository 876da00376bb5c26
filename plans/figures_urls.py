from django.urls import path

from plans import figures_views

app_name = "figures"

urlpatterns = [
    path("", figures_views.figures_page, name="figures"),
    path("<slug:slug>.csv", figures_views.figures_csv, name="figures_csv"),
]
