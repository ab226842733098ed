"""Validators of what enterprises type: the unified social credit code."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: 18 characters from this set (no I, O, S, V, Z); the 18th checks the others.
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Registration authority, kind of entity, six digits of the registering area (GB/T 2260),
# the nine characters of the organisation's own code, the check character.
CREDIT_CODE_FORMAT = re.compile(
    rf"^[{CREDIT_CODE_CHARSET}]{{2}}[0-9]{{6}}[{CREDIT_CODE_CHARSET}]{{10}}$"
)


def normalize_credit_code(value: str) -> str:
    """The code as printed on a business licence: upper case, without spaces or hyphens."""
    return re.sub(r"[\s\-]", "", str(value or "")).upper()


def credit_code_check_character(first_17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015, clause 5)."""
    total = sum(
        CREDIT_CODE_CHARSET.index(char) * weight
        for char, weight in zip(first_17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    check = 31 - total % 31
    return CREDIT_CODE_CHARSET[0 if check == 31 else check]


def validate_credit_code(value: str) -> None:
    """Refuse a code that is not 18 valid characters or whose check character is wrong.

    Only the GB 32100 check character is verified. The organisation-code part also has a
    GB 11714 check digit, but codes issued in the early pilot areas do not all follow it,
    and they are valid all the same.
    """
    code = normalize_credit_code(value)
    if not CREDIT_CODE_FORMAT.match(code):
        raise ValidationError(
            _(
                "Enter the 18 characters of the unified social credit code as they appear "
                "on the business licence, for example 91350100M000100Y43."
            ),
            code="credit_code_format",
        )
    if credit_code_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _(
                "This unified social credit code is not valid: its last character does not "
                "match the others. Check the code on the business licence."
            ),
            code="credit_code_check",
        )
