from django.urls import path

from . import views

app_name = "sister_cities"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.detail, name="detail"),
    path(
        "<slug:slug>/agreements/<int:pk>.pdf",
        views.agreement_document,
        name="agreement_document",
    ),
]
