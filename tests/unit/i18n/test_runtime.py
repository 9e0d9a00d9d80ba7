"""tr() shows the compiled catalogs: English, Arabic, and FALC falling back to French."""

from __future__ import annotations

import pytest

from kiosk.i18n import catalog_store, set_language, tr, tr_in
from kiosk.i18n.__main__ import read_catalog
from kiosk.i18n.catalogs import SOURCE_DIR, compiled_path


@pytest.fixture(autouse=True)
def _compiled() -> None:
    for locale in ("en", "ar", "fr@falc"):
        if not compiled_path(locale).is_file():
            pytest.fail(f"{compiled_path(locale)} is missing: run `make i18n`")


def test_english():
    set_language("en")
    assert tr("Fermer") == "Close"
    assert tr("Choisissez votre langue") == "Choose your language"


def test_drafts_are_shown():
    """Draft (fuzzy) translations reach residents: better than French for them."""
    entry = read_catalog(SOURCE_DIR / "en.po", "en").get("Fermer")
    assert entry is not None
    set_language("en")
    assert tr("Fermer") == entry.string


def test_placeholders_survive_translation():
    set_language("en")
    assert tr("Bouton {number} : {label}").format(number=2, label="Close") == "Button 2: Close"


def test_falc_falls_back_to_french_and_shows_its_own_text():
    falc = read_catalog(SOURCE_DIR / "fr@falc.po", "fr")
    singles = [m for m in falc if isinstance(m.id, str) and m.id]
    own = {m.id: m.string for m in singles if m.string}
    plain = [m.id for m in singles if not m.string]
    assert own
    assert plain
    set_language("fr-falc")
    assert tr("Fermer") == "Fermer"  # no FALC version: the French
    question = "Que voulez-vous faire ?"
    assert tr(question) == own[question] != question  # a FALC version exists
    assert {msgid: tr(msgid) for msgid in own} == own
    assert {msgid: tr(msgid) for msgid in plain} == {msgid: msgid for msgid in plain}


def test_french_is_the_source():
    set_language("fr")
    assert tr("Fermer") == "Fermer"


def test_tr_in_ignores_the_session_language():
    set_language("fr")
    assert tr_in("en", "Touchez l'écran pour commencer") == "Touch the screen to start"
    assert tr("Touchez l'écran pour commencer") == "Touchez l'écran pour commencer"


def test_arabic_catalog_is_loaded_with_its_plural_rule():
    set_language("ar")
    assert tr("Fermer") == "\u200fإغلاق"  # marked right-to-left for layout
    arabic = catalog_store().translations("ar")
    assert "nplurals=6" in arabic.info()["plural-forms"]
    # 0, 1, 2, 3-10, 11-99, then 100-102 (modulo 100): six forms.
    plural = arabic.plural  # type: ignore[attr-defined]
    assert [plural(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 102)] == [0, 1, 2, 3, 3, 4, 4, 5, 5]


def test_plural_forms_follow_each_languages_rules():
    from kiosk.i18n import ntr

    one = "Sans action de votre part, tout sera effacé dans {seconds} seconde."
    many = "Sans action de votre part, tout sera effacé dans {seconds} secondes."
    assert ntr(one, many, 1).format(seconds=1).endswith("1 seconde.")
    assert ntr(one, many, 2).format(seconds=2).endswith("2 secondes.")
    set_language("en")
    assert ntr(one, many, 1).format(seconds=1).endswith("1 second.")
    assert ntr(one, many, 5).format(seconds=5).endswith("5 seconds.")
    set_language("ar")
    assert ntr(one, many, 5) != ntr(one, many, 1) != one


def test_right_to_left_texts_are_marked_so_a_leading_french_name_keeps_arabic_order():
    from kiosk.i18n import RLM, directed

    assert directed("ar", "CAF : عليك أن") == RLM + "CAF : عليك أن"
    assert directed("ar", RLM + "x") == RLM + "x"  # once
    assert directed("fr", "CAF") == "CAF"
