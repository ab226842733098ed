"""Demo venues and the thematic museum route; their texts are data (`demo.json`).

The article says: the district developed venues for foreign-related activities such as
Haiqing Yuan, taking the urban renewal, the conservation of the Central Axis and the
building of the "City of Museums" as an opportunity; it refined foreign-related reception
resources in culture and tourism, business, science and technology, and education for the
pool of places foreign visitors can see; it launched a tourism route of thematic museums;
it hosts the Financial Street Forum and holds the Foreign Language Performance of the
Financial Street; it improved international education services and strengthened the
international departments of medical facilities.

It does not give Haiqing Yuan's address or Chinese characters, the stops of the museum
route, or any individual school or hospital. So:

- Haiqing Yuan keeps the name as the article writes it, has no address or coordinates (it
  is listed but stays off the map), and everything about it beyond its name and role is
  sample data.
- The museums are real and widely documented Xicheng museums with their public street
  addresses; their coordinates are approximate, and their opening hours, facilities,
  languages of visits and booking lead times are sample data.
- Beijing Financial Street and the Desheng science and technology park are real places;
  how a delegation visits them is sample data.
- The international school and the hospital international department are invented
  entries, marked "(sample)" in their names in every language.
- The route's selection of stops, their order and the suggested times are sample data.
"""

from functools import partial

from apps.core.demo_loading import DemoLoad, demo_create, demo_data
from apps.core.i18n import field_suffixes
from apps.core.models import PublishingStatus

from . import lookups
from .models import Facility, ResourceCategory, Route, RouteStop, ServiceLanguage, Venue

# The categories, facilities and languages the venues migration seeds, by model, and the
# key under which a venue's data names the ones it has.
SEEDED_LOOKUPS = {
    ResourceCategory: lookups.CATEGORIES,
    Facility: lookups.FACILITIES,
    ServiceLanguage: lookups.SERVICE_LANGUAGES,
}
RELATIONS = {ResourceCategory: "categories", Facility: "facilities", ServiceLanguage: "languages"}


def ensure_lookups(demo: DemoLoad, wanted: dict) -> None:
    """Create the seeded lookups `wanted` names ({model: codes}) that staff deleted.

    A recreated one reads as the migration seeded it; one that exists is left as it is.
    """
    for model, rows in SEEDED_LOOKUPS.items():
        for position, (code, names) in enumerate(rows):
            if code in wanted.get(model, ()):
                create = partial(_create_lookup, model, code, names, position)
                demo.ensure("lookups", model, create, code=code)


def _create_lookup(model, code: str, names: dict[str, str], position: int):
    lookup = model(code=code, position=position)
    for lang in field_suffixes():
        setattr(lookup, f"name_{lang}", names.get(lang, ""))
    lookup.full_clean()
    lookup.save()
    return lookup


def _create_venue(data) -> Venue:
    venue = demo_create(
        Venue,
        data,
        handled=RELATIONS.values(),
        status=PublishingStatus.PUBLISHED,
        is_sample=True,
    )
    for model, key in RELATIONS.items():
        getattr(venue, key).set(model.objects.filter(code__in=data[key]))
    return venue


def _create_route(data, venues: dict[str, Venue]) -> Route:
    route = demo_create(
        Route, data, handled=("stops",), status=PublishingStatus.PUBLISHED, is_sample=True
    )
    for position, stop in enumerate(data["stops"], start=1):
        venue = venues[stop["venue"]]
        demo_create(
            RouteStop, stop, handled=("venue",), route=route, venue=venue, position=position
        )
    return route


def load() -> str:
    """Create whichever demo venues, lookups they use and the museum route are missing."""
    demo = DemoLoad()
    data = demo_data("venues")
    ensure_lookups(
        demo,
        {
            model: {code for venue in data["venues"] for code in venue[key]}
            for model, key in RELATIONS.items()
        },
    )
    venues = {
        venue["slug"]: demo.ensure(
            "venues", Venue, partial(_create_venue, venue), slug=venue["slug"]
        )
        for venue in data["venues"]
    }
    for route in data["routes"]:
        create = partial(_create_route, route, venues)
        demo.ensure("routes", Route, create, slug=route["slug"])
    return str(demo)
