"""Loading and compiling gettext catalogs, per domain: the user interface and the flows.

Two domains share one layout and one workflow (i18n/README.md):

    ui       i18n/ui/<locale>.po       -> kiosk/i18n/locale/<locale>/LC_MESSAGES/kiosk.mo
    content  i18n/content/<locale>.po  -> kiosk/i18n/locale/<locale>/LC_MESSAGES/content.mo
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from gettext import GNUTranslations, NullTranslations
from io import BytesIO
from pathlib import Path

from kiosk.i18n.languages import LANGUAGES, language

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
I18N_DIR = PACKAGE_DIR.parent.parent / "i18n"
"""The translators' sources (.pot and .po), one folder per domain."""


@dataclass(frozen=True)
class Domain:
    """One set of catalogs: its folder under i18n/ and the name of its compiled files."""

    name: str
    """Its folder under i18n/ and its name in reports: `ui`, `content`."""
    gettext_domain: str
    """The compiled file's name without `.mo`; the template is `<gettext_domain>.pot`."""
    title: str
    french_variants: bool
    """True when easy-to-read French has a catalog here (the UI); the flows carry their
    easy-to-read versions in the YAML files themselves."""
    line_numbers: bool
    """Whether locations carry line numbers: not for code (editing a module would churn every
    catalog), but for flows, where translators look the text up in the YAML file."""
    width: int
    """Where `extract` and `update` wrap long strings: each domain keeps the width its files
    were first written with, so that no update rewraps every entry under the translators."""

    @property
    def template_name(self) -> str:
        return f"{self.gettext_domain}.pot"

    def source_dir(self, i18n_dir: Path = I18N_DIR) -> Path:
        return i18n_dir / self.name

    def compiled_path(self, locale: str, locale_dir: Path = LOCALE_DIR) -> Path:
        return locale_dir / locale / "LC_MESSAGES" / f"{self.gettext_domain}.mo"

    def shipped_locales(self) -> list[str]:
        """The catalog (first of its gettext chain) of each shipped language this domain
        serves: every language but French, and here easy-to-read French only if it has one."""
        return [
            lang.gettext_chain[0]
            for lang in LANGUAGES
            if lang.gettext_chain and (self.french_variants or not is_french(lang.gettext_chain[0]))
        ]


UI = Domain("ui", "kiosk", "user interface", french_variants=True, line_numbers=False, width=96)
CONTENT = Domain(
    "content", "content", "flows' texts", french_variants=False, line_numbers=True, width=100
)
DOMAINS: tuple[Domain, ...] = (UI, CONTENT)

# The user interface's catalogs, as every caller before the content domain knew them.
DOMAIN = UI.gettext_domain
SOURCE_DIR = UI.source_dir()


def is_french(locale: str) -> bool:
    """True for French and its variants (fr@falc): strings they leave empty show the French."""
    return locale.split("@", maxsplit=1)[0] == "fr"


def source_path(locale: str) -> Path:
    return SOURCE_DIR / f"{locale}.po"


def compiled_path(locale: str, domain: Domain = UI) -> Path:
    return domain.compiled_path(locale)


class Catalogs:
    """gettext translations of one domain per shipped language, loaded once and kept."""

    def __init__(self, locale_dir: Path = LOCALE_DIR, domain: str = DOMAIN) -> None:
        self._locale_dir = locale_dir
        self._domain = domain
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

    def pgettext(self, code: str, context: str, message: str) -> str:
        return self.translations(code).pgettext(context, message)

    def forget(self) -> None:
        """Drops the loaded catalogs: the next look-up reads the compiled files again."""
        self._loaded.clear()
        self.missing.clear()

    def _load(self, code: str) -> NullTranslations:
        chain = language(code).gettext_chain
        result: NullTranslations = NullTranslations()
        # Build the fallback chain from the last resort upwards.
        for locale in reversed(chain):
            path = self._locale_dir / locale / "LC_MESSAGES" / f"{self._domain}.mo"
            try:
                with path.open("rb") as handle:
                    catalog = GNUTranslations(handle)
            except FileNotFoundError:
                self.missing.add(locale)
                log.warning("catalog missing: %s (run `make i18n`)", path)
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


def compile_all(
    source_dir: Path = SOURCE_DIR, locale_dir: Path = LOCALE_DIR, domain: Domain = UI
) -> list[Path]:
    """Compiles every <source_dir>/*.po of `domain` into `locale_dir` (`make i18n`).

    A compiled catalog of the domain left behind by a .po that no longer exists is removed,
    so the kiosk never loads a catalog that has no source.
    """
    written = []
    sources = sorted(source_dir.glob("*.po"))
    for po in sources:
        out = domain.compiled_path(po.stem, locale_dir)
        out.parent.mkdir(parents=True, exist_ok=True)
        data = compiled_bytes(po)
        if not out.is_file() or out.read_bytes() != data:
            out.write_bytes(data)
        written.append(out)
    known = {po.stem for po in sources}
    for orphan in sorted(locale_dir.glob(f"*/LC_MESSAGES/{domain.gettext_domain}.mo")):
        if orphan.parent.parent.name not in known:
            log.warning("removing %s: its catalog %s.po is gone", orphan, orphan.parent.parent.name)
            orphan.unlink()
    return written
