"""django-cleanup as this site runs it: file names noted before a save, not on every load.

django-cleanup notes the file names of every row it loads (a `post_init` receiver) so
that, on save, it can delete a file the row no longer names. Public pages load many rows
with pictures and never save them; the receiver cost them about 0.1 ms a row (half the
time of the event listing's query). Without it, django-cleanup reads the stored names
from the database just before a row is saved (its own `pre_save` fallback, one query per
save of a row with files, which staff make one at a time), and deletes as before
(apps/core/media_cleanup.py asks first whether another row still uses the file).
"""

from django.db.models.signals import post_init
from django_cleanup import cache
from django_cleanup.apps import CleanupConfig


class MediaCleanupConfig(CleanupConfig):
    default = False

    def ready(self):
        super().ready()
        for model in cache.cleanup_models():
            post_init.disconnect(
                sender=model, dispatch_uid=f"post_init_django_cleanup_{cache.get_model_name(model)}"
            )
