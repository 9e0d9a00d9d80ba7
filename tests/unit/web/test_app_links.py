"""What a tapped tel:, mailto:... link leaves the resident to note: read plainly, or nothing."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.web.app_links import MAX_DETAIL, RELAY_HOST, mail_address, phone_number, relayed

TOKEN = "s3cr3t"


def relay(scheme: str, target: str, token: str = TOKEN) -> str:
    query = urlencode({"token": token, "scheme": scheme, "target": target})
    return f"https://{RELAY_HOST}/app-link?{query}"


@pytest.mark.parametrize(
    ("target", "number"),
    [
        ("3646", "3646"),
        ("+33%201%2023%2045%2067%2089", "+33 1 23 45 67 89"),
        ("+33-1-23-45-67-89;ext=12", "+33-1-23-45-67-89"),
        ("//0123456789", "0123456789"),  # callto://
        ("01.23.45.67.89?body=bonjour", "01.23.45.67.89"),
        ("(0)1 23 45", "(0)1 23 45"),
        ("\u202e98 76", "98 76"),  # a direction override cannot reorder what is shown
    ],
)
def test_phone_numbers_are_read_plainly(target: str, number: str) -> None:
    assert phone_number(target) == number


@pytest.mark.parametrize("target", ["", "abc", "+", "1", "9" * (MAX_DETAIL + 1)])
def test_what_is_not_a_number_gives_nothing_to_note(target: str) -> None:
    assert phone_number(target) == ""


@pytest.mark.parametrize(
    ("target", "address"),
    [
        ("accueil@mairie.example", "accueil@mairie.example"),
        ("accueil@mairie.example?subject=Rendez-vous&body=x", "accueil@mairie.example"),
        ("a%40b.example", "a@b.example"),
        ("a@b.example,c@d.example", "a@b.example"),
    ],
)
def test_mail_addresses_are_read_plainly(target: str, address: str) -> None:
    assert mail_address(target) == address


@pytest.mark.parametrize("target", ["", "nobody", "a@b@c", "a b@c.example", "?to=a@b.example"])
def test_what_is_not_an_address_gives_nothing_to_note(target: str) -> None:
    assert mail_address(target) == ""


def test_a_relayed_tap_says_what_the_link_wanted() -> None:
    assert relayed(relay("tel", "3646"), TOKEN) == ("phone", "3646")
    assert relayed(relay("SMS", "3646"), TOKEN) == ("phone", "3646")
    assert relayed(relay("mailto", "a@b.example"), TOKEN) == ("mail", "a@b.example")
    assert relayed(relay("ms-settings", "network"), TOKEN) == ("scheme", "")
    assert relayed(relay("tel", "call me"), TOKEN) == ("scheme", "")  # nothing plain to note


def test_only_the_pages_own_relay_counts() -> None:
    assert relayed(relay("tel", "3646", token="guess"), TOKEN) is None
    assert relayed(relay("tel", "3646", token=""), "") is None
    assert relayed(f"https://www.ameli.fr/app-link?{urlencode({'token': TOKEN})}", TOKEN) is None
    assert relayed(relay("tel", "3646").replace("https:", "http:"), TOKEN) is None


@given(st.text(max_size=200))
def test_whatever_a_link_holds_what_is_shown_is_short_and_plain(target: str) -> None:
    for shown in (phone_number(target), mail_address(target)):
        assert len(shown) <= MAX_DETAIL
        assert not any(ord(ch) < 32 or 0x202A <= ord(ch) <= 0x202E for ch in shown)
