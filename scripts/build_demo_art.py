#!/usr/bin/env python3
"""Rasterise the demo illustrations: apps/core/demo_art/src/*.svg -> apps/core/demo_art/*.webp.

The SVG files are the sources (original artwork for this project, see
apps/core/demo_art/LICENSE.md); the WebP files beside them are what the demo loader
attaches to the demo content, committed so that `make run` needs no SVG tool.

Needs CairoSVG (which needs the cairo library) and Pillow, kept out of the project's own
dependencies because only this script uses them, e.g.:

    uv run --no-project --with cairosvg --with pillow scripts/build_demo_art.py

Run it after changing or adding an SVG, then list any new file in LICENSE.md.
"""

import argparse
import io
import sys
from pathlib import Path

import cairosvg
from PIL import Image

ART = Path(__file__).resolve().parent.parent / "apps" / "core" / "demo_art"
# 16:9, the widest rendition the site makes (IMAGE_RENDITION_WIDTHS), so no upscaling.
SIZE = (1600, 900)
# Flat colours compress well; 80 keeps edges clean at a few dozen kilobytes a picture.
WEBP_OPTIONS = {"quality": 80, "method": 6}


def rasterise(svg: Path) -> bytes:
    """The WebP bytes of one SVG at SIZE, without metadata."""
    png = cairosvg.svg2png(url=str(svg), output_width=SIZE[0], output_height=SIZE[1])
    with Image.open(io.BytesIO(png)) as im:
        out = io.BytesIO()
        im.convert("RGB").save(out, format="WEBP", **WEBP_OPTIONS)
    return out.getvalue()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="stems to build (default: every SVG)")
    args = parser.parse_args(argv)
    sources = sorted((ART / "src").glob("*.svg"))
    if args.names:
        sources = [svg for svg in sources if svg.stem in args.names]
    total = 0
    for svg in sources:
        target = ART / f"{svg.stem}.webp"
        data = rasterise(svg)
        target.write_bytes(data)
        total += len(data)
        print(f"{target.relative_to(ART.parent.parent.parent)}: {len(data) // 1024} KiB")
    print(f"{len(sources)} pictures, {total // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
