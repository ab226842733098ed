"""Demo pictures: every demo row has an illustration, described in every language."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from modeltranslation.utils import build_localized_fieldname
from PIL import Image

from apps.core.demo_loading import DEMO_ART, DEMO_ART_SUFFIX, demo_data
from apps.core.i18n import language_codes
from apps.events.models import Event, EventSeries
from apps.portal.models import HomePage
from apps.service_packages.models import ServicePackage
from apps.sister_cities.models import SisterCity
from apps.venues.models import Route, Venue

# Each kind of demo row: its model, its picture field and where its data lists it.
PICTURED = [
    (SisterCity, "hero_image", "sister_cities", "partners"),
    (Venue, "hero_image", "venues", "venues"),
    (Route, "image", "venues", "routes"),
    (EventSeries, "image", "events", "series"),
    (Event, "image", "events", "upcoming"),
    (Event, "image", "events", "past"),
    (ServicePackage, "image", "service_packages", "packages"),
]
ILLUSTRATION = {
    "zh-hans": "插图：",
    "en": "Illustration of ",
    "ja": "イラスト：",
    "ru": "Иллюстрация: ",
    "fr": "Illustration : ",
    "es": "Ilustración ",
    "ar": "رسم توضيحي",
}


def _data_items():
    for _model, field, app, key in PICTURED:
        for item in demo_data(app)[key]:
            yield item["slug"], field, item
    yield "home page", "hero_image", demo_data("portal")["home_page"]


def _art_files() -> set[str]:
    return {
        str(path.relative_to(DEMO_ART))
        for path in DEMO_ART.rglob("*")
        if path.is_file() and path.name != "LICENSE.md"
    }


@pytest.mark.parametrize(("slug", "field", "item"), list(_data_items()))
def test_every_demo_item_names_a_picture_described_as_an_illustration(slug, field, item):
    assert (DEMO_ART / f"{item[field]}{DEMO_ART_SUFFIX}").is_file(), slug
    alt = item[f"{field}_alt"]
    assert set(alt) == set(language_codes()), slug
    for code, text in alt.items():
        # An illustration is not a photo: the description says so in every language.
        assert text.startswith(ILLUSTRATION[code]), (slug, code)
        assert len(text) <= 250, (slug, code)


def test_every_picture_is_a_16_by_9_webp_from_an_svg_without_text():
    sources = {path.stem for path in (DEMO_ART / "src").glob("*.svg")}
    pictures = {path.stem for path in DEMO_ART.glob(f"*{DEMO_ART_SUFFIX}")}
    assert sources == pictures
    used = {item[field] for _slug, field, item in _data_items()}
    assert used == pictures, "an illustration no demo item uses, or one that is missing"
    for stem in pictures:
        with Image.open(DEMO_ART / f"{stem}{DEMO_ART_SUFFIX}") as im:
            assert (im.format, im.size) == ("WEBP", (1600, 900)), stem
        svg = (DEMO_ART / "src" / f"{stem}.svg").read_text(encoding="utf-8")
        # No words inside a picture (it serves seven languages), nothing from another host.
        assert not re.search(r"<(text|image|script)\b", svg), stem
        assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', ""), stem
    total = sum(path.stat().st_size for path in DEMO_ART.glob(f"*{DEMO_ART_SUFFIX}"))
    assert total < 3 * 1024 * 1024


def test_the_licence_is_recorded_and_lists_every_art_file():
    licence = (DEMO_ART / "LICENSE.md").read_text(encoding="utf-8")
    assert "original artwork made for the Xicheng International" in licence
    assert "CC BY 4.0" in licence
    listed = set(re.findall(r"`([\w/.-]+\.(?:svg|webp))`", licence))
    assert listed == _art_files()


def _media_files() -> list[Path]:
    return sorted(path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())


@pytest.mark.django_db
def test_loaded_rows_have_their_picture_and_a_second_load_adds_no_file():
    call_command("load_demo_content", stdout=StringIO())

    rows = [
        *[row for model in dict.fromkeys(m for m, *_ in PICTURED) for row in model.objects.all()],
        HomePage.objects.get(),
    ]
    assert len(rows) == 2 + 12 + 1 + 9 + 16 + 3 + 1
    for row in rows:
        field = "image" if hasattr(row, "image_alt") else "hero_image"
        picture = getattr(row, field)
        assert picture, row
        with picture.open("rb") as fh, Image.open(fh) as im:
            assert im.size == (1600, 900), row
        for code in language_codes():
            assert getattr(row, build_localized_fieldname(f"{field}_alt", code)), (row, code)
    edition = Event.objects.filter(series__slug="white-tower-night-talk").get()
    assert edition.image_alt_en == edition.series.image_alt_en
    files = _media_files()

    call_command("load_demo_content", stdout=StringIO())

    assert _media_files() == files
