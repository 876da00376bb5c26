from django.urls import path

from figures import views

app_name = "figures"

urlpatterns = [
    path("", views.figures_page, name="figures"),
    path("<slug:slug>.csv", views.figures_csv, name="figures_csv"),
]
