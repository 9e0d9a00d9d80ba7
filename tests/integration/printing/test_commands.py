"""`kiosk printers` and `kiosk print-test` against the private cupsd and the ESC/POS listener.

The config is a real kiosk.toml passed with --config. The A4 test page runs the command in
a subprocess without any display, as IT runs it over SSH; the other cases call
kiosk.cli.main in-process (the test's QApplication is there, so the command makes none).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from tests._support.escpos_decode import decode
from tests.integration.printing import escpos_listener as listener
from tests.integration.printing.conftest import FailQueue, PrivateCups
from tests.integration.printing.escpos_listener import EscposListener
from tests.integration.printing.helpers import pdf_page_count, pdf_text

_escpos_printer = listener._escpos_printer  # the fixtures, for this module's tests
escpos_listener = listener.escpos_listener

ROOT = Path(__file__).resolve().parents[3]
TOWN_HALL = "Mairie de Testville"
STATUS_TIMEOUT_S = 0.3


def write_config(folder: Path, **printing: Any) -> Path:
    settings = {
        "a4_printer": "none",
        "ticket_printer": "none",
        "status_timeout_s": STATUS_TIMEOUT_S,
    }
    settings.update(printing)
    lines = ["[kiosk]", f'town_hall_name = "{TOWN_HALL}"', "", "[printing]"]
    for key, value in settings.items():
        lines.append(f"{key} = {json.dumps(value)}")
    path = folder / "kiosk.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


Cli = Callable[..., tuple[int, str]]


@pytest.fixture
def kiosk_cli(qapp: Any, capsys: pytest.CaptureFixture[str]) -> Cli:
    """kiosk_cli(config, *args) -> (exit code, stdout + stderr) of `kiosk --config ...`."""

    def run(config: Path, *args: str) -> tuple[int, str]:
        code = main(["--config", str(config), *args])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    return run


def nfkc(text: str) -> str:
    """pdftotext gives Arabic as presentation forms; NFKC brings back the letters."""
    return unicodedata.normalize("NFKC", text)


def cups_jobs(cups: PrivateCups, queue: str) -> list[int]:
    jobs = cups.connection().getJobs(
        which_jobs="not-completed", requested_attributes=["job-printer-uri"]
    )
    return [
        job
        for job, attributes in jobs.items()
        if attributes["job-printer-uri"].endswith(f"/{queue}")
    ]


# --- A4 ----------------------------------------------------------------------------------------


def test_print_test_prints_a_two_page_test_page_without_a_display(
    private_cups: PrivateCups, tmp_path: Path
) -> None:
    config = write_config(
        tmp_path, a4_printer="cups", cups_queue="pdf", cups_server=private_cups.server
    )
    before = set(private_cups.outputs())
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(config), "print-test", "pdf"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=40,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "printed: 2 page(s)" in result.stdout
    deadline = time.monotonic() + 10
    while not (new := set(private_cups.outputs()) - before) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(new) == 1
    printed = new.pop()
    assert pdf_page_count(printed) == 2
    text = nfkc(pdf_text(printed))
    # Only text that keeps a Unicode mapping through CUPS and cups-pdf can be read back:
    # Cyrillic and ă, ș come out as Type 3 glyphs there (right on paper, no text behind).
    # The virtual printer's test below reads every script from the kiosk's own PDF.
    for expected in (TOWN_HALL, "Imprimante : pdf", "Français", "Türkçe", "Español"):
        assert expected in text
    for arabic_script in ("العربية", "دری"):  # Arabic, Persian / Dari
        assert nfkc(arabic_script) in text or nfkc(arabic_script)[::-1] in text
    assert "Fin de la page de test." in text


@pytest.mark.parametrize(
    "case",
    [("paper-out", "out of paper", "load paper"), ("offline", "offline", "is it switched on")],
)
def test_print_test_on_a_failing_printer_says_why_and_cancels_its_job(
    kiosk_cli: Cli,
    private_cups: PrivateCups,
    fail_queue: FailQueue,
    tmp_path: Path,
    case: tuple[str, str, str],
) -> None:
    mode, words, check = case
    fail_queue.set_mode(mode)
    config = write_config(
        tmp_path, a4_printer="cups", cups_queue=fail_queue.name, cups_server=private_cups.server
    )
    code, out = kiosk_cli(config, "print-test", "--timeout", "20")
    assert code == 1, out
    assert f"NOT PRINTED on {fail_queue.name}: {words}" in out
    assert f"check: {check}" in out.split("NOT PRINTED")[1]
    assert "cancelled" in out
    assert cups_jobs(private_cups, fail_queue.name) == []


def test_printers_reports_the_queue_state_and_a_missing_queue(
    kiosk_cli: Cli, private_cups: PrivateCups, tmp_path: Path
) -> None:
    good = write_config(
        tmp_path, a4_printer="cups", cups_queue="pdf", cups_server=private_cups.server
    )
    code, out = kiosk_cli(good, "printers", "--json")
    assert code == 0, out
    (row,) = json.loads(out)["printers"]
    assert (row["name"], row["kind"], row["state"], row["can_print"]) == ("pdf", "a4", "idle", True)
    assert row["connection"] == {"type": "cups", "queue": "pdf", "server": private_cups.server}

    missing = write_config(
        tmp_path, a4_printer="cups", cups_queue="nosuch", cups_server=private_cups.server
    )
    code, out = kiosk_cli(missing, "printers")
    assert code == 1, out
    assert "nosuch (A4; type cups, queue nosuch" in out
    assert "offline [queue-missing]" in out
    assert "lpstat -p" in out


# --- tickets -----------------------------------------------------------------------------------


def ticket_config(tmp_path: Path, printer: EscposListener, **extra: Any) -> Path:
    return write_config(
        tmp_path,
        ticket_printer="network",
        ticket_host=printer.host,
        ticket_port=printer.port,
        ticket_header=["Place de la Mairie"],
        **extra,
    )


def test_print_test_prints_a_text_ticket_and_an_image_ticket(
    kiosk_cli: Cli, escpos_listener: EscposListener, tmp_path: Path
) -> None:
    config = ticket_config(tmp_path, escpos_listener)
    code, out = kiosk_cli(config, "print-test", "ticket-network")
    assert code == 0, out
    assert "test ticket 1/2 printed as text on CP858" in out
    assert "test ticket 2/2 printed as image" in out
    escpos_listener.wait_closed(2)
    decoded = decode(escpos_listener.printed())
    text = decoded.text
    for expected in (
        TOWN_HALL,
        "Place de la Mairie",
        "Imprimante : ticket-network",
        "Français",
        "Español",
    ):
        assert expected in text, text[:600]
    assert "Русский" not in text  # not in CP858: drawn on the image ticket instead
    codes = decoded.qr_codes
    assert len(codes) == 2
    assert all(code.startswith(f"{TOWN_HALL} - ") for code in codes)
    assert decoded.rasters, "the second ticket (every script) is an image"
    assert text.count("\n") > 5


def test_print_test_on_a_ticket_printer_out_of_paper(
    kiosk_cli: Cli, escpos_listener: EscposListener, tmp_path: Path
) -> None:
    escpos_listener.reset("paper-out")
    code, out = kiosk_cli(ticket_config(tmp_path, escpos_listener), "print-test", "ticket")
    assert code == 1, out
    assert "NOT PRINTED on ticket-network: out of paper [paper-end]" in out
    assert "check: load paper" in out
    assert decode(escpos_listener.printed()).qr_codes == []


@pytest.mark.parametrize(
    "case",
    [
        ("ready", "idle", None),
        ("paper-out", "out-of-paper", "paper-end"),
        ("silence", "offline", None),
    ],
)
def test_printers_shows_the_ticket_printer_state_within_the_timeout(
    kiosk_cli: Cli,
    escpos_listener: EscposListener,
    tmp_path: Path,
    case: tuple[str, str, str | None],
) -> None:
    answer, state, reason = case
    escpos_listener.reset(answer)
    config = ticket_config(tmp_path, escpos_listener)
    started = time.monotonic()
    code, out = kiosk_cli(config, "printers", "--json")
    elapsed = time.monotonic() - started
    assert elapsed < 2 * STATUS_TIMEOUT_S + 1.0
    (row,) = json.loads(out)["printers"]
    assert row["connection"] == {
        "type": "escpos-network",
        "address": f"{escpos_listener.host}:{escpos_listener.port}",
    }
    assert row["state"] == state
    assert code == (0 if answer == "ready" else 1)
    if reason:
        assert reason in row["reasons"]
    if answer == "silence":
        assert row["reasons"][0].startswith("no-answer")
        assert "switched on" in row["check"]


def test_a_printer_that_does_not_exist_is_offline_fast(kiosk_cli: Cli, tmp_path: Path) -> None:
    """Nothing listens on the port: offline, exit 1, in well under the deadline."""
    config = write_config(
        tmp_path, ticket_printer="network", ticket_host="127.0.0.1", ticket_port=9
    )
    started = time.monotonic()
    code, out = kiosk_cli(config, "printers")
    assert time.monotonic() - started < 2 * STATUS_TIMEOUT_S + 1.0
    assert code == 1
    assert "ticket-network (ticket; type escpos-network, address 127.0.0.1:9): offline" in out


# --- names and config ----------------------------------------------------------------------------


def test_print_test_with_an_unknown_name_lists_the_names(
    kiosk_cli: Cli, private_cups: PrivateCups, tmp_path: Path
) -> None:
    config = write_config(
        tmp_path,
        a4_printer="cups",
        cups_queue="pdf",
        cups_server=private_cups.server,
        ticket_printer="virtual",
        virtual_folder=str(tmp_path / "virtual"),
    )
    code, out = kiosk_cli(config, "print-test", "laser-2")
    assert code == 2
    assert "No printer named 'laser-2'. Configured: pdf, virtual-ticket" in out
    assert not (tmp_path / "virtual").exists()


@pytest.mark.parametrize(
    ("printing", "problem"),
    [
        ({"ticket_printer": "network"}, "ticket_host"),
        ({"ticket_printer": "usb"}, "ticket_usb_vendor"),
        ({"ticket_printer": "serial"}, "ticket_serial_device"),
        (
            {"ticket_printer": "network", "ticket_host": "h", "ticket_profile": "nope"},
            "ticket_profile",
        ),
        ({"a4_printer": "laser"}, "printing.a4_printer"),
    ],
)
def test_a_bad_printing_config_exits_2(
    kiosk_cli: Cli,
    tmp_path: Path,
    printing: dict[str, Any],
    problem: str,
) -> None:
    config = write_config(tmp_path, **printing)
    for command in ("printers", "print-test"):
        code, out = kiosk_cli(config, command)
        assert code == 2, out
        assert problem in out


def test_print_test_on_the_virtual_printers_of_the_demo(kiosk_cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "virtual"
    config = write_config(
        tmp_path, a4_printer="virtual", ticket_printer="virtual", virtual_folder=str(folder)
    )
    code, out = kiosk_cli(config, "print-test")
    assert code == 0, out
    (page,) = (folder / "a4").glob("job-*.pdf")
    assert pdf_page_count(page) == 2
    text = nfkc(pdf_text(page))
    for native in ("Română", "Українська", "Русский", "Türkçe", "Français facile"):
        assert native in text
    # Pashto's ښ has no text behind it in Qt's PDF (drawn right, not extractable).
    for right_to_left in ("العربية", "دری", "فارسی"):
        assert nfkc(right_to_left) in text
    assert len(list((folder / "tickets").glob("ticket-*.png"))) == 2
