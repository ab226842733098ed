"""Signal handlers of the core app."""

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from .services import (
    STAFF_GROUP_CONTENT_EDITOR,
    STAFF_GROUP_EVENT_REGISTRATIONS,
    STAFF_GROUP_SERVICE_DESK,
    STAFF_GROUP_SITE_ADMIN,
    STAFF_GROUPS,
    staff_language_remember,
)


def _permissions_for(targets, *, using, actions=None):
    """Permissions of apps ("events") or single models ("service_packages.request")."""
    match = Q(pk__in=[])
    for target in targets:
        app_label, _, model = target.partition(".")
        scope = {"content_type__app_label": app_label}
        if model:
            scope["content_type__model"] = model
        match |= Q(**scope)
    qs = Permission.objects.using(using).filter(match)
    if actions:
        qs = qs.filter(codename__regex=r"^(" + "|".join(actions) + r")_")
    return qs


def sync_staff_group_permissions(sender, using="default", **kwargs):
    """Give each staff group the permissions of the apps it works on.

    The apps are named in settings (STAFF_CONTENT_APPS, STAFF_CONTENT_VIEWS,
    STAFF_SERVICE_DESK_APPS, STAFF_EVENT_REGISTRATION_MODELS) so that core never imports
    the domain apps; this runs after every migrate, so apps that land later are covered
    without another data migration, and a permission given to a group by hand is taken
    back.
    """
    # post_migrate is sent once per app with models, in INSTALLED_APPS order, and each
    # app's permissions are created on its own signal: act on the last one, when all
    # exist. (django_cleanup, last in INSTALLED_APPS, has no models and gets no signal.)
    with_models = [config for config in django_apps.get_app_configs() if config.models_module]
    if sender is not with_models[-1]:
        return
    # The data migration creates the groups; creating them here as well restores them
    # after a database flush, which re-emits post_migrate.
    groups = {name: Group.objects.using(using).get_or_create(name=name)[0] for name in STAFF_GROUPS}
    registrants = _permissions_for(settings.STAFF_EVENT_REGISTRATION_MODELS, using=using)
    # Registrants' personal data is never the editors', though it lives in their apps.
    groups[STAFF_GROUP_CONTENT_EDITOR].permissions.set(
        _permissions_for(settings.STAFF_CONTENT_APPS, using=using).exclude(
            pk__in=registrants.values("pk")
        )
        | _permissions_for(settings.STAFF_CONTENT_VIEWS, using=using, actions=["view"])
    )
    # Registrations are made by visitors: the group looks, corrects, cancels and deletes
    # (a cancelled one, on request), but adds none.
    groups[STAFF_GROUP_EVENT_REGISTRATIONS].permissions.set(
        registrants.exclude(codename__startswith="add_")
        | _permissions_for(settings.STAFF_EVENT_REGISTRATION_VIEWS, using=using, actions=["view"])
    )
    groups[STAFF_GROUP_SERVICE_DESK].permissions.set(
        _permissions_for(settings.STAFF_SERVICE_DESK_APPS, using=using, actions=["view", "change"])
        | _permissions_for(getattr(settings, "STAFF_SERVICE_DESK_MANAGED", []), using=using)
    )
    groups[STAFF_GROUP_SITE_ADMIN].permissions.set(Permission.objects.using(using).all())


def remember_staff_language(sender, request, user, **kwargs):
    """The language a staff member logs in with is their admin language."""
    staff_language_remember(user=user, language=getattr(request, "LANGUAGE_CODE", ""))
