"""Demo partners: the two the district's published article names (texts in demo.json).

The article says: sister-city ties with Nakano City, Tokyo, whose 35th anniversary was
celebrated online with a memorandum on friendly cooperation (so ties date from 1986),
online calligraphy and floral-art exchanges with Tokyo, and an online promotion event
for enterprises with Lenin District of Minsk, Belarus. Everything it does not say (days,
months, the Minsk date, coordinates of a district) is marked as sample data.
"""

from functools import partial

from apps.core.demo_loading import DemoLoad, demo_create, demo_data
from apps.core.models import PublishingStatus

from .models import Agreement, SisterCity


def _create_city(data) -> SisterCity:
    city = demo_create(
        SisterCity,
        data,
        handled=("agreements",),
        status=PublishingStatus.PUBLISHED,
        is_sample=True,
    )
    for agreement in data["agreements"]:
        demo_create(Agreement, agreement, city=city)
    return city


def load() -> str:
    """Create whichever of the two partners the source article names is missing."""
    demo = DemoLoad()
    for data in demo_data("sister_cities")["partners"]:
        demo.ensure("partners", SisterCity, partial(_create_city, data), slug=data["slug"])
    return str(demo)
