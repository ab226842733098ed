"""Screenshots of the main pages for docs/screenshots/, taken by the browser tests.

Only with SCREENSHOTS=1 (`make screenshots`): a normal run never writes to the tree.
Each image is the top of the page, at most MAX_HEIGHT pixels, reduced to a 256-colour
palette (text and flat colours survive it) so that the set stays small in the repository.
"""

import io
import os
from pathlib import Path

from PIL import Image

FOLDER = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# The pages shown in docs/screenshots/README.md, in its order.
SCREENSHOT_PAGES = [
    "home",
    "events",
    "event",
    "register",
    "services",
    "apply",
    "status",
    "directory",
    "partner",
    "venue",
    "route",
]
MAX_HEIGHT = {"phone": 2000, "desktop": 1400}


def screenshots_wanted() -> bool:
    return os.environ.get("SCREENSHOTS", "") not in ("", "0")


def screenshot_path(name: str, language: str, device: str) -> Path:
    return FOLDER / language / f"{name}-{device}.png"


# Lazy pictures below the fold would be blank in a full-page picture: load them all first.
_LOAD_PICTURES = """
async () => {
  const pictures = [...document.images];
  for (const picture of pictures) picture.loading = "eager";
  await Promise.all(pictures.map((picture) => picture.decode().catch(() => null)));
}
"""


def save_screenshot(page, name: str, language: str, device: str) -> Path:
    """The top of the page as it is now, with no focus ring or hover state on it."""
    page.evaluate(_LOAD_PICTURES)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.mouse.move(0, 0)
    width, height = page.evaluate(
        "[document.documentElement.clientWidth, document.documentElement.scrollHeight]"
    )
    png = page.screenshot(
        full_page=True,
        clip={"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT[device])},
        animations="disabled",
        caret="hide",
    )
    image = Image.open(io.BytesIO(png)).convert("RGB")
    palette = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path = screenshot_path(name, language, device)
    path.parent.mkdir(parents=True, exist_ok=True)
    palette.save(path, format="PNG", optimize=True)
    return path
