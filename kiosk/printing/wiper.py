"""The print wiper: a session's A4 jobs leave no trace in CUPS, and its page count restarts.

CUPS keeps jobs and their files unless told not to (deploy/cups sets PreserveJobFiles and
PreserveJobHistory to No); the wiper does not rely on that alone. It cancels AND purges
every job the session sent (printed or not), then asks CUPS for its job list and checks
that none of them is still there. It runs on the print worker, never on the GUI thread,
and reports counts only: no title, no file name.
"""

from __future__ import annotations

from kiosk.printing.service import PrintService
from kiosk.session.wipe import Done, Wiper


class PrintWiper(Wiper):
    name = "printing"

    def __init__(self, service: PrintService) -> None:
        self._service = service

    def start(self, done: Done) -> None:
        self._service.wipe(done, self.name)
