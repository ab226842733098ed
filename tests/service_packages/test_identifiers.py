"""Identifiers enterprises type: unified social credit codes and phone numbers."""

import pytest
from django.core.exceptions import ValidationError

from apps.service_packages.forms import PhoneNumberField
from apps.service_packages.validators import (
    CREDIT_CODE_CHARSET,
    credit_code_check_character,
    normalize_credit_code,
    validate_credit_code,
)

# Codes printed on the business licences of well-known companies (and the sample code
# quoted with GB 32100-2015): the algorithm reproduces each one's check character.
PUBLISHED_CODES = [
    "914403001922038216",
    "91440300708461136T",
    "91330100716105852F",
    "91110108551385082Q",
    "91110000802100433B",
    "911000001000013428",
    "91350100M000100Y43",
]


def _code_error(value) -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(value)
    return excinfo.value


def test_weights_are_powers_of_three_modulo_31():
    from apps.service_packages.validators import CREDIT_CODE_WEIGHTS

    assert CREDIT_CODE_WEIGHTS == tuple(pow(3, i, 31) for i in range(17))
    assert len(CREDIT_CODE_CHARSET) == 31
    assert not set("IOSVZ") & set(CREDIT_CODE_CHARSET)


@pytest.mark.parametrize("code", PUBLISHED_CODES)
def test_published_codes_are_valid(code):
    assert credit_code_check_character(code[:17]) == code[17]
    validate_credit_code(code)


@pytest.mark.parametrize("code", PUBLISHED_CODES)
def test_any_other_last_character_is_refused_as_a_wrong_check_character(code):
    for other in CREDIT_CODE_CHARSET:
        if other != code[17]:
            assert _code_error(code[:17] + other).code == "credit_code_check"


def test_a_changed_character_in_the_middle_is_caught():
    code = PUBLISHED_CODES[0]
    changed = code[:10] + ("1" if code[10] != "1" else "2") + code[11:]
    assert _code_error(changed).code == "credit_code_check"


def test_a_check_of_31_is_written_0():
    # Any 17 characters whose weighted sum is a multiple of 31 end in "0".
    assert credit_code_check_character("0" * 17) == "0"
    validate_credit_code("0" * 18)


@pytest.mark.parametrize(
    "value",
    [
        "91440300708461136",  # 17 characters
        "91440300708461136TX",  # 19
        "9144030070846113IT",  # I is not in the set
        "91440300708461136O",  # nor O
        "91AB0300708461136T",  # the area code is six digits
        "91440300-7084611 3",
    ],
)
def test_malformed_codes_are_refused_as_malformed(value):
    error = _code_error(value)
    assert error.code == "credit_code_format"
    assert "18 characters" in error.messages[0]


def test_codes_are_read_as_printed_whatever_the_spacing_or_case():
    assert normalize_credit_code(" 9144 0300-7084 6113 6t ") == "91440300708461136T"
    validate_credit_code("9144 0300 7084 6113 6t")


def test_the_messages_differ_for_a_malformed_code_and_a_wrong_check_character():
    assert _code_error("123").messages != _code_error("91440300708461136X").messages


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+86 10 6615 0000", "+861066150000"),
        ("0086 10 6615 0000", "+861066150000"),
        ("+33 1 23 45 67 89", "+33123456789"),
        ("+7 (495) 123-45-67", "+74951234567"),
        ("+81 3-1234-5678", "+81312345678"),
        ("+86 138 0013 8000", "+8613800138000"),
    ],
)
def test_phone_numbers_are_stored_in_e164(typed, stored):
    assert PhoneNumberField().clean(typed) == stored


@pytest.mark.parametrize(
    "typed", ["010 6615 0000", "+86 123", "+999 1234 5678", "call me", "+86 10 6615 0000 ext"]
)
def test_numbers_without_a_country_code_or_impossible_ones_are_refused(typed):
    with pytest.raises(ValidationError) as excinfo:
        PhoneNumberField().clean(typed)
    assert excinfo.value.code == "invalid"
    assert "country code" in excinfo.value.messages[0]
