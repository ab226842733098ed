"""Demo content of the portal app: the home page, from the district's published article."""

from functools import partial

from apps.core.demo_loading import DemoLoad, demo_create, demo_data

from .models import HomePage


def load() -> str:
    """Create the home page in the languages of its data unless the site already has one."""
    demo = DemoLoad()
    create = partial(demo_create, HomePage, demo_data("portal")["home_page"], is_sample=False)
    # The site has one home page, whatever it says: any row counts as existing.
    demo.ensure("home page", HomePage, create)
    return str(demo)
