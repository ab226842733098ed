from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("feed.ics", views.event_feed, name="feed"),
    # A registrant's private pages: the signed token is the only way in.
    path("registration/<str:token>/", views.registration_manage, name="registration"),
    path(
        "registration/<str:token>/cancel/",
        views.registration_cancel_one_click,
        name="registration_cancel",
    ),
    path("registration/<str:token>/calendar.ics", views.registration_ics, name="registration_ics"),
    path("<slug:slug>.ics", views.event_ics, name="ics"),
    path("<slug:slug>/register/", views.event_register, name="register"),
    path("<slug:slug>/", views.event_detail, name="detail"),
]
