"""Replaced and deleted pictures leave nothing behind, unless another row still uses them."""

import re

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.sql import emit_post_migrate_signal
from django.db import transaction
from django_cleanup import cache as cleanup_cache

from apps.core.images import image_renditions
from apps.core.media_cleanup import media_file_in_use
from apps.core.services import STAFF_GROUP_CONTENT_EDITOR
from apps.events.services import event_create_next_edition
from apps.sister_cities.models import GalleryImage
from tests.events.factories import EventFactory
from tests.sister_cities.factories import (
    AgreementFactory,
    GalleryImageFactory,
    SisterCityFactory,
    jpeg_bytes,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


def stored(storage=default_storage) -> set[str]:
    """Every file in `storage`, by name."""

    def walk(folder):
        try:
            folders, files = storage.listdir(folder)
        except FileNotFoundError:
            return
        for name in files:
            yield f"{folder}/{name}" if folder else name
        for sub in folders:
            yield from walk(f"{folder}/{sub}" if folder else sub)

    return set(walk(""))


def renditions_of(name: str) -> set[str]:
    stem = name.rsplit(".", 1)[0]
    return {each for each in stored() if each.startswith(f"renditions/{stem}/")}


def picture(name="picture.jpg", **size) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**size), content_type="image/jpeg")


def shown(gallery_picture) -> set[str]:
    """Renders `gallery_picture` as pages do; the renditions it made."""
    image_renditions(gallery_picture.image)
    return renditions_of(gallery_picture.image.name)


def test_a_replaced_picture_goes_with_its_renditions(django_capture_on_commit_callbacks):
    gallery_picture = GalleryImageFactory(image=picture(width=1200, height=800))
    old = gallery_picture.image.name
    old_renditions = shown(gallery_picture)
    # Three widths (480, 960 and the source's 1200), WebP and JPEG each.
    assert len(old_renditions) == 6
    with django_capture_on_commit_callbacks(execute=True):
        gallery_picture.image = picture("new.jpg")
        gallery_picture.full_clean()
        gallery_picture.save()
    assert not default_storage.exists(old)
    assert not (old_renditions & stored())
    assert not default_storage.exists(f"renditions/{old.rsplit('.', 1)[0]}")
    assert default_storage.exists(gallery_picture.image.name)


def test_loading_rows_notes_nothing_and_a_loaded_row_still_cleans_up(
    django_capture_on_commit_callbacks,
):
    """Public pages load many rows with pictures and save none: no django-cleanup receiver
    runs on a load. A row loaded from the database and given a new picture learns its old
    name from the database just before the save, and the old file goes."""
    from django.db.models.signals import post_init
    from django_cleanup.handlers import cache_original_post_init

    gallery_picture = GalleryImageFactory(image=picture(width=1200, height=800))
    old = gallery_picture.image.name
    assert cache_original_post_init not in post_init._live_receivers(type(gallery_picture))[0]
    loaded = type(gallery_picture).objects.get(pk=gallery_picture.pk)
    assert not hasattr(loaded, cleanup_cache.CACHE_NAME)
    with django_capture_on_commit_callbacks(execute=True):
        loaded.image = picture("new.jpg")
        loaded.full_clean()
        loaded.save()
    assert not default_storage.exists(old)
    assert default_storage.exists(loaded.image.name)


def test_a_deleted_row_takes_its_picture_and_renditions(django_capture_on_commit_callbacks):
    gallery_picture = GalleryImageFactory()
    name = gallery_picture.image.name
    made = shown(gallery_picture)
    assert made
    with django_capture_on_commit_callbacks(execute=True):
        gallery_picture.delete()
    assert not default_storage.exists(name)
    assert not (made & stored())


def test_a_row_deleted_with_its_parent_takes_its_picture(django_capture_on_commit_callbacks):
    city = SisterCityFactory(hero_image=picture("hero.jpg"))
    gallery_picture = GalleryImageFactory(city=city)
    names = {city.hero_image.name, gallery_picture.image.name}
    with django_capture_on_commit_callbacks(execute=True):
        city.delete()
    assert not any(default_storage.exists(name) for name in names)


def test_nothing_is_deleted_when_the_transaction_rolls_back():
    gallery_picture = GalleryImageFactory()
    name = gallery_picture.image.name
    with pytest.raises(RuntimeError), transaction.atomic():
        GalleryImage.objects.get(pk=gallery_picture.pk).delete()
        raise RuntimeError
    assert default_storage.exists(name)


def test_a_picture_another_row_uses_is_kept(django_capture_on_commit_callbacks):
    first = GalleryImageFactory()
    name = first.image.name
    made = shown(first)
    # Two rows naming one file, as a copied row does.
    second = GalleryImage.objects.create(city=first.city, image=name, alt="the same")
    assert media_file_in_use(storage=default_storage, name=name)
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert default_storage.exists(name)
    assert made <= stored()
    assert image_renditions(second.image).largest.url
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert not default_storage.exists(name)
    assert not (made & stored())


def test_the_next_edition_keeps_the_picture_it_shares(django_capture_on_commit_callbacks):
    event = EventFactory(image=picture("poster.jpg"))
    name = event.image.name
    edition = event_create_next_edition(event=event)
    assert edition.image.name == name
    with django_capture_on_commit_callbacks(execute=True):
        edition.image = picture("new-poster.jpg")
        edition.full_clean()
        edition.save()
    assert default_storage.exists(name)  # the first edition still shows it
    with django_capture_on_commit_callbacks(execute=True):
        event.delete()
    assert not default_storage.exists(name)
    assert default_storage.exists(edition.image.name)


def test_renditions_of_a_picture_named_alike_are_kept(django_capture_on_commit_callbacks):
    """Pictures stored before names had a random part: "a.jpg" and "a.png" share a folder."""
    city = SisterCityFactory()
    jpeg = GalleryImageFactory(city=city)
    png = GalleryImageFactory(city=city)
    for row, name in ((jpeg, "sister-cities/gallery/a.jpg"), (png, "sister-cities/gallery/a.png")):
        with row.image.open("rb") as source:
            default_storage.save(name, ContentFile(source.read()))
        GalleryImage.objects.filter(pk=row.pk).update(image=name)
        row.refresh_from_db()
    jpeg_renditions = shown(jpeg)
    image_renditions(png.image)
    png_renditions = renditions_of(png.image.name) - jpeg_renditions
    assert png_renditions
    with django_capture_on_commit_callbacks(execute=True):
        jpeg.delete()
    assert not (jpeg_renditions & stored())
    assert png_renditions <= stored()


def test_stored_names_have_a_random_part_and_are_never_given_again():
    first = GalleryImageFactory(image=picture("hero.jpg"))
    assert re.fullmatch(r"sister-cities/gallery/hero_[A-Za-z0-9]{10}\.jpg", first.image.name)
    name = first.image.name
    default_storage.delete(name)
    second = GalleryImageFactory(image=picture("hero.jpg"))
    assert second.image.name != name


def test_a_long_name_keeps_its_random_part():
    gallery_picture = GalleryImageFactory(image=picture("x" * 150 + ".jpg"))
    name = gallery_picture.image.name
    assert len(name) <= GalleryImage._meta.get_field("image").max_length
    assert re.fullmatch(r"sister-cities/gallery/x+_[A-Za-z0-9]{10}\.jpg", name)


def test_a_replaced_agreement_document_is_deleted_from_private_storage(
    django_capture_on_commit_callbacks,
):
    agreement = AgreementFactory()
    old = agreement.document.name
    private = storages["private"]
    assert private.exists(old)
    with django_capture_on_commit_callbacks(execute=True):
        agreement.document = pdf_upload("renewal.pdf")
        agreement.full_clean()
        agreement.save()
    assert not private.exists(old)
    assert private.exists(agreement.document.name)


def test_staff_permissions_are_synced_although_django_cleanup_comes_last(monkeypatch):
    """post_migrate skips apps without models, such as django_cleanup."""
    from xicheng_portal.settings import base

    assert base.INSTALLED_APPS[-1] == "apps.core.cleanup_app.MediaCleanupConfig"
    # The apps in production's order (the test settings add an app of their own).
    production = [
        config for config in django_apps.get_app_configs() if config.name != "tests.testapp"
    ]
    assert production[-1].name == "django_cleanup"
    monkeypatch.setattr(django_apps, "get_app_configs", lambda: production)
    editors = Group.objects.get(name=STAFF_GROUP_CONTENT_EDITOR)
    editors.permissions.clear()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert editors.permissions.filter(codename="change_galleryimage").exists()


def test_a_row_loaded_without_its_picture_and_read_whole_later_saves_and_cleans_up(settings):
    """`.only()` leaves the picture out of what django-cleanup notes; `full_clean()` then
    reads it. Saving must neither fail nor lose track of the file it replaces."""
    from apps.events.models import Event
    from tests.events.factories import EventFactory

    event = EventFactory()
    partial = Event.objects.only("slug", "title_en").get(pk=event.pk)
    partial.full_clean()  # reads every deferred field, the picture included
    partial.title_en = "Retitled"
    partial.save()
    assert Event.objects.get(pk=event.pk).title_en == "Retitled"
