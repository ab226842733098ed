"""Serve the demo site with a Celery worker and beat beside it; Ctrl-C stops all three."""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Celery warns when its worker runs as root (as in many containers); in a demo on
# one's own machine nobody can act on it.
ROOT_WARNING = "ignore:You're running the worker with superuser privileges"


def commands(port: str) -> dict[str, list[str]]:
    """The three processes of the demo, by name.

    --quiet drops Celery's banners; WARNING keeps the once-a-minute task lines out of
    the terminal while errors still show. Emails are printed by the mail backend.
    """
    python = sys.executable
    celery = ["-m", "celery", "-A", "xicheng_portal", "--quiet"]
    return {
        "worker": [
            python,
            "-W",
            ROOT_WARNING,
            *celery,
            "worker",
            "--loglevel=WARNING",
            "--concurrency=2",
            "--hostname=demo@%h",
            # One worker has no peers to sync with or watch; without these it also
            # stops a few seconds sooner on the filesystem queue.
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        "beat": [
            python,
            *celery,
            "beat",
            "--loglevel=WARNING",
            "--schedule",
            str(ROOT / "var" / "celerybeat-schedule"),
        ],
        "web": [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
    }


def site_url() -> str:
    """The SITE_URL the three processes will use (the environment and `.env` included)."""
    sys.path.insert(0, str(ROOT))
    from django.conf import settings

    return settings.SITE_URL


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", default="8000")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xicheng_portal.settings.base")
    # Links in pages and in the emails the worker sends follow the port served, unless
    # SITE_URL is set; the children inherit this environment.
    os.environ["DEMO_PORT"] = args.port
    served = f"http://127.0.0.1:{args.port}"
    links = site_url()

    children: dict[str, subprocess.Popen] = {}

    def stop(*_):
        print("\nStopping the web server, the worker and beat...", flush=True)
        for child in children.values():
            if child.poll() is None:
                child.terminate()
        for child in children.values():
            try:
                # The worker finishes the task in hand first (a warm shutdown).
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()
        sys.exit(0)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
    # Each child gets its own process group: Ctrl-C reaches only this script, which
    # stops the children in order instead of each one shouting about the signal.
    for name, command in commands(args.port).items():
        children[name] = subprocess.Popen(command, cwd=ROOT, process_group=0)  # noqa: S603
    print(f"\nServing {served}/ with a Celery worker and beat.")
    if links != served:
        print(f"Links in pages and emails use SITE_URL={links}.")
    print("Press Ctrl-C to stop.\n", flush=True)

    while True:
        for name, child in children.items():
            if child.poll() is not None:
                print(f"The {name} stopped with {child.returncode}; stopping the rest.")
                stop()
        time.sleep(1)


if __name__ == "__main__":
    main()
