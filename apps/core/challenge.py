"""A self-hosted proof-of-work challenge: a visitor's browser spends a moment, a script many.

Third-party CAPTCHAs do not load in China, so forms under pressure ask instead for a
number whose SHA-256, after the signed challenge, starts with `bits` zero bits
(`static/js/proof-of-work.js` finds it; about 2**bits hashes). The challenge is signed
and timestamped (nobody picks an easy one or keeps an old one) and used once: its
digest is noted in the shared cache, or in this process while the cache is down.
"""

import hashlib
import secrets
import time
from collections import OrderedDict
from threading import Lock

from django.core import signing
from django.core.cache import caches

SALT = "core.challenge"
SOLUTION_MAX_LENGTH = 20
_CACHE_ALIAS = "default"


class _LocalUsed:
    """Challenges used while the cache is down, in this process; bounded."""

    def __init__(self, max_keys: int = 50_000):
        self.max_keys = max_keys
        self._keys: OrderedDict[str, float] = OrderedDict()
        self._lock = Lock()

    def add(self, key: str, *, until: float) -> bool:
        now = time.monotonic()
        with self._lock:
            if self._keys.get(key, 0.0) > now:
                return False
            self._keys[key] = until
            while len(self._keys) > self.max_keys:
                self._keys.popitem(last=False)
            return True


local_used = _LocalUsed()


def challenge_issue(*, scope: str, bits: int) -> str:
    """A new signed challenge for `scope` (e.g. a form) asking for `bits` zero bits."""
    return signing.dumps({"s": scope, "b": bits, "n": secrets.token_urlsafe(12)}, salt=SALT)


def challenge_bits(challenge: str) -> int:
    """How many zero bits a challenge asks for (0 for one that is not genuine)."""
    try:
        return int(signing.loads(challenge, salt=SALT)["b"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return 0


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + 8 - byte.bit_length()
    return bits


def challenge_solved(challenge: str, solution: str, *, scope: str, max_age: int) -> bool:
    """Whether `solution` solves a genuine, fresh, unused challenge of `scope`; uses it up."""
    if not solution or len(solution) > SOLUTION_MAX_LENGTH or not solution.isdigit():
        return False
    try:
        data = signing.loads(challenge, salt=SALT, max_age=max_age)
        bits = int(data["b"])
        if data["s"] != scope:
            return False
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return False
    digest = hashlib.sha256(f"{challenge}:{solution}".encode()).digest()
    if leading_zero_bits(digest) < bits:
        return False
    key = "challenge-used:" + hashlib.sha256(challenge.encode()).hexdigest()
    try:
        return bool(caches[_CACHE_ALIAS].add(key, 1, timeout=max_age + 60))
    except Exception:  # the cache is down: this process remembers what it saw
        return local_used.add(key, until=time.monotonic() + max_age + 60)


def challenge_solve(challenge: str) -> str:
    """The smallest solution (for tests and scripts that show what it costs)."""
    bits = challenge_bits(challenge)
    counter = 0
    while True:
        digest = hashlib.sha256(f"{challenge}:{counter}".encode()).digest()
        if leading_zero_bits(digest) >= bits:
            return str(counter)
        counter += 1
