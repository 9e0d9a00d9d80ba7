"""PIN hashes: salted scrypt, verified in constant time, malformed hashes match nothing."""

from __future__ import annotations

import re

import pytest

from kiosk.config.pins import hash_pin, verify_pin
from kiosk.config.schema import PIN_HASH_PATTERN


def test_a_hash_verifies_its_pin_only() -> None:
    stored = hash_pin("135790")

    assert verify_pin("135790", stored)
    assert not verify_pin("135791", stored)
    assert not verify_pin("13579", stored)


def test_two_hashes_of_one_pin_differ_by_their_salt() -> None:
    first, second = hash_pin("2468"), hash_pin("2468")

    assert first != second
    assert verify_pin("2468", first)
    assert verify_pin("2468", second)


def test_a_hash_matches_the_pattern_the_config_requires() -> None:
    assert re.fullmatch(PIN_HASH_PATTERN, hash_pin("123456789012"))


@pytest.mark.parametrize("pin", ["", "123", "1234567890123", "12a4", "12 34", "²³⁴⁵", "١٢٣٤"])
def test_a_pin_that_is_not_4_to_12_ascii_digits_is_refused(pin: str) -> None:
    with pytest.raises(ValueError, match="4 to 12 digits"):
        hash_pin(pin)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "1234",
        "bcrypt$16384$8$1$00$00",
        "scrypt$16384$8$1$zz$00",  # salt is not hexadecimal
        "scrypt$3$8$1$00$00",  # N is not a power of two
        "scrypt$x$8$1$00$00",
        f"scrypt${2**40}$8$1$00$00",  # more memory than scrypt allows
        "scrypt$16384$8$1$00",
    ],
)
def test_a_malformed_hash_matches_nothing_and_raises_nothing(stored: str) -> None:
    assert verify_pin("1234", stored) is False
