"""Files of deleted and replaced rows: django-cleanup deletes them, this module says which.

django-cleanup deletes the file a row named once the row is deleted or names another
file, after the transaction commits (never on a rollback). Before each deletion it asks
here: a file that another row still names is kept (an event's next edition starts with
the picture of the last one), and a picture's renditions are deleted with it.

Models named in MEDIA_CLEANUP_EXCLUDE_MODELS are left out: their services delete their
files themselves (service requests' retention, drafts). Other private files (agreements)
are not looked for in other rows: each is stored under its own name, never shared.
"""

import logging
from functools import reduce
from operator import or_

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django_cleanup import cache as cleanup_cache
from django_cleanup import cleanup
from django_cleanup.signals import cleanup_pre_delete

from .images import image_renditions_delete
from .storage import PrivateMediaStorage

logger = logging.getLogger(__name__)


def _storage_key(storage) -> tuple:
    # __class__ sees through the lazy default_storage; two storages of one class and one
    # folder are the same files. Without a folder, the class alone: rather kept than lost.
    return storage.__class__, getattr(storage, "location", None)


def media_file_in_use(*, storage, name: str) -> bool:
    """Whether any row still names the file `name` of `storage` in one of its file fields."""
    key = _storage_key(storage)
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.FileField) and _storage_key(field.storage) == key
        ]
        if not columns:
            continue
        naming = reduce(or_, (Q(**{column: name}) for column in columns))
        if model._base_manager.filter(naming).exists():
            return True
    return False


def media_file_release(*, file, file_name: str) -> None:
    """Before django-cleanup deletes `file`: keep it if still used, else drop its renditions."""
    storage = file.storage
    if isinstance(storage, PrivateMediaStorage):
        return
    if media_file_in_use(storage=storage, name=file_name):
        logger.info("Kept %s: another row still uses it", file_name)
        # FieldFile.delete() does nothing without a name. This FieldFile is django-cleanup's
        # own copy, bound to no row.
        file.name = None
        return
    if isinstance(file.field, models.ImageField):
        try:
            image_renditions_delete(file)
        except OSError:
            logger.warning("Could not delete the renditions of %s", file_name, exc_info=True)


def _before_cleanup_delete(sender, *, file, file_name, **kwargs):
    media_file_release(file=file, file_name=file_name)


def _complete_cleanup_cache(sender, instance, raw=False, **kwargs):
    """Give django-cleanup the stored name of a file field loaded after the row was.

    django-cleanup notes a row's file names when the row is loaded, leaving out deferred
    fields (`.only()`). A deferred file field read later (`full_clean()` reads them all)
    is saved with the row, and django-cleanup then looks for a name it never noted. The
    stored name is read here, before the save, for those fields only.
    """
    if raw or instance.pk is None or not cleanup_cache.has_cache(instance):
        return
    model_name = cleanup_cache.get_model_name(instance)
    if not cleanup_cache.model_has_filefields(model_name):
        return
    noted = getattr(instance, cleanup_cache.CACHE_NAME)
    deferred = instance.get_deferred_fields()
    missing = [
        name
        for name in cleanup_cache.get_fields_for_model(model_name)
        if name not in noted and name not in deferred
    ]
    if not missing:
        return
    stored = sender._base_manager.filter(pk=instance.pk).values(*missing).first()
    if stored is None:
        return
    for name in missing:
        field = instance._meta.get_field(name)
        noted[name] = field.attr_class(instance, field, stored[name])


def media_cleanup_connect() -> None:
    """Set django-cleanup up: models it leaves alone, and this module asked first.

    Called from CoreConfig.ready, before django_cleanup's own ready() (it is last in
    INSTALLED_APPS) reads which models to leave alone.
    """
    for label in settings.MEDIA_CLEANUP_EXCLUDE_MODELS:
        cleanup.ignore(apps.get_model(label))
    cleanup_pre_delete.connect(_before_cleanup_delete, dispatch_uid="core_media_file_release")
    pre_save.connect(_complete_cleanup_cache, dispatch_uid="core_complete_cleanup_cache")
