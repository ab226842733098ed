from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    # Placeholders until the section's app lands and takes over its URL.
    path("services/", views.section, {"section": "services"}, name="services"),
]
