"""Signal handlers of the core app."""

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from .services import STAFF_GROUP_CONTENT_EDITOR, STAFF_GROUP_SERVICE_DESK, STAFF_GROUP_SITE_ADMIN


def _permissions_for(targets, actions=None):
    """Permissions of apps ("events") or single models ("service_packages.request")."""
    match = Q(pk__in=[])
    for target in targets:
        app_label, _, model = target.partition(".")
        match |= Q(
            content_type__app_label=app_label, **({"content_type__model": model} if model else {})
        )
    qs = Permission.objects.filter(match)
    if actions:
        qs = qs.filter(codename__regex=r"^(" + "|".join(actions) + r")_")
    return qs


def sync_staff_group_permissions(using="default", **kwargs):
    """Give each staff group the permissions of the apps it works on.

    The apps are named in settings (STAFF_CONTENT_APPS, STAFF_SERVICE_DESK_APPS) so
    that core never imports the domain apps.
    """
    if not django_apps.is_installed("django.contrib.auth"):
        return
    groups = {
        g.name: g
        for g in Group.objects.using(using).filter(
            name__in=[STAFF_GROUP_CONTENT_EDITOR, STAFF_GROUP_SERVICE_DESK, STAFF_GROUP_SITE_ADMIN]
        )
    }
    if len(groups) < 3:  # the data migration has not run on this database yet
        return
    groups[STAFF_GROUP_CONTENT_EDITOR].permissions.set(
        _permissions_for(settings.STAFF_CONTENT_APPS)
    )
    groups[STAFF_GROUP_SERVICE_DESK].permissions.set(
        _permissions_for(settings.STAFF_SERVICE_DESK_APPS, actions=["view", "change"])
    )
    groups[STAFF_GROUP_SITE_ADMIN].permissions.set(Permission.objects.using(using).all())
