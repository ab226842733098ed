"""The enterprise request form, "check your answers" and the confirmation."""

from django.http import Http404


def apply(request, slug):
    raise Http404  # being written


def check_answers(request, slug):
    raise Http404  # being written


def submitted(request, reference):
    raise Http404  # being written
