"""A private cupsd, for the print tests and the printing benchmark: its own config, spool
and logs, on a local socket (moved here from tests/integration/printing/conftest.py so both
can start one).

The system's CUPS (/etc/cups/cupsd.conf, its daemon) is never touched. The one file
written outside the temporary folder is cups-pdf's instance config
(/etc/cups/cups-pdf-<instance>.conf: cups-pdf reads its config from a compile-time
place), removed at the end. cupsd runs as root (CI does) so that cups-pdf and the
test backend, both mode 0700, run as root; filters run as the `lp` user, so the
temporary folder is traversable (0755).

The test policy shows every job attribute (JobPrivateValues none) so tests can check
that none names the document.

Queues: `pdf` (cups-pdf, writes each job's PDF to `out`) and, on demand, a fresh queue
on the kioskfail backend (tests/integration/printing/kioskfail_backend.sh) whose mode
file says how to fail; a fresh queue each time because CUPS keeps printer-state-reasons
such as media-empty set after the job that raised them.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cups

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "tests" / "integration" / "printing"
"""Where kioskfail_backend.sh lives, beside the print tests."""
SYSTEM_BIN = Path("/usr/lib/cups")
CUPS_PDF_PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
START_TIMEOUT_S = 10
PR_SET_PDEATHSIG = 1


def _die_with_the_tests() -> None:
    """Runs in the cupsd child: if the test process dies (a crash, a kill -9), so does cupsd."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _remove_leftovers() -> None:
    """What a test process that crashed before its teardown left (named by its pid)."""
    for config in Path("/etc/cups").glob("cups-pdf-kiosktest*.conf"):
        pid = config.stem.removeprefix("cups-pdf-kiosktest")
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            config.unlink(missing_ok=True)
    for folder in Path(tempfile.gettempdir()).glob("kiosk-cups-*-*"):
        pid = folder.name.split("-")[2]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(folder, ignore_errors=True)


@dataclass
class PrivateCups:
    base: Path
    socket: Path
    out: Path
    pdf_queue: str
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def server(self) -> str:
        return str(self.socket)

    def run(self, *args: str) -> None:
        """Runs a CUPS command (lpadmin, cupsdisable...) against this cupsd."""
        result = subprocess.run(
            [args[0], "-h", self.server, *args[1:]], capture_output=True, text=True, timeout=10
        )
        assert result.returncode == 0, f"{args[0]} failed: {result.stderr}"

    def connection(self) -> cups.Connection:
        return cups.Connection(host=self.server)

    def fail_queue(self, mode: str) -> FailQueue:
        number = next(self._counter)
        queue = FailQueue(f"fail{number}", self.base / f"mode-{number}")
        queue.set_mode(mode)
        self.run(
            "lpadmin", "-p", queue.name, "-v", f"kioskfail:{queue.mode_file}", "-E", "-m", "raw"
        )
        return queue

    def outputs(self) -> list[Path]:
        return sorted(self.out.glob("*.pdf"), key=lambda path: path.stat().st_mtime)


@dataclass
class FailQueue:
    name: str
    mode_file: Path

    def set_mode(self, mode: str) -> None:
        self.mode_file.write_text(mode, encoding="utf-8")
        self.mode_file.chmod(0o644)


def _private_server_bin(base: Path) -> Path:
    """ServerBin: the system's filters and backends, plus the kioskfail backend."""
    server_bin = base / "bin"
    server_bin.mkdir()
    for entry in SYSTEM_BIN.iterdir():
        if entry.name != "backend":
            (server_bin / entry.name).symlink_to(entry)
    backends = server_bin / "backend"
    backends.mkdir()
    for backend in (SYSTEM_BIN / "backend").iterdir():
        (backends / backend.name).symlink_to(backend.resolve())
    ours = backends / "kioskfail"
    shutil.copyfile(HERE / "kioskfail_backend.sh", ours)
    ours.chmod(0o700)  # 0700: cupsd runs it as root, so it can read its mode file
    return server_bin


def _write_config(base: Path, server_bin: Path, socket: Path) -> Path:
    root = base / "etc"
    (root / "ppd").mkdir(parents=True)
    for name in ("spool", "spool/tmp", "cache", "state", "log"):
        (base / name).mkdir()
    (base / "spool").chmod(0o710)
    kiosk_settings = (ROOT / "deploy" / "cups" / "cupsd-kiosk.conf").read_text()
    (root / "cupsd.conf").write_text(
        f"Listen {socket}\n"
        "Browsing No\nWebInterface No\nDefaultAuthType None\n"
        f"{kiosk_settings}\n"
        "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Policy default>\n  JobPrivateAccess all\n  JobPrivateValues none\n"
        "  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
        encoding="utf-8",
    )
    (root / "cups-files.conf").write_text(
        f"ServerRoot {root}\nServerBin {server_bin}\nDataDir /usr/share/cups\n"
        f"RequestRoot {base / 'spool'}\nTempDir {base / 'spool/tmp'}\n"
        f"CacheDir {base / 'cache'}\nStateDir {base / 'state'}\n"
        f"AccessLog {base / 'log/access_log'}\nErrorLog {base / 'log/error_log'}\n"
        f"PageLog {base / 'log/page_log'}\nSystemGroup root\n",
        encoding="utf-8",
    )
    return root


def _wait_ready(process: subprocess.Popen[bytes], socket: Path, base: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if process.poll() is not None:
            log = (base / "log" / "error_log").read_text(errors="replace")[-2000:]
            raise AssertionError(f"cupsd exited with {process.returncode}: {log}")
        if socket.exists():
            try:
                cups.Connection(host=str(socket)).getPrinters()
                return
            except (RuntimeError, cups.IPPError):
                pass
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError("cupsd did not answer within 10 s")
        time.sleep(0.01)


@contextlib.contextmanager
def private_cupsd() -> Iterator[PrivateCups]:
    """Starts a private cupsd with the `pdf` queue; stops it and removes everything after."""
    cupsd, lpadmin = shutil.which("cupsd") or "/usr/sbin/cupsd", shutil.which("lpadmin")
    assert Path(cupsd).exists() and lpadmin, "CUPS is missing: run `make setup` (Debian cups)"
    assert Path(SYSTEM_BIN / "backend" / "cups-pdf").exists(), (
        "cups-pdf is missing: run `make setup` (Debian printer-driver-cups-pdf)"
    )
    assert os.geteuid() == 0, "the print tests start cupsd and need root, as CI has"
    _remove_leftovers()
    base = Path(tempfile.mkdtemp(prefix=f"kiosk-cups-{os.getpid()}-"))
    base.chmod(0o755)
    socket = base / "cups.sock"
    out = base / "out"
    out.mkdir()
    instance = f"kiosktest{os.getpid()}"
    cups_pdf_conf = Path(f"/etc/cups/cups-pdf-{instance}.conf")
    (base / "cups-pdf-spool").mkdir()
    cups_pdf_conf.write_text(
        f"Out {out}\nSpool {base / 'cups-pdf-spool'}\nLog {base / 'log'}\nGrp root\n",
        encoding="utf-8",
    )
    root = _write_config(base, _private_server_bin(base), socket)
    process = subprocess.Popen(
        [cupsd, "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=_die_with_the_tests,  # noqa: PLW1509 (one libc call, takes no lock)
    )
    try:
        _wait_ready(process, socket, base)
        server = PrivateCups(base, socket, out, "pdf")
        # cups-pdf turns PostScript into PDF; CUPS' default PDF-to-PostScript step
        # (Ghostscript) left glyphs with no text behind them, pdftocairo keeps the text.
        server.run(
            "lpadmin",
            "-p",
            "pdf",
            "-v",
            f"cups-pdf:/{instance}",
            "-E",
            "-m",
            CUPS_PDF_PPD,
            "-o",
            "pdftops-renderer-default=pdftocairo",
        )
        yield server
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        cups_pdf_conf.unlink(missing_ok=True)
        shutil.rmtree(base, ignore_errors=True)
