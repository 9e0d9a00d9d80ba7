"""A4 printing through a real cupsd: what comes out, what residents are told, what is left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.printing.cups_backend import CupsBackend
from kiosk.printing.model import JobState, PrintError, PrinterState
from tests.integration.printing.conftest import FailQueue, PrivateCups
from tests.integration.printing.helpers import TITLE, pdf_page_count, pdf_text


def _is_subsequence(seen: list[JobState], order: list[JobState]) -> bool:
    position = 0
    for state in seen:
        while position < len(order) and order[position] != state:
            position += 1
        if position == len(order):
            return False
    return True


def test_a_two_page_document_comes_out_of_cups_pdf_with_its_text(
    qtbot: Any, make_service: Any, private_cups: PrivateCups, sample_pdfs: dict[str, Path]
) -> None:
    service, recorder = make_service(private_cups.pdf_queue)
    before = set(private_cups.outputs())
    token = service.print_pdf(sample_pdfs["two"])
    qtbot.waitUntil(lambda: recorder.reached(token, JobState.DONE, JobState.FAILED), timeout=15000)

    states = recorder.states(token)
    assert states[0] is JobState.QUEUED and states[-1] is JobState.DONE
    assert _is_subsequence(states, [JobState.QUEUED, JobState.PRINTING, JobState.DONE])
    assert recorder.last(token).pages == 2
    qtbot.waitUntil(lambda: len(set(private_cups.outputs()) - before) == 1, timeout=5000)
    (printed,) = set(private_cups.outputs()) - before
    text = pdf_text(printed)
    assert "Attestation confidentielle de Madame Zébulon" in text
    assert "Pièce numéro 0 à apporter au guichet" in text
    assert "Pièce numéro 44 à apporter au guichet" in text
    assert pdf_page_count(printed) == 2
    # Job name "kiosk": the title never reached CUPS, so cups-pdf could not name the file after it.
    assert "Zébulon" not in printed.name and "Attestation" not in printed.name
    assert "kiosk" in printed.name
    # PreserveJobHistory/Files No: once done, CUPS lists nothing and keeps no spool file.
    assert private_cups.connection().getJobs(which_jobs="all") == {}
    assert not list((private_cups.base / "spool").glob("d*"))


def test_job_states_come_in_order_with_printing_seen(
    qtbot: Any, make_service: Any, fail_queue: FailQueue, sample_pdfs: dict[str, Path]
) -> None:
    fail_queue.set_mode("slow")  # the backend takes 1.5 s, so PRINTING is seen for sure
    service, recorder = make_service(fail_queue.name)
    token = service.print_pdf(sample_pdfs["one"])
    qtbot.waitUntil(lambda: recorder.reached(token, JobState.DONE, JobState.FAILED), timeout=15000)
    assert recorder.states(token) == [JobState.QUEUED, JobState.PRINTING, JobState.DONE]


def test_out_of_paper_is_reported_for_the_job_and_the_printer(
    qtbot: Any, make_service: Any, fail_queue: FailQueue, sample_pdfs: dict[str, Path]
) -> None:
    service, recorder = make_service(fail_queue.name)
    qtbot.waitUntil(lambda: service.status("a4").state is PrinterState.IDLE, timeout=5000)
    assert service.status("a4").can_print
    fail_queue.set_mode("paper-out")
    token = service.print_pdf(sample_pdfs["one"])
    qtbot.waitUntil(lambda: recorder.reached(token, JobState.FAILED), timeout=10000)
    assert recorder.last(token).reason == PrinterState.OUT_OF_PAPER.value
    assert service.status("a4").state is PrinterState.OUT_OF_PAPER
    assert not service.status("a4").can_print  # print buttons say so before the next tap
    assert "media-empty" in service.status("a4").reasons
    assert any(s.state is PrinterState.OUT_OF_PAPER for s in recorder.printers)


def test_an_offline_printer_is_reported_as_offline(
    qtbot: Any, make_service: Any, fail_queue: FailQueue, sample_pdfs: dict[str, Path]
) -> None:
    fail_queue.set_mode("offline")
    service, recorder = make_service(fail_queue.name)
    token = service.print_pdf(sample_pdfs["one"])
    qtbot.waitUntil(lambda: recorder.reached(token, JobState.FAILED), timeout=10000)
    assert recorder.last(token).reason == PrinterState.OFFLINE.value
    assert service.status("a4").state is PrinterState.OFFLINE


def test_a_job_without_progress_is_stuck_and_carries_no_title(
    qtbot: Any,
    make_service: Any,
    fail_queue: FailQueue,
    private_cups: PrivateCups,
    sample_pdfs: dict[str, Path],
) -> None:
    fail_queue.set_mode("stuck")
    service, recorder = make_service(fail_queue.name, stuck_after_s=0.8)
    token = service.print_pdf(sample_pdfs["two"])
    qtbot.waitUntil(lambda: recorder.reached(token, JobState.STUCK), timeout=10000)
    assert recorder.states(token) == [JobState.QUEUED, JobState.PRINTING, JobState.STUCK]
    (job_id,) = private_cups.connection().getJobs(which_jobs="all")
    attributes = private_cups.connection().getJobAttributes(job_id)
    assert attributes["job-name"] == "kiosk"
    assert attributes["document-name-supplied"] == "kiosk"
    assert not any(TITLE in str(value) or "two.pdf" in str(value) for value in attributes.values())


def test_the_watcher_sees_the_printer_stopped_and_started(
    qtbot: Any, make_service: Any, fail_queue: FailQueue, private_cups: PrivateCups
) -> None:
    service, recorder = make_service(fail_queue.name, watch_interval_s=0.1)
    qtbot.waitUntil(lambda: service.status("a4").state is PrinterState.IDLE, timeout=5000)
    private_cups.run("cupsdisable", fail_queue.name)
    qtbot.waitUntil(lambda: service.status("a4").state is PrinterState.STOPPED, timeout=5000)
    private_cups.run("cupsenable", fail_queue.name)
    qtbot.waitUntil(lambda: service.status("a4").state is PrinterState.IDLE, timeout=5000)
    states = [status.state for status in recorder.printers]
    assert states == [PrinterState.IDLE, PrinterState.STOPPED, PrinterState.IDLE]


def test_a_missing_queue_is_offline_not_ready(qtbot: Any, make_service: Any) -> None:
    service, _recorder = make_service("no-such-queue")
    qtbot.waitUntil(lambda: service.status("a4").state is PrinterState.OFFLINE, timeout=5000)
    assert service.status("a4").reasons == ("queue-missing",)


def test_a_cups_that_does_not_answer_is_offline(
    tmp_path: Path, sample_pdfs: dict[str, Path]
) -> None:
    backend = CupsBackend("pdf", server=str(tmp_path / "no-cupsd.sock"))
    status = backend.printer_status()
    assert status.state is PrinterState.OFFLINE and not status.can_print
    with pytest.raises(PrintError) as refused:
        backend.submit(sample_pdfs["one"])
    assert refused.value.reason is PrinterState.OFFLINE
