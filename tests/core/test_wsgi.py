"""The WSGI entry point gunicorn loads in each web process."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_start_up_objects_are_frozen_out_of_the_cyclic_collector():
    """What Django and the apps create at start-up is moved out of the collector's reach
    (gc.freeze), so full collections during requests walk only what requests create."""
    code = "import gc, xicheng_portal.wsgi\nprint(gc.get_freeze_count())\n"
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    # Django, the apps and their models: well over 50,000 objects.
    assert int(run.stdout.strip()) > 50_000
