"""Loading and compiling the gettext catalogs of the user interface."""

from __future__ import annotations

import logging
from gettext import GNUTranslations, NullTranslations
from io import BytesIO
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
        self._loaded: dict[str, NullTranslations] = {}
        self.missing: set[str] = set()

    def translations(self, code: str) -> NullTranslations:
        found = self._loaded.get(code)
        if found is None:
            found = self._load(code)
            self._loaded[code] = found
        return found

    def gettext(self, code: str, message: str) -> str:
        return self.translations(code).gettext(message)

    def ngettext(self, code: str, singular: str, plural: str, count: int) -> str:
        return self.translations(code).ngettext(singular, plural, count)

    def _load(self, code: str) -> NullTranslations:
        chain = language(code).gettext_chain
        result: NullTranslations = NullTranslations()
        # Build the fallback chain from the last resort upwards.
        for locale in reversed(chain):
            path = self._locale_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
            try:
                with path.open("rb") as handle:
                    catalog = GNUTranslations(handle)
            except FileNotFoundError:
                self.missing.add(locale)
                log.warning("catalog missing: %s (run `make i18n`)", locale)
                continue
            catalog.add_fallback(result)
            result = catalog
        return result


def compiled_bytes(po: Path) -> bytes:
    """The .mo that `compile_all` writes for `po`, built in memory (drafts included)."""
    # babel is a build tool, not a dependency of the running kiosk: imported here only.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.stem.split("@")[0])
    out = BytesIO()
    # use_fuzzy: drafts are shown; for someone who cannot read French a draft beats French.
    write_mo(out, catalog, use_fuzzy=True)
    return out.getvalue()


def compile_all(source_dir: Path = SOURCE_DIR, locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compiles every i18n/ui/*.po into kiosk/i18n/locale (a build step, `make i18n`).

    A compiled catalog left behind by a .po that no longer exists is removed, so the kiosk
    never loads a catalog that has no source.
    """
    written = []
    sources = sorted(source_dir.glob("*.po"))
    for po in sources:
        out = locale_dir / po.stem / "LC_MESSAGES" / f"{DOMAIN}.mo"
        out.parent.mkdir(parents=True, exist_ok=True)
        data = compiled_bytes(po)
        if not out.is_file() or out.read_bytes() != data:
            out.write_bytes(data)
        written.append(out)
    known = {po.stem for po in sources}
    for orphan in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")):
        if orphan.parent.parent.name not in known:
            log.warning("removing %s: its catalog %s.po is gone", orphan, orphan.parent.parent.name)
            orphan.unlink()
    return written
