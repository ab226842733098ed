"""Tracking a request: reference and code, or the private link from the email."""

from django.http import Http404


def track(request):
    raise Http404  # being written


def track_link(request, token):
    raise Http404  # being written


def request_status(request, reference):
    raise Http404  # being written
