"""Serve the demo site with a Celery worker and beat beside it; Ctrl-C stops all three."""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", default="8000")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xicheng_portal.settings.base")
    python = sys.executable
    # The filesystem transport (used when REDIS_URL is empty) needs its folders.
    queue_dir = Path(os.environ.get("CELERY_QUEUE_DIR", ROOT / "var" / "celery"))
    for folder in ("out", "processed"):
        (queue_dir / folder).mkdir(parents=True, exist_ok=True)

    commands = [
        [
            python,
            "-m",
            "celery",
            "-A",
            "xicheng_portal",
            "worker",
            "--loglevel=INFO",
            "--concurrency=2",
            "--hostname=demo@%h",
        ],
        [
            python,
            "-m",
            "celery",
            "-A",
            "xicheng_portal",
            "beat",
            "--loglevel=INFO",
            "--schedule",
            str(ROOT / "var" / "celerybeat-schedule"),
        ],
        [python, "manage.py", "runserver", f"127.0.0.1:{args.port}", "--noreload"],
    ]
    children = [subprocess.Popen(cmd, cwd=ROOT) for cmd in commands]  # noqa: S603
    print(f"\nServing http://127.0.0.1:{args.port}/ with a Celery worker and beat.")
    print("Press Ctrl-C to stop.\n", flush=True)

    def stop(*_):
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        sys.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while True:
        for child in children:
            if child.poll() is not None:
                print(f"{child.args[2:4]} stopped with {child.returncode}; stopping the rest.")
                stop()
        time.sleep(1)


if __name__ == "__main__":
    main()
