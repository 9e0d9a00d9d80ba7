"""Reading the printer's own status bytes (DLE EOT 1 to 4) into what residents are told."""

from __future__ import annotations

import pytest

from kiosk.printing.escpos_backend import parse_status
from kiosk.printing.model import PrinterState

OK = 0x12  # bits 1 and 4 are always set


def answers(printer=OK, offline=OK, error=OK, paper=OK):
    return {1: printer, 2: offline, 3: error, 4: paper}


@pytest.mark.parametrize(
    ("given", "state", "reason"),
    [
        (answers(), PrinterState.IDLE, None),
        (answers(printer=OK | 0x08, offline=OK | 0x04), PrinterState.COVER_OPEN, "cover-open"),
        (
            answers(printer=OK | 0x08, offline=OK | 0x20, paper=OK | 0x60),
            PrinterState.OUT_OF_PAPER,
            "paper-end",
        ),
        (answers(paper=OK | 0x60), PrinterState.OUT_OF_PAPER, "paper-end"),
        (answers(offline=OK | 0x20), PrinterState.OUT_OF_PAPER, "paper-end"),
        (
            answers(printer=OK | 0x08, offline=OK | 0x40, error=OK | 0x08),
            PrinterState.JAMMED,
            "cutter-error",
        ),
        (
            answers(printer=OK | 0x08, offline=OK | 0x40, error=OK | 0x20),
            PrinterState.STOPPED,
            "unrecoverable-error",
        ),
        (answers(error=OK | 0x40), PrinterState.PRINTING, "auto-recoverable-error"),
        (answers(printer=OK | 0x08), PrinterState.STOPPED, "offline-without-cause"),
    ],
)
def test_status_bits_map_to_printer_states(given, state, reason):
    found, paper_low, reasons = parse_status(given)
    assert found is state
    assert paper_low is False
    assert reasons == ((reason,) if reason else ())


def test_paper_near_end_still_prints_but_says_so():
    state, paper_low, reasons = parse_status(answers(paper=OK | 0x0C))
    assert (state, paper_low, reasons) == (PrinterState.IDLE, True, ("paper-near-end",))


def test_cover_open_wins_over_paper_end():
    state, _, _ = parse_status(answers(printer=OK | 0x08, offline=OK | 0x24, paper=OK | 0x60))
    assert state is PrinterState.COVER_OPEN


@pytest.mark.parametrize("missing", [1, 2, 3, 4])
def test_a_missing_answer_is_offline_never_paper_ok(missing):
    given = answers()
    del given[missing]
    state, _, reasons = parse_status(given)
    assert state is PrinterState.OFFLINE
    assert reasons == (f"no-answer-to-dle-eot-{missing}",)


def test_no_answer_at_all_is_offline():
    assert parse_status({})[0] is PrinterState.OFFLINE


@pytest.mark.parametrize("noise", [0x00, 0xFF, 0x41, 0x92])
def test_bytes_that_are_not_status_answers_are_unknown(noise):
    state, _, reasons = parse_status(answers(paper=noise))
    assert state is PrinterState.UNKNOWN
    assert reasons == ("malformed-status",)
