"""The self-hosted proof-of-work challenge: genuine, fresh, solved and used once."""

import hashlib

import pytest
import time_machine

from apps.core import challenge as challenges
from apps.core.challenge import (
    challenge_bits,
    challenge_issue,
    challenge_solve,
    challenge_solved,
    leading_zero_bits,
)


@pytest.mark.parametrize(
    ("digest", "bits"),
    [(b"\x80" + b"\0" * 31, 0), (b"\x01" + b"\0" * 31, 7), (b"\0\x10" + b"\0" * 30, 11)],
)
def test_leading_zero_bits(digest, bits):
    assert leading_zero_bits(digest) == bits


def test_a_solution_is_accepted_once():
    challenge = challenge_issue(scope="form", bits=10)
    solution = challenge_solve(challenge)
    digest = hashlib.sha256(f"{challenge}:{solution}".encode()).digest()
    assert leading_zero_bits(digest) >= 10
    assert challenge_solved(challenge, solution, scope="form", max_age=60)
    assert not challenge_solved(challenge, solution, scope="form", max_age=60)


def test_a_wrong_scope_solution_or_forged_challenge_is_refused():
    challenge = challenge_issue(scope="form", bits=12)
    solution = challenge_solve(challenge)
    assert not challenge_solved(challenge, solution, scope="other", max_age=60)
    wrong = str(int(solution) + 1)
    digest = hashlib.sha256(f"{challenge}:{wrong}".encode()).digest()
    if leading_zero_bits(digest) < 12:
        assert not challenge_solved(challenge, wrong, scope="form", max_age=60)
    assert challenge_bits(challenge.replace(":", ";", 1)) == 0
    for bad in ("", "-1", "1e3", "9" * 30):
        assert not challenge_solved(challenge, bad, scope="form", max_age=60)
    # An easy challenge made up by a script is not signed.
    easy = challenge.rsplit(":", 1)[0] + ":forged"
    assert not challenge_solved(easy, "0", scope="form", max_age=60)


def test_an_old_challenge_is_refused():
    with time_machine.travel("2026-12-02T04:00:00Z", tick=False):
        challenge = challenge_issue(scope="form", bits=4)
    solution = challenge_solve(challenge)
    with time_machine.travel("2026-12-02T05:01:00Z", tick=False):
        assert not challenge_solved(challenge, solution, scope="form", max_age=3600)


def test_with_the_cache_down_a_challenge_is_still_used_once(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    challenges.local_used._keys.clear()
    challenge = challenge_issue(scope="form", bits=4)
    solution = challenge_solve(challenge)
    assert challenge_solved(challenge, solution, scope="form", max_age=60)
    assert not challenge_solved(challenge, solution, scope="form", max_age=60)
