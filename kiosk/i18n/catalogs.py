"""Loading and compiling the gettext catalogs of the user interface."""

from __future__ import annotations

import gettext
import logging
from pathlib import Path

from kiosk.i18n.languages import language

log = logging.getLogger(__name__)

DOMAIN = "kiosk"
PACKAGE_DIR = Path(__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
SOURCE_DIR = PACKAGE_DIR.parent.parent / "i18n" / "ui"


def source_path(locale: str) -> Path:
    return SOURCE_DIR / f"{locale}.po"


def compiled_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"


class Catalogs:
    """gettext translations per shipped language, loaded once and kept."""

    def __init__(self, locale_dir: Path = LOCALE_DIR) -> None:
        self._locale_dir = locale_dir
        self._loaded: dict[str, gettext.NullTranslations] = {}
        self.missing: set[str] = set()

    def translations(self, code: str) -> gettext.NullTranslations:
        found = self._loaded.get(code)
        if found is None:
            found = self._load(code)
            self._loaded[code] = found
        return found

    def gettext(self, code: str, message: str) -> str:
        return self.translations(code).gettext(message)

    def _load(self, code: str) -> gettext.NullTranslations:
        chain = language(code).gettext_chain
        result: gettext.NullTranslations = gettext.NullTranslations()
        # Build the fallback chain from the last resort upwards.
        for locale in reversed(chain):
            path = self._locale_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
            try:
                with path.open("rb") as handle:
                    catalog = gettext.GNUTranslations(handle)
            except FileNotFoundError:
                self.missing.add(locale)
                log.warning("catalog missing: %s (run `make i18n`)", locale)
                continue
            catalog.add_fallback(result)
            result = catalog
        return result


def compile_all() -> list[Path]:
    """Compiles every i18n/ui/*.po into kiosk/i18n/locale (a build step, `make i18n`)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(SOURCE_DIR.glob("*.po")):
        locale = po.stem
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=locale.split("@")[0])
        out = compiled_path(locale)
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=True)
        written.append(out)
    return written
