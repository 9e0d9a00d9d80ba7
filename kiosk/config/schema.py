"""The typed schema of kiosk.toml: every setting is declared here, once.

Each section is a frozen dataclass; each field is declared with `setting()`, which
carries its default, description and constraints. The loader, `check-config` and the
generated docs/configuration.md all read these declarations, so nothing is repeated.
The defaults are the demo: `kiosk --demo` runs on them with no file at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any

from kiosk.i18n import N_


@dataclass(frozen=True)
class Meta:
    """What the loader and the docs need to know about one setting."""

    description: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    example: str | None = None


def setting(
    default: Any,
    description: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    choices: tuple[str, ...] = (),
    pattern: str | None = None,
    min_items: int | None = None,
    max_items: int | None = None,
    example: str | None = None,
) -> Any:
    meta = Meta(description, minimum, maximum, choices, pattern, min_items, max_items, example)
    return field(default=default, metadata={"kiosk": meta})


def _runtime_dir() -> str:
    base = os.environ.get("XDG_RUNTIME_DIR") or f"/tmp/kiosk-{os.getuid()}"
    return os.path.join(base, "kiosk")


TILE_TARGET_PATTERN = r"^(flow:[a-z0-9][a-z0-9-]*|help)$"
PIN_HASH_PATTERN = r"^(|scrypt\$\d+\$\d+\$\d+\$[0-9a-f]{32}\$[0-9a-f]{64})$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[a-z]+)?$"
ICON_PATTERN = r"^[a-z0-9-]+$"
ABSOLUTE_PATH_PATTERN = r"^(|/.*)$"
SITE_PATTERN = r"^https://[a-z0-9.-]+(:[0-9]+)?/[^\s?#]*$"
QUEUE_PATTERN = r"^[A-Za-z0-9_.-]*$"
VOICE_CHOICE_PATTERN = r"^[a-z]{2,3}(-[a-z]+)?=[a-z0-9][a-z0-9/_.+-]*$"

PATTERN_FORMS: dict[str, str] = {
    TILE_TARGET_PATTERN: "`flow:ID` (ID in lowercase letters, digits and hyphens) or `help`",
    PIN_HASH_PATTERN: "empty, or a hash printed by `kiosk hash-pin` (`scrypt$...`), pasted whole",
    LANGUAGE_PATTERN: "a language code such as `fr` or `fr-falc`",
    ICON_PATTERN: "lowercase letters, digits and hyphens",
    ABSOLUTE_PATH_PATTERN: "empty, or an absolute path (starting with `/`)",
    SITE_PATTERN: "`https://host/` with an optional path prefix, such as "
    "`https://www.ameli.fr/` or `https://www.demoville.fr/demarches/`",
    QUEUE_PATTERN: "empty, or a CUPS queue name (letters, digits, `_`, `.`, `-`)",
    r"^CP[0-9]{3,4}$": "a code page name such as `CP858`",
    VOICE_CHOICE_PATTERN: "`LANGUAGE=VOICE`, such as `pt=roa/pt-br` (`kiosk voices --all` "
    "lists the voices)",
}
"""What each pattern means, in words: error messages and the docs show this, not the regex."""


@dataclass(frozen=True)
class Tile:
    """One large button of the home screen."""

    id: str = setting(
        "", "Identifier of the tile, unique on the home screen.", pattern=ICON_PATTERN
    )
    label: str = setting("", "Text of the tile, in French; it is translated like every string.")
    icon: str = setting(
        "info",
        "Pictogram of the tile, by name (see resources/icons/).",
        pattern=ICON_PATTERN,
    )
    target: str = setting(
        "help",
        "What the tile opens: `flow:ID` for a guided procedure, or `help` to call an adviser.",
        pattern=TILE_TARGET_PATTERN,
    )


DEMO_TILES: tuple[Tile, ...] = (
    Tile("demarche", N_("Faire une démarche"), "demarche", "flow:demarches"),
    Tile("aide-locale", N_("Trouver de l'aide près de chez moi"), "lieu", "flow:aide-locale"),
    Tile("imprimer", N_("Imprimer un document"), "imprimer", "flow:imprimer"),
    Tile("apprendre", N_("Apprendre le numérique"), "apprendre", "flow:apprendre"),
    Tile("aide", N_("Demander de l'aide"), "aide", "help"),
)


@dataclass(frozen=True)
class KioskSettings:
    town_hall_name: str = setting(
        "Mairie de Démoville",
        "Name of the town hall, shown on the attract screen and printed on tickets.",
        example="Mairie de Saint-Denis",
    )
    logo: str = setting(
        "",
        "Path of the town hall's logo (PNG or SVG); a relative path is read from the config "
        "file's folder. Empty: the built-in demo logo.",
        example="/etc/kiosk/logo.svg",
    )
    languages: tuple[str, ...] = setting(
        ("fr", "fr-falc", "en", "ar", "es", "pt", "ro", "uk", "ru", "tr", "fa", "ps"),
        "Languages offered to residents, in the order shown, each once. Each must be shipped.",
        pattern=LANGUAGE_PATTERN,
        min_items=1,
    )
    default_language: str = setting(
        "fr",
        "Language of the attract screen and of a new session until the resident chooses; "
        "one of `languages`.",
        pattern=LANGUAGE_PATTERN,
    )


@dataclass(frozen=True)
class SessionSettings:
    idle_timeout_s: int = setting(
        120,
        "Seconds without any touch, click, key or wheel before the idle warning opens.",
        minimum=10,
        maximum=3600,
    )
    warning_countdown_s: int = setting(
        30,
        "Seconds the idle warning counts down before the session is wiped.",
        minimum=5,
        maximum=300,
    )
    warning_sound: bool = setting(True, "Play a sound when the idle warning opens.")
    wiped_message_s: float = setting(
        3.0,
        "Seconds the message 'Vos informations ont été effacées' stays on screen.",
        minimum=0.0,
        maximum=30.0,
    )
    wipe_timeout_s: float = setting(
        5.0,
        "Seconds one wiper may take before it counts as failed.",
        minimum=0.1,
        maximum=120.0,
    )
    wipe_retries: int = setting(
        2,
        "How many times a failed wiper is tried again before the kiosk goes out of service.",
        minimum=0,
        maximum=10,
    )
    folder_root: str = setting(
        "",
        "Folder holding the private per-session folders. Empty: a folder under "
        "$XDG_RUNTIME_DIR (or /tmp/kiosk-UID).",
        example="/run/kiosk/sessions",
        pattern=ABSOLUTE_PATH_PATTERN,
    )
    attract_cycle_s: float = setting(
        3.0,
        "Seconds each language's invitation stays on the attract screen.",
        minimum=0.5,
        maximum=60.0,
    )

    def resolved_folder_root(self) -> str:
        return self.folder_root or os.path.join(_runtime_dir(), "sessions")


@dataclass(frozen=True)
class DisplaySettings:
    fullscreen: bool = setting(
        True,
        "Full screen, frameless and always on top. `--windowed` overrides it for development.",
    )
    text_size: str = setting(
        "normal",
        "Text size at the start of each session.",
        choices=("normal", "large", "larger"),
    )
    contrast: str = setting(
        "standard",
        "Colour theme at the start of each session: `standard` (dark text on white), "
        "`high` (yellow and white on black) or `dark` (light text on dark grey).",
        choices=("standard", "high", "dark"),
    )
    screen_height_mm: float = setting(
        299.0,
        "Height of the screen's picture in millimetres, as the screen is mounted (the long "
        "side for a screen in portrait; a 24-inch 16:9 screen: 299 in landscape, 531 in "
        "portrait). Used to work out how high letters are on the screen: at the largest text "
        "size, capital letters must be at least 4.8 mm high.",
        minimum=100.0,
        maximum=2000.0,
    )


@dataclass(frozen=True)
class HomeSettings:
    tiles: tuple[Tile, ...] = setting(
        DEMO_TILES,
        "Tiles of the home screen, as `[[home.tiles]]` tables, in the order shown.",
        min_items=4,
        max_items=8,
    )


@dataclass(frozen=True)
class ContentSettings:
    flows_dir: str = setting(
        "",
        "Folder of the guided flows (YAML files; see docs/flows.md). Empty: the flows shipped "
        "with the kiosk. Check a folder with `kiosk check-content DIR`.",
        example="/etc/kiosk/flows",
        pattern=ABSOLUTE_PATH_PATTERN,
    )


@dataclass(frozen=True)
class ControlSettings:
    enabled: bool = setting(True, "Open the local control socket used by `kiosk ctl`.")
    socket_path: str = setting(
        "",
        "Path of the control socket (owner-only). Empty: control.sock under "
        "$XDG_RUNTIME_DIR/kiosk (or /tmp/kiosk-UID/kiosk).",
        example="/run/kiosk/control.sock",
        pattern=ABSOLUTE_PATH_PATTERN,
    )

    def resolved_socket_path(self) -> str:
        return self.socket_path or os.path.join(_runtime_dir(), "control.sock")


@dataclass(frozen=True)
class AdminSettings:
    adviser_pin_hash: str = setting(
        "",
        "Hash of the digital advisers' PIN, from `kiosk hash-pin`. Empty: no adviser access.",
        pattern=PIN_HASH_PATTERN,
    )
    it_pin_hash: str = setting(
        "",
        "Hash of the IT staff's PIN, from `kiosk hash-pin`. Empty: no IT access.",
        pattern=PIN_HASH_PATTERN,
    )


@dataclass(frozen=True)
class LoggingSettings:
    level: str = setting(
        "info",
        "How much the kiosk logs. Logs never carry what residents type, visit or print.",
        choices=("debug", "info", "warning", "error"),
    )


@dataclass(frozen=True)
class SpeechSettings:
    enabled: bool = setting(
        True,
        "Offer speech: the Écouter button reads the screen aloud in the resident's language "
        "(espeak-ng). A language without a voice (Pashto) shows its text only.",
    )
    rate: int = setting(
        160,
        "Speaking rate in words per minute, for every language but easy-to-read French.",
        minimum=80,
        maximum=400,
    )
    falc_rate: int = setting(
        130,
        "Speaking rate of easy-to-read French (`fr-falc`), in words per minute: slower on purpose.",
        minimum=80,
        maximum=400,
    )
    volume: float = setting(
        0.8,
        "Volume of speech at the start of every session, from 0.1 to 1.0 (the resident may "
        "change it; it comes back to this value after each session).",
        minimum=0.1,
        maximum=1.0,
    )
    voices: tuple[str, ...] = setting(
        (),
        "Voices chosen instead of the built-in ones, one per language, as `LANGUAGE=VOICE`. "
        "Empty: French `roa/fr`, English `gmw/en`, Arabic `sem/ar`, and so on.",
        pattern=VOICE_CHOICE_PATTERN,
        example='["pt=roa/pt-br", "es=roa/es-419"]',
    )


FRANCECONNECT_SITES: tuple[str, ...] = (
    "https://franceconnect.gouv.fr/",
    "https://app.franceconnect.gouv.fr/",
    "https://idp.impots.gouv.fr/",
    "https://fc.assure.ameli.fr/",
    "https://lidentitenumerique.laposte.fr/",
    "https://connexion.lidentitenumerique.laposte.fr/",
    "https://monespace.msa.fr/",
    "https://france-identite.gouv.fr/",
)
"""FranceConnect and the identity providers it offers: a login hops through them."""


@dataclass(frozen=True)
class WebSettings:
    enabled: bool = setting(
        True,
        "Open the official websites of the procedures inside the kiosk. Off: a web step shows "
        "the site's address and the way to get help instead.",
    )
    login_sites: tuple[str, ...] = setting(
        FRANCECONNECT_SITES,
        "Sites every flow may reach, because logins hop through them: FranceConnect and its "
        "identity providers. Each is `https://host/` with an optional path prefix.",
        pattern=SITE_PATTERN,
        example='["https://app.franceconnect.gouv.fr/"]',
    )
    extra_sites: tuple[str, ...] = setting(
        (),
        "Sites added to every flow's allow-list (the town hall's own site, a local "
        "association...). Each is `https://host/` with an optional path prefix.",
        pattern=SITE_PATTERN,
        example='["https://www.demoville.fr/demarches/"]',
    )
    zoom: float = setting(
        1.0,
        "Zoom of web pages at the start of each session (the resident may change it).",
        minimum=0.5,
        maximum=3.0,
    )
    hang_timeout_s: float = setting(
        8.0,
        "Seconds a web page may stop answering before the kiosk stops it and offers to reload.",
        minimum=2.0,
        maximum=120.0,
    )


@dataclass(frozen=True)
class PrintingSettings:
    a4_printer: str = setting(
        "virtual",
        "Where A4 documents go: `virtual` (PDF files in `virtual_folder`, for demos), `cups` "
        "(the CUPS queue `cups_queue`) or `none` (no A4 printing on this kiosk).",
        choices=("virtual", "cups", "none"),
    )
    cups_queue: str = setting(
        "",
        "CUPS queue for A4 documents (`lpstat -p` lists them). Empty: CUPS's default queue.",
        pattern=QUEUE_PATTERN,
        example="mairie-a4",
    )
    cups_server: str = setting(
        "",
        "CUPS server: `host`, `host:port` or the path of its socket. Empty: this machine's.",
        example="/run/cups/cups.sock",
    )
    ticket_printer: str = setting(
        "virtual",
        "Where tickets go: `virtual` (PNG images in `virtual_folder`, for demos), `network`, "
        "`usb` or `serial` (an ESC/POS thermal printer), or `none`.",
        choices=("virtual", "network", "usb", "serial", "none"),
    )
    ticket_host: str = setting(
        "",
        'Address of a network ticket printer (`ticket_printer = "network"`).',
        example="192.168.1.50",
    )
    ticket_port: int = setting(
        9100, "TCP port of a network ticket printer.", minimum=1, maximum=65535
    )
    ticket_usb_vendor: int = setting(
        0,
        "USB vendor id of a USB ticket printer (`lsusb` shows it).",
        minimum=0,
        maximum=65535,
        example="0x04b8",
    )
    ticket_usb_product: int = setting(
        0, "USB product id of a USB ticket printer.", minimum=0, maximum=65535, example="0x0202"
    )
    ticket_serial_device: str = setting(
        "",
        "Device of a serial ticket printer.",
        pattern=ABSOLUTE_PATH_PATTERN,
        example="/dev/ttyS0",
    )
    ticket_serial_baudrate: int = setting(
        19200, "Speed of a serial ticket printer, in baud.", minimum=1200, maximum=921600
    )
    ticket_paper_mm: int = setting(
        80, "Width of the ticket paper in millimetres: 58 or 80.", minimum=58, maximum=80
    )
    ticket_profile: str = setting(
        "default",
        "python-escpos printer profile of the ticket printer (its code pages and features), "
        "such as `TM-T88V`. `default` suits most printers.",
        example="TM-T88V",
    )
    ticket_code_pages: tuple[str, ...] = setting(
        ("CP858", "CP850", "CP437"),
        "Code pages of the ticket printer trusted for text, in order. A ticket whose every "
        "letter fits one of them prints as text; any other is drawn and printed as an image "
        "(Arabic, Persian, Pashto and Romanian always are). Add `CP866` (Russian), `CP1251` "
        "(Ukrainian) or `CP857` (Turkish) only after `kiosk print-test` shows them right.",
        pattern=r"^CP[0-9]{3,4}$",
        example='["CP858", "CP866"]',
    )
    ticket_header: tuple[str, ...] = setting(
        (),
        "Lines printed at the top of every ticket, under the town hall's name.",
        example='["Place de la Mairie", "Ouvert du lundi au vendredi"]',
    )
    status_timeout_s: float = setting(
        1.5,
        "Seconds a printer may take to answer a status question; no answer means offline.",
        minimum=0.2,
        maximum=10.0,
    )
    watch_interval_s: float = setting(
        5.0,
        "Seconds between two checks of the printers' state in the background.",
        minimum=1.0,
        maximum=300.0,
    )
    stuck_after_s: float = setting(
        90.0,
        "Seconds a job may make no progress before the resident is told it is stuck.",
        minimum=10.0,
        maximum=3600.0,
    )
    pages_per_session: int = setting(
        20, "Most A4 pages one session may print.", minimum=0, maximum=1000
    )
    pages_per_day: int = setting(
        300, "Most A4 pages this kiosk may print in one day.", minimum=0, maximum=100000
    )
    virtual_folder: str = setting(
        "",
        "Folder where the virtual printers put their PDF and PNG files. Empty: "
        "virtual-printer under $XDG_RUNTIME_DIR/kiosk (or /tmp/kiosk-UID/kiosk).",
        pattern=ABSOLUTE_PATH_PATTERN,
        example="/var/lib/kiosk/virtual-printer",
    )
    state_folder: str = setting(
        "",
        "Folder where the kiosk keeps the day's page count (a date and a number). Empty: "
        "$XDG_STATE_HOME/kiosk (or ~/.local/state/kiosk).",
        pattern=ABSOLUTE_PATH_PATTERN,
        example="/var/lib/kiosk",
    )

    def resolved_virtual_folder(self) -> str:
        return self.virtual_folder or os.path.join(_runtime_dir(), "virtual-printer")

    def resolved_state_folder(self) -> str:
        base = os.environ.get("XDG_STATE_HOME") or os.path.expanduser("~/.local/state")
        return self.state_folder or os.path.join(base, "kiosk")


@dataclass(frozen=True)
class Config:
    kiosk: KioskSettings = field(default_factory=KioskSettings)
    session: SessionSettings = field(default_factory=SessionSettings)
    display: DisplaySettings = field(default_factory=DisplaySettings)
    home: HomeSettings = field(default_factory=HomeSettings)
    content: ContentSettings = field(default_factory=ContentSettings)
    control: ControlSettings = field(default_factory=ControlSettings)
    admin: AdminSettings = field(default_factory=AdminSettings)
    logging: LoggingSettings = field(default_factory=LoggingSettings)
    speech: SpeechSettings = field(default_factory=SpeechSettings)
    web: WebSettings = field(default_factory=WebSettings)
    printing: PrintingSettings = field(default_factory=PrintingSettings)

    def with_overrides(self, **sections: Any) -> Config:
        """A copy with whole sections replaced (used by --demo and tests)."""
        return replace(self, **sections)


SECTION_DOCS: dict[str, str] = {
    "kiosk": "Who the kiosk belongs to and which languages it offers.",
    "session": "The resident's session: idle warning, wipe, private folder.",
    "display": "Window and the look a session starts with.",
    "home": "The home screen's tiles.",
    "content": "Where the guided flows come from.",
    "control": "The local control socket for IT tools and end-to-end tests.",
    "admin": "PINs of digital advisers and IT staff, stored hashed.",
    "logging": "What the kiosk writes to its log.",
    "speech": "Reading screens aloud: voices per language, rate and volume.",
    "web": "Official websites shown inside the kiosk: which sites, zoom, hung pages.",
    "printing": "A4 printer (CUPS), ticket printer (ESC/POS), page quotas, demo printers.",
}
