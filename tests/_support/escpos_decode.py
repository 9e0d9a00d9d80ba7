"""Reads ESC/POS bytes back into what a thermal printer would print (tests only).

Independent of the kiosk's code and of python-escpos: code pages come from the Epson
table below and are decoded with Python's codecs. It understands the commands the kiosk
sends (text with code pages, alignment, emphasis and sizes, native QR codes, GS v 0
raster images, feed, cut, real-time status queries) and steps over others by length.

`split_commands()` cuts a stream into whole commands and keeps an unfinished tail, so the
test printer (escpos_listener.py) answers a status query only where a command starts,
never inside an image's data that happens to contain 10 04.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

ESC, GS, DLE = 0x1B, 0x1D, 0x10

EPSON_CODE_PAGES = {
    0: "cp437",
    2: "cp850",
    3: "cp860",
    4: "cp863",
    5: "cp865",
    13: "cp857",
    16: "cp1252",
    17: "cp866",
    18: "cp852",
    19: "cp858",
    45: "cp1250",
    46: "cp1251",
    48: "cp1254",
}

ALIGN = {0: "<", 1: "^", 2: ">", 48: "<", 49: "^", 50: ">"}


def command_length(data: bytes, i: int) -> int | None:  # noqa: PLR0911, PLR0912 - a table
    """How many bytes the command at `i` takes, or None if the data stops inside it."""
    n = len(data) - i

    def need(count: int) -> int | None:
        return count if n >= count else None

    first = data[i]
    if first == DLE:
        if n < 2:
            return None
        return need(5 if data[i + 1] == 0x14 else 3)
    if first == ESC:
        if n < 2:
            return None
        op = data[i + 1]
        if op in b"@2<":
            return 2
        if op == ord("c"):
            return need(4)
        if op == ord("p"):
            return need(5)
        if op == ord("*"):
            if n < 5:
                return None
            dots = data[i + 3] | data[i + 4] << 8
            return need(5 + dots * (3 if data[i + 2] in (32, 33) else 1))
        return need(3)
    if first == GS:
        if n < 2:
            return None
        op = data[i + 1]
        if op == ord("v"):
            if n < 8:
                return None
            width, height = data[i + 4] | data[i + 5] << 8, data[i + 6] | data[i + 7] << 8
            return need(8 + width * height)
        if op == ord("("):
            if n < 5:
                return None
            return need(5 + (data[i + 3] | data[i + 4] << 8))
        if op == ord("V"):
            if n < 3:
                return None
            return need(4 if data[i + 2] in (65, 66, 97, 98, 103, 104) else 3)
        if op in b"LWP":
            return need(4)
        return need(3)
    if first < 0x20:
        return 1
    end = i
    while end < len(data) and data[end] >= 0x20:
        end += 1
    return end - i


def split_commands(data: bytes) -> tuple[list[bytes], bytes]:
    """Whole commands (a run of text counts as one) and the unfinished rest."""
    commands, i = [], 0
    while i < len(data):
        length = command_length(data, i)
        if length is None:
            break
        commands.append(data[i : i + length])
        i += length
    return commands, data[i:]


@dataclass(frozen=True)
class Line:
    text: str
    align: str = "<"
    bold: bool = False
    width: int = 1
    height: int = 1

    def render(self) -> str:
        return f"{self.align} {'B' if self.bold else '.'} {self.width}x{self.height} | {self.text}"


@dataclass(frozen=True)
class Qr:
    data: str
    align: str
    module: int
    level: str


@dataclass
class Raster:
    """A black-and-white image; consecutive bands of one width are joined into one."""

    width_bytes: int
    rows: list[bytes] = field(default_factory=list)

    @property
    def width(self) -> int:
        return self.width_bytes * 8

    @property
    def height(self) -> int:
        return len(self.rows)

    def black(self, x: int, y: int) -> bool:
        return bool(self.rows[y][x // 8] & (0x80 >> (x % 8)))

    def ink(self) -> int:
        return sum(bin(byte).count("1") for row in self.rows for byte in row)

    def row_span(self, y: int) -> tuple[int, int] | None:
        """First and last black dot of row `y`, or None for a blank row."""
        xs = [x for x in range(self.width) if self.black(x, y)]
        return (xs[0], xs[-1]) if xs else None

    def to_qimage(self) -> object:
        from PySide6.QtGui import QImage

        image = QImage(self.width, self.height, QImage.Format.Format_Grayscale8)
        image.fill(255)
        for y in range(self.height):
            for x in range(self.width):
                if self.black(x, y):
                    image.setPixel(x, y, 0xFF000000)
        return image


@dataclass(frozen=True)
class Feed:
    lines: int


@dataclass(frozen=True)
class Cut:
    pass


@dataclass(frozen=True)
class StatusQuery:
    n: int


Event = Line | Qr | Raster | Feed | Cut | StatusQuery


@dataclass
class Decoded:
    events: list[Event]

    @property
    def lines(self) -> list[Line]:
        return [e for e in self.events if isinstance(e, Line)]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def qr_codes(self) -> list[str]:
        return [e.data for e in self.events if isinstance(e, Qr)]

    @property
    def rasters(self) -> list[Raster]:
        return [e for e in self.events if isinstance(e, Raster)]

    def transcript(self) -> str:
        """One line per printed line or element, as in the golden files."""
        out = []
        for e in self.events:
            if isinstance(e, Line):
                out.append(e.render().rstrip())
            elif isinstance(e, Qr):
                out.append(f"[qr {e.align} module={e.module} level={e.level}] {e.data}")
            elif isinstance(e, Raster):
                out.append(f"[image {e.width}x{e.height}]")
            elif isinstance(e, Feed):
                out.append(f"[feed {e.lines}]")
            elif isinstance(e, Cut):
                out.append("[cut]")
            else:
                out.append(f"[status query {e.n}]")
        return "\n".join(out) + "\n"


class _State:
    def __init__(self, code_pages: dict[int, str]) -> None:
        self.code_pages = code_pages
        self.reset()

    def reset(self) -> None:
        self.codec = self.code_pages[0]
        self.align, self.bold, self.width, self.height = "<", False, 1, 1
        self.esc_bang = 0
        self.qr_module, self.qr_level, self.qr_data = 3, "L", b""


def _events(data: bytes, code_pages: dict[int, str]) -> Iterator[Event]:  # noqa: PLR0912, PLR0915 - one branch per command
    commands, rest = split_commands(data)
    if rest:
        raise ValueError(f"stream ends inside a command: {rest[:8]!r}")
    s = _State(code_pages)
    pending: list[str] = []
    style: tuple[bool, int, int] | None = None

    def flush() -> Line:
        nonlocal style
        bold, width, height = style or (s.bold, s.width, s.height)
        line = Line("".join(pending), s.align, bold, width, height)
        pending.clear()
        style = None
        return line

    for cmd in commands:
        first = cmd[0]
        if first == 0x0A:
            yield flush()
        elif first >= 0x20:
            if style is None:
                style = (s.bold, s.width, s.height)
            pending.append(cmd.decode(s.codec))
        elif first == DLE and cmd[1] == 0x04:
            yield StatusQuery(cmd[2])
        elif first == ESC:
            op, arg = chr(cmd[1]), cmd[2] if len(cmd) > 2 else 0
            if op == "@":
                s.reset()
            elif op == "t":
                if arg not in code_pages:
                    raise ValueError(f"code page {arg} not in the Epson table")
                s.codec = code_pages[arg]
            elif op == "a":
                s.align = ALIGN[arg]
            elif op == "E":
                s.bold = bool(arg & 1)
            elif op == "!":
                s.bold = bool(arg & 0x08)
                s.height = 2 if arg & 0x10 else 1
                s.width = 2 if arg & 0x20 else 1
            elif op == "d":
                if pending:
                    yield flush()
                yield Feed(arg)
        elif first == GS:
            op = chr(cmd[1])
            if op == "!":
                s.width, s.height = (cmd[2] >> 4) + 1, (cmd[2] & 0x0F) + 1
            elif op == "V":
                yield Cut()
            elif op == "v":
                width_bytes, height = cmd[4] | cmd[5] << 8, cmd[6] | cmd[7] << 8
                rows = [cmd[8 + y * width_bytes : 8 + (y + 1) * width_bytes] for y in range(height)]
                yield Raster(width_bytes, rows)
            elif op == "(" and cmd[2] == ord("k") and cmd[5] == ord("1"):
                fn, body = chr(cmd[6]), cmd[7:]
                if fn == "C":
                    s.qr_module = body[0]
                elif fn == "E":
                    s.qr_level = "LMQH"[body[0] - 48]
                elif fn == "P":
                    s.qr_data = body[1:]
                elif fn == "Q":
                    yield Qr(s.qr_data.decode("utf-8"), s.align, s.qr_module, s.qr_level)
    if pending:
        yield flush()


def decode(data: bytes, code_pages: dict[int, str] | None = None) -> Decoded:
    events: list[Event] = []
    for event in _events(data, code_pages or EPSON_CODE_PAGES):
        last = events[-1] if events else None
        if (
            isinstance(event, Raster)
            and isinstance(last, Raster)
            and last.width_bytes == event.width_bytes
        ):
            last.rows.extend(event.rows)
            continue
        events.append(event)
    return Decoded(events)
