from django.urls import path

from . import views

app_name = "venues"

urlpatterns = [
    path("venues/", views.venue_list, name="list"),
    path("venues/<slug:slug>/", views.venue_detail, name="detail"),
    path("routes/<slug:slug>/", views.route_detail, name="route"),
]
