"""`kiosk printers` and `kiosk print-test [NAME]`: what IT runs after plugging a printer in.

Both build the printers exactly as the running kiosk does (kiosk.printing.from_config), so
what IT tests is what residents use, and both run without a display. They call the
backends directly on this thread, not through PrintService: a command has no event loop
to keep alive, and a test print must not count against the residents' page quotas.

Every status question is bounded: each printer is asked in its own thread and one that
has not answered within twice `status_timeout_s` (plus a second) is reported offline, so
a silent network printer or an unreachable CUPS server never holds the command.

Output is for IT (English, like the other commands): each printer's kind, connection and
state in words, the backend's reason codes, and what to check. A test page or ticket
carries the town hall's name, the printer's, this machine's and the date, never anything
of a resident's.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.config.schema import Config, PrintingSettings
from kiosk.printing.from_config import Printers, printers
from kiosk.printing.model import JobState, JobStatus, PrintError, PrinterState, PrinterStatus
from kiosk.printing.test_prints import test_tickets, write_test_page

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2
JOB_POLL_S = 0.2
DEFAULT_JOB_TIMEOUT_S = 60.0
"""Enough lines after the header to run onto a second A4 page (checked by the tests)."""

STATE_WORDS = {
    PrinterState.IDLE: "idle",
    PrinterState.PRINTING: "printing",
    PrinterState.STOPPED: "stopped",
    PrinterState.OFFLINE: "offline",
    PrinterState.OUT_OF_PAPER: "out of paper",
    PrinterState.JAMMED: "jammed",
    PrinterState.COVER_OPEN: "cover open",
    PrinterState.UNKNOWN: "unknown",
}
ADVICE = {
    PrinterState.OFFLINE: "is it switched on, plugged in and on the network?",
    PrinterState.OUT_OF_PAPER: "load paper (a new roll for the ticket printer).",
    PrinterState.JAMMED: "open the printer and take out the jammed sheet.",
    PrinterState.COVER_OPEN: "close the printer's cover.",
    PrinterState.UNKNOWN: "the printer's answer could not be read; switch it off and on.",
}
REASON_ADVICE = {
    "cups-down": "CUPS does not answer: is cupsd running (`systemctl status cups`)? "
    "Check printing.cups_server.",
    "queue-missing": "CUPS has no such queue: compare printing.cups_queue with `lpstat -p`.",
    "not-answering": "no answer in time: check the cable or the network, and the address.",
}


@dataclass(frozen=True)
class Entry:
    """One configured printer as `kiosk printers` shows it."""

    name: str
    kind: str
    backend: Any
    connection: dict[str, Any]

    def describe(self) -> str:
        return ", ".join(f"{key} {value}" for key, value in self.connection.items())


def connection_of(backend: Any) -> dict[str, Any]:
    """Where a backend prints (queue, server, address, USB ids, device): config, not content."""
    kind = type(backend).__name__
    if kind == "CupsBackend":
        return {
            "type": "cups",
            "queue": backend.name or "(CUPS default)",
            "server": backend.server or "this machine's CUPS",
            **(
                {"port": backend.port}
                if backend.server and not backend.server.startswith("/")
                else {}
            ),
        }
    if kind in ("VirtualA4Printer", "VirtualTicketPrinter"):
        return {"type": "virtual", "folder": str(backend.folder)}
    link = backend.connection
    link_kind = type(link).__name__
    if link_kind == "NetworkConnection":
        return {"type": "escpos-network", "address": f"{link.host}:{link.port}"}
    if link_kind == "UsbConnection":
        return {"type": "escpos-usb", "usb": f"{link.vendor_id:04x}:{link.product_id:04x}"}
    return {"type": "escpos-serial", "device": link.device, "baudrate": link.baudrate}


def entries(found: Printers) -> list[Entry]:
    listed = []
    if found.a4 is not None:
        listed.append(Entry(found.a4.name, "a4", found.a4, connection_of(found.a4)))
    if found.ticket is not None:
        name = str(getattr(found.ticket, "name", "ticket"))
        listed.append(Entry(name, "ticket", found.ticket, connection_of(found.ticket)))
    return listed


def config_problems(settings: PrintingSettings) -> list[str]:
    """What makes [printing] unusable although the config loaded (a connection without its
    address is refused by the loader already): a printer profile python-escpos lacks."""
    problems: list[str] = []
    kind = settings.ticket_printer
    if kind in ("network", "usb", "serial"):
        from kiosk.printing.ticket_render import profiles

        if settings.ticket_profile not in profiles():
            problems.append(f"printing.ticket_profile: {settings.ticket_profile!r} is unknown")
    return problems


def probe(entry: Entry, deadline_s: float) -> PrinterStatus:
    """The printer's state, asked in a thread; no answer within `deadline_s` is OFFLINE."""
    answer: list[PrinterStatus] = []
    ask = entry.backend.printer_status if entry.kind == "a4" else entry.backend.status

    def run() -> None:
        try:
            answer.append(ask())
        except Exception as error:  # a backend that raises is a printer that cannot print
            answer.append(
                PrinterStatus(
                    entry.name, entry.kind, PrinterState.OFFLINE, reasons=(type(error).__name__,)
                )
            )

    thread = threading.Thread(target=run, name=f"probe-{entry.kind}", daemon=True)
    thread.start()
    thread.join(deadline_s)
    if answer:
        return answer[0]
    return PrinterStatus(entry.name, entry.kind, PrinterState.OFFLINE, reasons=("not-answering",))


def probe_all(listed: list[Entry], deadline_s: float) -> list[PrinterStatus]:
    """Every printer asked at once, so the whole answer takes one deadline at most."""
    results: dict[int, PrinterStatus] = {}
    threads = [
        threading.Thread(
            target=lambda i=i, e=e: results.__setitem__(i, probe(e, deadline_s)), daemon=True
        )
        for i, e in enumerate(listed)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(deadline_s + 1)
    return [results[i] for i in range(len(listed))]


def deadline_of(settings: PrintingSettings) -> float:
    return 2 * settings.status_timeout_s + 1.0


def state_words(status: PrinterStatus) -> str:
    words = STATE_WORDS[status.state]
    if status.toner_low:
        words += ", toner low"
    if status.paper_low:
        words += ", paper low"
    return words


def advice(kind: str, status: PrinterStatus) -> str:
    """What IT should check, from the most specific reason to the state's general advice."""
    for reason in status.reasons:
        if reason in REASON_ADVICE:
            return REASON_ADVICE[reason]
    if status.state is PrinterState.STOPPED:
        if kind == "a4":
            return (
                "the CUPS queue is stopped or refuses jobs: `cupsenable QUEUE; cupsaccept QUEUE`."
            )
        return "the printer reports an error: check paper and cover, then switch it off and on."
    if status.state in ADVICE:
        return ADVICE[status.state]
    if status.toner_low or status.paper_low:
        return "still printing, but bring toner or paper soon."
    return ""


def _resolve(entry: Entry) -> Entry:
    """The entry under its queue's real name once CUPS told it (empty queue: the default)."""
    name = str(getattr(entry.backend, "name", entry.name))
    if name == entry.name:
        return entry
    return Entry(name, entry.kind, entry.backend, connection_of(entry.backend))


def list_printers(config: Config, *, as_json: bool = False) -> int:
    """`kiosk printers`: exit 0 when every configured printer can print, 1 otherwise."""
    settings = config.printing
    problems = config_problems(settings)
    if problems:
        return _invalid(problems)
    listed = entries(printers(settings))
    statuses = probe_all(listed, deadline_of(settings))
    listed = [_resolve(entry) for entry in listed]
    rows = [
        {
            "name": entry.name,
            "kind": entry.kind,
            "connection": entry.connection,
            "state": status.state.value,
            "words": state_words(status),
            "can_print": status.can_print,
            "toner_low": status.toner_low,
            "paper_low": status.paper_low,
            "reasons": list(status.reasons),
            "check": advice(entry.kind, status) if not status.can_print else "",
        }
        for entry, status in zip(listed, statuses, strict=True)
    ]
    ok = all(row["can_print"] for row in rows)
    if as_json:
        print(json.dumps({"printers": rows, "ok": ok}, ensure_ascii=False, indent=2))
        return EXIT_OK if ok else EXIT_FAILED
    if not rows:
        print('No printer configured ([printing] a4_printer and ticket_printer are "none").')
    for status, entry in zip(statuses, listed, strict=True):
        reasons = f" [{', '.join(status.reasons)}]" if status.reasons else ""
        kind = "A4" if entry.kind == "a4" else "ticket"
        print(f"{entry.name} ({kind}; {entry.describe()}): {state_words(status)}{reasons}")
        if not status.can_print:
            print(f"  check: {advice(entry.kind, status)}")
    cannot = sum(1 for row in rows if not row["can_print"])
    print(f"{len(rows)} printer(s), {cannot} cannot print.")
    return EXIT_OK if ok else EXIT_FAILED


def _invalid(problems: list[str]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s) in [printing]; fix the configuration.", file=sys.stderr)
    return EXIT_INVALID


# --- print-test -------------------------------------------------------------------------------


def print_test(
    config: Config, name: str | None = None, *, timeout_s: float = DEFAULT_JOB_TIMEOUT_S
) -> int:
    """`kiosk print-test [NAME]`: a test page or ticket on one printer or each; 0 printed."""
    settings = config.printing
    problems = config_problems(settings)
    if problems:
        return _invalid(problems)
    listed = entries(printers(settings))
    if not listed:
        print('No printer configured ([printing] a4_printer and ticket_printer are "none").')
        return EXIT_INVALID
    chosen = _choose(listed, name, deadline_of(settings))
    if chosen is None:
        names = ", ".join(entry.name for entry in listed)
        print(f"No printer named {name!r}. Configured: {names} (or: a4, ticket).", file=sys.stderr)
        return EXIT_INVALID
    _ensure_gui()
    failed = 0
    for entry in chosen:
        if entry.kind == "a4":
            ok = _test_a4(entry, config, deadline_of(settings), timeout_s)
        else:
            ok = _test_ticket(entry, config)
        failed += 0 if ok else 1
    return EXIT_OK if not failed else EXIT_FAILED


def _choose(listed: list[Entry], name: str | None, deadline_s: float) -> list[Entry] | None:
    if name is None:
        return listed
    for entry in listed:
        if entry.kind == "a4" and not entry.name:  # the CUPS default queue: ask its name
            probe(entry, deadline_s)
    listed = [_resolve(entry) for entry in listed]
    found = [entry for entry in listed if name in (entry.name, entry.kind)]
    return found or None


def _ensure_gui() -> None:
    """Fonts and PDF writing need a QGuiApplication; offscreen, so no display is needed."""
    import os

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    if QCoreApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication(["kiosk"])


def _test_a4(entry: Entry, config: Config, deadline_s: float, timeout_s: float) -> bool:
    import tempfile

    from kiosk.printing.jobs import JobTracker

    backend = entry.backend
    status = probe(entry, deadline_s)
    entry = _resolve(entry)
    print(f"{entry.name} (A4; {entry.describe()}): {state_words(status)}")
    if not status.can_print:
        return _failed(entry, status.state.value, status)
    with tempfile.TemporaryDirectory(prefix="kiosk-print-test-") as folder:
        pdf = Path(folder) / "test-page.pdf"
        pages = write_test_page(pdf, config.kiosk.town_hall_name, entry.name)
        try:
            job_id = backend.submit(pdf)
        except PrintError as error:
            backend.close()
            return _failed(entry, error.reason.value, probe(entry, deadline_s))
    print(f"  test page sent: {pages} page(s), job {job_id}; waiting for the printer...")
    tracker = JobTracker(config.printing.stuck_after_s, time.monotonic)
    tracker.add(0, job_id, pages)
    last: JobStatus | None = None
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            printer = backend.printer_status()
            changed = tracker.update(backend.job_status(job_id, pages), printer)
            if changed is not None:
                last = changed
                if changed.state is JobState.DONE:
                    print(f"  printed: {pages} page(s). Check that both came out, text right.")
                    return True
                if changed.state in (JobState.FAILED, JobState.STUCK, JobState.CANCELLED):
                    _cancel(backend, job_id)
                    return _failed(entry, changed.reason or changed.state.value, printer)
                print(f"  {changed.state.value}...")
            time.sleep(JOB_POLL_S)
        _cancel(backend, job_id)
        waited = last.state.value if last else "queued"
        print(f"  NOT PRINTED: no outcome within {timeout_s:g} s (still {waited}).")
        print("  check: the printer's display, and `lpstat -o` for jobs held in CUPS.")
        return False
    finally:
        backend.forget(job_id)
        backend.close()


def _cancel(backend: Any, job_id: int) -> None:
    """A test job that failed must not come out later, when a resident prints."""
    try:
        if backend.cancel(job_id):
            print("  the test job was cancelled (it will not print later).")
    except Exception as error:  # the failure itself is reported already
        print(f"  could not cancel the test job ({type(error).__name__}).")


def _failed(entry: Entry, reason: str, status: PrinterStatus) -> bool:
    words = {state.value: STATE_WORDS[state] for state in PrinterState}.get(reason, reason)
    reasons = f" [{', '.join(status.reasons)}]" if status.reasons else ""
    print(f"  NOT PRINTED on {entry.name}: {words}{reasons}")
    hint = advice(entry.kind, status) if not status.can_print else ""
    state = PrinterState(reason) if reason in {s.value for s in PrinterState} else None
    if not hint and state is not None:
        hint = advice(entry.kind, PrinterStatus(entry.name, entry.kind, state))
    print(f"  check: {hint or 'the printer, then run `kiosk printers`.'}")
    return False


def _test_ticket(entry: Entry, config: Config) -> bool:
    backend = entry.backend
    settings = config.printing
    print(f"{entry.name} (ticket; {entry.describe()})")
    for number, ticket in enumerate(
        test_tickets(config, entry.name, settings.ticket_profile, settings.ticket_code_pages), 1
    ):
        how = ""
        if hasattr(backend, "render"):
            rendered = backend.render(ticket)
            how = f" as {rendered.mode}" + (
                f" on {rendered.code_page}" if rendered.code_page else ""
            )
        try:
            backend.print_ticket(ticket)
        except PrintError as error:
            detail = PrinterStatus(
                entry.name,
                "ticket",
                error.reason,
                reasons=tuple(filter(None, error.detail.split(","))),
            )
            return _failed(entry, error.reason.value, detail)
        print(f"  test ticket {number}/2 printed{how}.")
    print("  check: accents on ticket 1, every script on ticket 2, and that the QR codes scan.")
    return True
