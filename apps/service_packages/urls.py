from django.urls import path

from .views import apply, catalogue, tracking

app_name = "service_packages"

urlpatterns = [
    path("", catalogue.package_list, name="list"),
    # Tracking: the reference and code from the email, or the email's private link.
    path("track/", tracking.track, name="track"),
    path("track/link/<str:token>/", tracking.track_link, name="track_link"),
    path("track/<str:reference>/", tracking.request_status, name="status"),
    path("requests/<str:reference>/submitted/", apply.submitted, name="submitted"),
    path("<slug:slug>/", catalogue.package_detail, name="detail"),
    path("<slug:slug>/apply/", apply.apply, name="apply"),
    path("<slug:slug>/apply/check/", apply.check_answers, name="check"),
]
