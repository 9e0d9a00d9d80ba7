"""The allow-list matches hosts exactly and paths on segment boundaries, whatever the trick."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.flows.library import load_library
from kiosk.web.policy import SitePolicy, normalise_path, origin_of, parse_site

AMELI = SitePolicy(["https://www.ameli.fr/", "https://www.caf.fr/mon-compte"])


@pytest.mark.parametrize(
    "url",
    [
        "https://www.ameli.fr/",
        "https://www.ameli.fr/assure/droits?x=1#top",
        "https://WWW.AMELI.FR/",
        "https://www.ameli.fr./",
        "https://www.ameli.fr:443/",
        "https://www.caf.fr/mon-compte",
        "https://www.caf.fr/mon-compte/",
        "https://www.caf.fr/mon-compte/attestation",
        "https://www.caf.fr/x/../mon-compte/a",
        "https://www.caf.fr/%6don-compte/a",
        "blob:https://www.ameli.fr/4f1c-uuid",
    ],
)
def test_listed_addresses_open(url: str) -> None:
    assert AMELI.decide(url).allowed


@pytest.mark.parametrize(
    "url",
    [
        "https://ameli.fr/",
        "https://x.www.ameli.fr/",
        "https://www.ameli.fr.evil.com/",
        "https://www.ameli.fr@evil.com/",
        "https://user@www.ameli.fr/",
        "https://www.ameli.fr:8443/",
        "https://www.аmeli.fr/",  # Cyrillic а
        "https://xn--www.meli-3ve.fr/",
        "https://www.caf.fr/",
        "https://www.caf.fr/mon-compteX",
        "https://www.caf.fr/mon-compte/../admin",
        "https://www.caf.fr/mon-compte/%2e%2e/admin",
        "https://www.caf.fr/mon-compte\\..\\admin",
        "https://www.ameli.fr%2eevil.com/",
    ],
)
def test_look_alikes_are_refused_as_another_site(url: str) -> None:
    decision = AMELI.decide(url)
    assert not decision.allowed
    assert decision.reason == "site"


@pytest.mark.parametrize(
    "url",
    [
        "http://www.ameli.fr/",
        "mailto:someone@ameli.fr",
        "tel:3646",
        "sms:3646",
        "intent://scan#Intent;scheme=zxing;end",
        "ms-settings:network",
        "file:///etc/passwd",
        "data:text/html,<h1>hi</h1>",
        "blob:https://evil.example/1234",
        "javascript:alert(1)",
        "view-source:https://www.ameli.fr/",
        "chrome://settings",
        "devtools://devtools/bundled/inspector.html",
        "about:blank",
        "ftp://www.ameli.fr/",
        "",
        "www.ameli.fr",
    ],
)
def test_other_schemes_are_refused(url: str) -> None:
    decision = AMELI.decide(url)
    assert not decision.allowed
    assert decision.reason in ("scheme", "site")
    if url.startswith(("mailto:", "tel:", "file:", "javascript:", "view-source:", "chrome:")):
        assert decision.reason == "scheme"


def test_blocked_decision_names_the_host_for_the_screen() -> None:
    assert AMELI.decide("https://evil.example/a?b").host == "evil.example"
    assert AMELI.decide("http://www.ameli.fr/").reason == "scheme"


def test_inline_frames_open_only_as_frames() -> None:
    assert AMELI.decide("about:blank", main_frame=False).allowed
    assert AMELI.decide("about:srcdoc", main_frame=False).allowed
    assert not AMELI.decide("about:blank", main_frame=True).allowed


def test_an_empty_list_opens_nothing() -> None:
    assert not SitePolicy().decide("https://www.ameli.fr/").allowed


@pytest.mark.parametrize(
    "site", ["www.ameli.fr", "https://", "https://www.ameli.fr/?q=1", "mailto:x@y", "https://a..b/"]
)
def test_malformed_sites_are_rejected(site: str) -> None:
    with pytest.raises(ValueError, match="site"):
        parse_site(site)


def test_origins() -> None:
    assert origin_of("https://WWW.Ameli.fr:443/a") == "https://www.ameli.fr"
    assert origin_of("https://kiosk.test:8443/") == "https://kiosk.test:8443"
    assert origin_of("mailto:x@y") is None


def test_every_shipped_flow_site_is_valid_and_opens_itself() -> None:
    library = load_library()
    sites = [site for flow in library.flows.values() for site in flow.sites]
    assert sites
    for flow in library.flows.values():
        policy = SitePolicy(flow.sites)
        for site in flow.sites:
            assert policy.decide(site).allowed, site
            assert not policy.decide(site.replace("https://", "http://")).allowed


_label = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
_host = st.lists(_label, min_size=2, max_size=4).map(".".join)
_segment = st.text(alphabet="abcdefgh.%2e-_", min_size=0, max_size=6)


@given(host=_host, other=_host)
def test_a_host_only_matches_itself(host: str, other: str) -> None:
    policy = SitePolicy([f"https://{host}/"])
    assert policy.decide(f"https://{host}/x").allowed
    if other != host:
        assert not policy.decide(f"https://{other}/").allowed
    for trick in (f"{host}.{other}", f"{other}.{host}", f"{host}@{other}", f"{host}-{other}"):
        assert not policy.decide(f"https://{trick}/").allowed


@given(segments=st.lists(_segment, max_size=8))
def test_a_path_never_escapes_its_prefix(segments: list[str]) -> None:
    policy = SitePolicy(["https://www.caf.fr/mon-compte"])
    url = "https://www.caf.fr/mon-compte/" + "/".join(segments)
    path = normalise_path("/mon-compte/" + "/".join(segments))
    inside = path == "/mon-compte" or path.startswith("/mon-compte/")
    assert policy.decide(url).allowed == inside


@given(path=st.text(max_size=30))
def test_normalised_paths_have_no_dot_segments(path: str) -> None:
    normal = normalise_path("/" + path)
    assert normal.startswith("/")
    assert "/../" not in normal + "/"
    assert "/./" not in normal + "/"
