"""A private cupsd for the print tests: its own config, spool and logs, on a local socket.

The system's CUPS (/etc/cups/cupsd.conf, its daemon) is never touched. The one file
written outside the temporary folder is cups-pdf's instance config
(/etc/cups/cups-pdf-<instance>.conf: cups-pdf reads its config from a compile-time
place), removed at the end. cupsd runs as root (CI does) so that cups-pdf and the
test backend, both mode 0700, run as root; filters run as the `lp` user, so the
temporary folder is traversable (0755), not 0700 as pytest's own.

The test policy shows every job attribute (JobPrivateValues none) so tests can check
that none names the document.

Queues: `pdf` (cups-pdf, writes each job's PDF to `out`) and, per test, a fresh queue
on the kioskfail backend (kioskfail_backend.sh) whose mode file says how to fail;
a fresh queue per test because CUPS keeps printer-state-reasons such as media-empty
set after the job that raised them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests._support.cupsd import FailQueue, PrivateCups, private_cupsd
from tests.integration.printing.escpos_listener import (  # noqa: F401 (fixtures)
    _escpos_printer,
    escpos_listener,
    serial_printer,
)


@pytest.fixture(scope="session")
def private_cups() -> Iterator[PrivateCups]:
    with private_cupsd() as server:
        yield server


@pytest.fixture
def fail_queue(private_cups: PrivateCups) -> Iterator[FailQueue]:
    """A fresh kioskfail queue in "ok" mode; tests switch its mode."""
    queue = private_cups.fail_queue("ok")
    yield queue
    private_cups.run("lpadmin", "-x", queue.name)  # cancels what is left on it


@pytest.fixture(scope="session")
def sample_pdfs(qapp: object, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A one-page and a two-page kiosk document as A4 PDFs (rendered once)."""
    from tests.integration.printing.helpers import ONE_PAGE, TWO_PAGES, write_pdf

    folder = tmp_path_factory.mktemp("documents")
    return {
        "one": write_pdf(ONE_PAGE, folder / "one.pdf"),
        "two": write_pdf(TWO_PAGES, folder / "two.pdf"),
    }


@pytest.fixture
def make_service(qtbot: Any, private_cups: PrivateCups) -> Iterator[Callable[..., Any]]:
    """make_service(queue or backend, quota=..., **PrintService options) -> (service, recorder)."""
    from kiosk.printing.cups_backend import CupsBackend
    from kiosk.printing.quota import PrintQuota
    from kiosk.printing.service import PrintService
    from tests.integration.printing.helpers import Recorder

    made: list[Any] = []

    def make(target: Any, quota: Any = None, **options: Any) -> tuple[Any, Recorder]:
        backend = (
            CupsBackend(target, server=private_cups.server) if isinstance(target, str) else target
        )
        options = {"watch_interval_s": 0.2, "job_poll_s": 0.1, **options}
        service = PrintService(backend, quota or PrintQuota(None, None), **options)
        made.append(service)
        recorder = Recorder(service)
        service.start()
        return service, recorder

    yield make
    for service in made:
        service.close()
