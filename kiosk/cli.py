"""The `kiosk` command: run the kiosk, check a config, hash a PIN, drive it, screenshot it,
list its voices and make it speak into a file."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_ERROR, EXIT_INVALID = 0, 1, 2


def _size(value: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size like 1920x1080") from None
    if not (320 <= width <= 8000 and 320 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"{value!r} is out of range")
    return width, height


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Self-service digital terminal for town halls. Without a command: run it.",
    )
    parser.add_argument("--config", type=Path, help="config file (default /etc/kiosk/kiosk.toml)")
    parser.add_argument("--demo", action="store_true", help="run on the built-in demo content")
    parser.add_argument("--windowed", action="store_true", help="a normal window (development)")
    parser.add_argument("--size", type=_size, help="window size with --windowed, e.g. 1920x1080")
    commands = parser.add_subparsers(dest="command")

    check = commands.add_parser("check-config", help="check a config file: exit 0 valid, 2 not")
    check.add_argument("path", type=Path)

    content = commands.add_parser(
        "check-content", help="check the flows (shipped, or in DIR): exit 0 valid, 2 not"
    )
    content.add_argument("dir", type=Path, nargs="?", help="folder of flow files")
    content.add_argument("--json", action="store_true", dest="content_json")
    content.add_argument(
        "--translations",
        action="store_true",
        help="instead of the flows, the translation catalogs: per shipped language, how many "
        "strings of the interface (ui) and of the flows (content) are reviewed, drafts or "
        "missing; exit 2 when a language other than fr and fr-falc misses one",
    )
    content.add_argument(
        "--catalogs",
        type=Path,
        metavar="DIR",
        help="with --translations: the folder holding ui/ and content/ (default: i18n/)",
    )

    hash_pin = commands.add_parser(
        "hash-pin", help="print the hash of a PIN, to paste in the config"
    )
    hash_pin.add_argument("--stdin", action="store_true", help="read the PIN from standard input")

    ctl = commands.add_parser("ctl", help="drive a running kiosk through its control socket")
    ctl.add_argument("--socket", type=Path, help="socket path (default: from the config)")
    ctl.add_argument("--json", action="store_true", help="print the raw JSON answer")
    ctl_commands = ctl.add_subparsers(dest="ctl_command", required=True)
    status = ctl_commands.add_parser("status", help="state, language, screen, uptime, health")
    status.add_argument("--json", action="store_true", dest="status_json")
    ctl_commands.add_parser("end-session", help="wipe the current session now")
    ctl_commands.add_parser("start-session", help="start a session as a touch would")
    open_ = ctl_commands.add_parser("open", help="open a flow by its id")
    open_.add_argument("flow")
    press = ctl_commands.add_parser(
        "press", help="press a button of the current flow step, by role and index"
    )
    press.add_argument("role", help="continue, choose, toggle, print, web, help, home, finish")
    press.add_argument("index", type=int, nargs="?", default=0)

    voices = commands.add_parser(
        "voices", help="each language's speech voice, or its absence (exit 0)"
    )
    voices.add_argument("--all", action="store_true", dest="every_voice", help="list every voice")
    voices.add_argument("--json", action="store_true", dest="voices_json")

    say = commands.add_parser(
        "say", help="speak a text into a WAV file: exit 0 written, 2 no voice for the language"
    )
    say.add_argument("--lang", required=True, help="language code, e.g. fr, fr-falc, ar")
    say.add_argument("--out", type=Path, required=True, help="WAV file to write")
    say.add_argument("--rate", type=int, help="words per minute (default: from the config)")
    say.add_argument("text", nargs="+", help="what to say")

    printers = commands.add_parser(
        "printers",
        help="the configured printers and their state now: exit 0 all can print, 1 one "
        "cannot, 2 bad config",
    )
    printers.add_argument("--json", action="store_true", dest="printers_json")
    print_test = commands.add_parser(
        "print-test",
        help="print a test page (A4) or test tickets: exit 0 printed, 1 not printed, "
        "2 bad config or unknown printer",
    )
    print_test.add_argument(
        "name",
        nargs="?",
        help="a printer's name from `kiosk printers`, or a4 / ticket "
        "(default: every configured printer)",
    )
    print_test.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        dest="job_timeout",
        help="seconds to wait for the A4 page to come out (default 60)",
    )

    shot = commands.add_parser("screenshot", help="render a screen offscreen into a PNG")
    shot.add_argument("--screen", required=True, help="screen name, or `list`")
    shot.add_argument("--lang", default="fr", help="language code (default fr)")
    shot.add_argument("--out", type=Path, help="PNG file to write")
    shot.add_argument("--size", type=_size, default=(1920, 1080), dest="shot_size")
    shot.add_argument("--contrast", choices=("standard", "high", "dark"), default="standard")
    shot.add_argument("--text-size", choices=("normal", "large", "larger"), default="normal")
    return parser


def _load_config(args: argparse.Namespace) -> Any:
    from kiosk.config import DEFAULT_PATH, ConfigError, demo, load

    if args.config is not None:
        return load(args.config)
    if args.demo:
        return demo()
    if DEFAULT_PATH.exists():
        return load(DEFAULT_PATH)
    raise ConfigError(str(DEFAULT_PATH), [])


def _cmd_check_config(path: Path) -> int:
    from kiosk.config import ConfigError, load

    try:
        load(path)
    except ConfigError as error:
        for problem in error.problems:
            print(f"{error.source}: {problem}", file=sys.stderr)
        print(f"{error.source}: {len(error.problems)} problem(s); not valid", file=sys.stderr)
        return EXIT_INVALID
    print(f"{path}: valid")
    return EXIT_OK


def _cmd_check_content(folder: Path | None, as_json: bool) -> int:
    from kiosk.flows.library import SHIPPED, load_library, unknown_pictograms

    library = load_library(folder or SHIPPED)
    icons = Path(__file__).resolve().parent / "ui" / "icons"
    library.problems += unknown_pictograms(library, {p.stem for p in icons.glob("*.svg")})
    if as_json:
        import json

        print(json.dumps(library.summary(), ensure_ascii=False, indent=2))
    else:
        for problem in library.problems:
            print(problem, file=sys.stderr)
        verdict = "valid" if not library.problems else f"{len(library.problems)} problem(s)"
        print(
            f"{folder or SHIPPED}: {library.files} file(s), {len(library.flows)} flow(s), "
            f"{library.step_count()} step(s): {verdict}"
        )
    return EXIT_OK if not library.problems else EXIT_INVALID


def _check_content_command(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """The flows, or with --translations the translation catalogs."""
    if args.translations:
        if args.dir is not None:
            parser.error("--translations checks catalogs: give their folder with --catalogs")
        return _cmd_check_translations(args.catalogs, args.content_json)
    if args.catalogs is not None:
        parser.error("--catalogs goes with --translations")
    return _cmd_check_content(args.dir, args.content_json)


def _cmd_check_translations(catalogs: Path | None, as_json: bool) -> int:
    from kiosk.i18n.catalogs import I18N_DIR

    try:  # babel reads the catalogs: a development tool, not needed to run the kiosk
        from kiosk.i18n.__main__ import check_translations
    except ImportError as error:
        print(f"--translations needs the development tools ({error})", file=sys.stderr)
        return EXIT_ERROR
    return check_translations(catalogs or I18N_DIR, as_json)


def _cmd_hash_pin(from_stdin: bool) -> int:
    from kiosk.config.pins import hash_pin

    if from_stdin:
        pin = sys.stdin.readline().strip()
    else:
        pin = getpass.getpass("PIN (4 to 12 digits): ")
        if getpass.getpass("PIN again: ") != pin:
            print("the two PINs differ", file=sys.stderr)
            return EXIT_ERROR
    try:
        print(hash_pin(pin))
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _cmd_ctl(args: argparse.Namespace) -> int:
    from kiosk.config import ConfigError
    from kiosk.control.client import ControlUnavailableError, request

    socket_path = args.socket
    if socket_path is None:
        try:
            config = _load_config(args) if (args.config or not args.demo) else None
        except ConfigError:
            config = None
        if config is None:
            from kiosk.config import demo

            config = demo()
        socket_path = Path(config.control.resolved_socket_path())
    command = args.ctl_command
    payload: dict[str, Any] = {"flow": args.flow} if command == "open" else {}
    if command == "press":
        payload = {"role": args.role, "index": args.index}
    try:
        answer = request(socket_path, command, payload)
    except ControlUnavailableError as error:
        print(str(error), file=sys.stderr)
        return EXIT_ERROR
    if args.json or getattr(args, "status_json", False):
        import json

        print(json.dumps(answer, ensure_ascii=False, indent=2))
    elif not answer.get("ok"):
        print(answer.get("error", "failed"), file=sys.stderr)
    elif command == "status":
        print(
            f"state: {answer['state']}  screen: {answer['screen']}  language: {answer['language']}"
        )
        print(f"uptime: {answer['uptime_s']} s  sessions: {answer['sessions_started']}")
        for name, health in answer["health"].items():
            print(f"  {name}: {health}")
    else:
        print("ok")
    return EXIT_OK if answer.get("ok") else EXIT_ERROR


def _speech_command(args: argparse.Namespace) -> int:
    """`voices` and `say`, with `[speech]` from the config (or the defaults without one)."""
    from kiosk.config import DEFAULT_PATH, ConfigError, load
    from kiosk.config.schema import Config
    from kiosk.speech import commands

    try:
        if args.config is not None:
            config = load(args.config)
        else:
            config = load(DEFAULT_PATH) if DEFAULT_PATH.exists() and not args.demo else Config()
    except ConfigError as error:
        print(str(error), file=sys.stderr)
        return EXIT_INVALID
    if args.command == "voices":
        return commands.list_voices(
            config.speech, every_voice=args.every_voice, as_json=args.voices_json
        )
    if args.rate is not None and not 80 <= args.rate <= 450:
        print("--rate must be between 80 and 450 words per minute", file=sys.stderr)
        return EXIT_INVALID
    return commands.say(
        config.speech, args.lang, " ".join(args.text), args.out, words_per_minute=args.rate
    )


def _printing_command(args: argparse.Namespace) -> int:
    """`printers` and `print-test`, with [printing] from --config, --demo or the default file."""
    from kiosk.config import DEFAULT_PATH, ConfigError

    try:
        config = _load_config(args)
    except ConfigError as error:
        print(
            str(error)
            if error.problems
            else f"No configuration at {DEFAULT_PATH}: use "
            "--config PATH (or --demo for the virtual printers).",
            file=sys.stderr,
        )
        return EXIT_INVALID
    from kiosk import qtcompat
    from kiosk.printing import commands

    qtcompat.install()  # before the first Qt call (see kiosk/qtcompat.py)
    if args.command == "printers":
        return commands.list_printers(config, as_json=args.printers_json)
    if args.job_timeout <= 0:
        print("--timeout must be positive", file=sys.stderr)
        return EXIT_INVALID
    return commands.print_test(config, args.name, timeout_s=args.job_timeout)


def _cmd_run(args: argparse.Namespace) -> int:
    from kiosk.app import StartupError, run

    if args.demo and args.config is None:
        from kiosk.config.schema import Config

        return _run_or_explain(run, StartupError, Config(), args)
    from kiosk.config import DEFAULT_PATH, ConfigError

    try:
        config = _load_config(args)
    except ConfigError as error:
        if not error.problems:
            print(
                f"No configuration at {DEFAULT_PATH}. Use --config PATH, or --demo to try the "
                "kiosk on its demo content.",
                file=sys.stderr,
            )
        else:
            print(str(error), file=sys.stderr)
        return EXIT_INVALID
    return _run_or_explain(run, StartupError, config, args)


def _run_or_explain(run: Any, startup_error: type[Exception], config: Any, args: Any) -> int:
    try:
        return int(run(config, windowed=args.windowed, size=args.size))
    except startup_error as error:
        print(f"kiosk cannot start: {error}", file=sys.stderr)
        return EXIT_ERROR


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command in (None, "screenshot"):
        from kiosk import qtcompat

        qtcompat.install()  # before the first Qt call (see kiosk/qtcompat.py)
    if args.command == "check-config":
        return _cmd_check_config(args.path)
    if args.command == "check-content":
        return _check_content_command(parser, args)
    if args.command == "hash-pin":
        return _cmd_hash_pin(args.stdin)
    by_args = {
        "ctl": _cmd_ctl,
        "voices": _speech_command,
        "say": _speech_command,
        "printers": _printing_command,
        "print-test": _printing_command,
    }
    if args.command in by_args:
        return by_args[args.command](args)
    if args.command == "screenshot":
        from kiosk.ui.screenshot import main as screenshot_main

        return screenshot_main(args)
    return _cmd_run(args)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUTF8", "1")
    raise SystemExit(main())
