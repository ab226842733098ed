"""The public catalogue of service packages."""

from django.http import Http404


def package_list(request):
    raise Http404  # being written: the catalogue page


def package_detail(request, slug):
    raise Http404  # being written: the package page
