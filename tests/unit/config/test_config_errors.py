"""Every kind of mistake in kiosk.toml is reported with its key path and its line.

Each case marks the line the problem must point at with `# <-`, so the expected line is
read from the text itself and the cases stay readable.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ConfigError, Problem, load
from kiosk.config.pins import hash_pin

MARK = "# <-"


def tile(tile_id: str, *extra: str, label: str | None = None) -> str:
    """One `[[home.tiles]]` table; `extra` lines are added at its end."""
    label_line = f'label = "{tile_id.upper()}"' if label is None else label
    lines = ["[[home.tiles]]", f'id = "{tile_id}"', label_line, 'target = "help"', *extra]
    return "\n".join(lines) + "\n"


FOUR_TILES = "".join(tile(name) for name in ("a", "b", "c", "d"))
VALID_HASH = hash_pin("2468", salt=bytes(16))


def marked_line(text: str) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if MARK in line]
    assert len(lines) == 1, "a case marks exactly one line"
    return lines[0]


def problems_of(text: str, folder: Path) -> list[Problem]:
    path = folder / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert caught.value.source == str(path)
    return caught.value.problems


# (case id, TOML text with the problem's line marked, key path, words the message must hold)
CASES = [
    (
        "a network ticket printer with no address",
        '[printing]\nticket_printer = "network"  # <-\nticket_port = 9100\n',
        "printing.ticket_printer",
        ['"network" needs `ticket_host`'],
    ),
    (
        "a USB ticket printer with no ids",
        '[printing]\nticket_usb_vendor = 0x04b8\nticket_printer = "usb"  # <-\n',
        "printing.ticket_printer",
        ["ticket_usb_product", "lsusb"],
    ),
    (
        "a serial ticket printer with no device",
        '[printing]\nticket_printer = "serial"  # <-\n',
        "printing.ticket_printer",
        ["ticket_serial_device"],
    ),
    (
        "unknown section",
        "[display]\nfullscreen = true\n\n[sesion]  # <-\nidle_timeout_s = 60\n",
        "sesion",
        ["unknown section [sesion]", "did you mean 'session'?", "known sections: admin,"],
    ),
    (
        "unknown key in a section",
        "[session]\nidle_timeout_s = 60\nidle_timout_s = 5  # <-\n",
        "session.idle_timout_s",
        ["unknown key", "did you mean 'idle_timeout_s'?", "warning_sound"],
    ),
    (
        "unknown key at top level",
        'town_hall_name = "Mairie"  # <-\n[session]\nidle_timeout_s = 60\n',
        "town_hall_name",
        ["unknown key", "settings go in a section"],
    ),
    (
        "unknown key in the third tile",
        tile("a") + tile("b") + tile("c", 'colour = "red"  # <-') + tile("d"),
        "home.tiles[2].colour",
        ["unknown key", "known keys here: icon, id, label, target"],
    ),
    (
        "string for an integer",
        '[session]\nidle_timeout_s = "two"  # <-\n',
        "session.idle_timeout_s",
        ['must be an integer, not a string ("two")'],
    ),
    (
        "integer for a boolean",
        "[session]\nwarning_sound = 1  # <-\n",
        "session.warning_sound",
        ["must be a boolean, not an integer (1)"],
    ),
    (
        "boolean for an integer",
        "[session]\nidle_timeout_s = 60\nwipe_retries = true  # <-\n",
        "session.wipe_retries",
        ["must be an integer, not a boolean (true)"],
    ),
    (
        "decimal for an integer",
        "[session]\nidle_timeout_s = 60.5  # <-\n",
        "session.idle_timeout_s",
        ["must be an integer, not a decimal number (60.5)"],
    ),
    (
        "string for a number",
        '[session]\nwipe_timeout_s = "5s"  # <-\n',
        "session.wipe_timeout_s",
        ['must be a number, not a string ("5s")'],
    ),
    (
        "string for an array",
        '[kiosk]\nlanguages = "fr"  # <-\n',
        "kiosk.languages",
        ['must be an array of strings, not a string ("fr")'],
    ),
    (
        "value for a section",
        "session = 5  # <-\n",
        "session",
        ["must be a table, not an integer (5)"],
    ),
    (
        "below the minimum",
        "[session]\nwarning_sound = false\nidle_timeout_s = 5  # <-\n",
        "session.idle_timeout_s",
        ["must be at least 10, not 5"],
    ),
    (
        "above the maximum",
        "[session]\nwarning_countdown_s = 301  # <-\n",
        "session.warning_countdown_s",
        ["must be at most 300, not 301"],
    ),
    (
        "decimal below the minimum",
        "[session]\nwipe_timeout_s = 0.05  # <-\n",
        "session.wipe_timeout_s",
        ["must be at least 0.1, not 0.05"],
    ),
    (
        "not a number",
        "[session]\nwiped_message_s = nan  # <-\n",
        "session.wiped_message_s",
        ["must be a finite number, not nan"],
    ),
    (
        "not one of the choices",
        '[display]\ntext_size = "huge"  # <-\n',
        "display.text_size",
        ['must be one of "normal", "large", "larger"; not "huge"'],
    ),
    (
        "tile target of the wrong form",
        FOUR_TILES.replace('target = "help"', 'target = "flow:Démarches"  # <-', 1),
        "home.tiles[0].target",
        ["must be `flow:ID`", '"flow:Démarches"'],
    ),
    (
        "PIN hash that is a PIN",
        '[admin]\nadviser_pin_hash = "1234"  # <-\n',
        "admin.adviser_pin_hash",
        ["a hash printed by `kiosk hash-pin`", '"1234"'],
    ),
    (
        "PIN hash cut short when pasted",
        f'[admin]\nit_pin_hash = "{VALID_HASH[:-1]}"  # <-\n',
        "admin.it_pin_hash",
        ["a hash printed by `kiosk hash-pin`"],
    ),
    (
        "relative control socket",
        '[control]\nsocket_path = "kiosk.sock"  # <-\n',
        "control.socket_path",
        ["an absolute path"],
    ),
    (
        "too few tiles",
        "[home]\n"
        + tile("a").replace("[[home.tiles]]", "[[home.tiles]]  # <-")
        + tile("b")
        + tile("c"),
        "home.tiles",
        ["must have at least 4 items, not 3"],
    ),
    (
        "too many tiles",
        tile("t0").replace("[[home.tiles]]", "[[home.tiles]]  # <-")
        + "".join(tile(f"t{n}") for n in range(1, 9)),
        "home.tiles",
        ["must have at most 8 items, not 9"],
    ),
    (
        "duplicate tile id",
        tile("a") + tile("b") + tile("c") + tile("b").replace('id = "b"', 'id = "b"  # <-'),
        "home.tiles[3].id",
        ['"b" is already the id of home.tiles[1]'],
    ),
    (
        "tile without a label",
        tile("a")
        + tile("b", label="").replace("[[home.tiles]]", "[[home.tiles]]  # <-")
        + tile("c")
        + tile("d"),
        "home.tiles[1].label",
        ["is required"],
    ),
    (
        "unshipped language",
        '[kiosk]\nlanguages = ["fr", "de"]  # <-\n',
        "kiosk.languages[1]",
        ['language "de" is not shipped', "shipped: fr, fr-falc, en, ar"],
    ),
    (
        "language listed twice",
        '[kiosk]\nlanguages = ["fr", "en", "fr"]  # <-\n',
        "kiosk.languages[2]",
        ['"fr" is listed twice'],
    ),
    (
        "default language not offered",
        '[kiosk]\nlanguages = ["fr", "en"]\ndefault_language = "ar"  # <-\n',
        "kiosk.default_language",
        ['must be one of kiosk.languages (fr, en); not "ar"'],
    ),
    (
        "default language left at a default that is not offered",
        '[kiosk]  # <-\nlanguages = ["en", "ar"]\n',
        "kiosk.default_language",
        ['is not set and its default "fr" is not in kiosk.languages (en, ar)'],
    ),
    (
        "dotted key at top level",
        "session.warning_sound = false\nsession.idle_timeout_s = 5  # <-\n",
        "session.idle_timeout_s",
        ["must be at least 10, not 5"],
    ),
    (
        "dotted key in an unknown section",
        "display.fullscreen = false\nsesion.idle_timeout_s = 60  # <-\n",
        "sesion",
        ["unknown section [sesion]"],
    ),
    (
        "inline table",
        'display = { fullscreen = false, text_size = "huge" }  # <-\n'
        '[kiosk]\ntown_hall_name = "Mairie"\n',
        "display.text_size",
        ['not "huge"'],
    ),
    (
        "array of inline tables over several lines",
        '[home]\ntiles = [\n  { id = "a", label = "A" },\n  { id = "b", label = "B" },\n'
        '  { id = "c", label = "C", colour = "red" },  # <-\n  { id = "d", label = "D" },\n]\n',
        "home.tiles[2].colour",
        ["unknown key"],
    ),
]


@pytest.mark.parametrize(
    ("text", "path", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_problem_names_its_key_path_and_line(
    text: str, path: str, words: list[str], tmp_path: Path
) -> None:
    problems = problems_of(text, tmp_path)

    assert [(p.path, p.line) for p in problems] == [(path, marked_line(text))], problems
    for word in words:
        assert word in problems[0].message
    assert str(problems[0]).startswith(f"line {marked_line(text)}: {path}: ")


def test_a_missing_logo_is_looked_for_next_to_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "logo.svg").write_text("<svg/>")
    monkeypatch.chdir(tmp_path / "elsewhere")  # the logo exists here, but not beside the file
    text = '[kiosk]\nlogo = "logo.svg"  # <-\n'

    problems = problems_of(text, tmp_path)

    assert [(p.path, p.line) for p in problems] == [("kiosk.logo", 2)]
    assert problems[0].message == f"file not found: {tmp_path / 'logo.svg'}"


def test_a_logo_must_be_png_or_svg(tmp_path: Path) -> None:
    (tmp_path / "logo.jpg").write_bytes(b"\xff\xd8\xff")

    problems = problems_of('[kiosk]\nlogo = "logo.jpg"\n', tmp_path)

    assert [(p.path, p.line) for p in problems] == [("kiosk.logo", 2)]
    assert "must be a PNG or SVG file" in problems[0].message


def test_a_toml_syntax_error_gives_the_parser_line(tmp_path: Path) -> None:
    text = "[session]\nidle_timeout_s = 60\nwarning_sound = yes\n"

    problems = problems_of(text, tmp_path)

    assert len(problems) == 1
    assert problems[0].line == 3
    assert problems[0].message.startswith("not valid TOML: invalid value")
    assert "(column" in problems[0].message
    assert str(problems[0]).startswith("line 3: not valid TOML")


def test_a_toml_error_at_the_end_of_the_file_points_at_its_last_line(tmp_path: Path) -> None:
    problems = problems_of("[kiosk]\nlanguages = [\n", tmp_path)

    assert [p.line for p in problems] == [2]
    assert "end of the file" in problems[0].message


def test_a_section_declared_twice_is_a_syntax_error(tmp_path: Path) -> None:
    problems = problems_of(
        "[session]\nidle_timeout_s = 60\n[session]\nwarning_sound = false\n", tmp_path
    )

    assert [p.line for p in problems] == [3]
    assert "not valid TOML" in problems[0].message


def test_a_file_that_is_not_utf8_says_so_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes('[kiosk]\ntown_hall_name = "Mairie de Sèvres"\n'.encode("latin-1"))

    with pytest.raises(ConfigError) as caught:
        load(path)

    assert [(p.path, p.line) for p in caught.value.problems] == [("", 2)]
    assert "not UTF-8" in caught.value.problems[0].message
    assert "0xe8" in caught.value.problems[0].message


def test_a_missing_file_is_one_problem(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path / "absent.toml")

    assert caught.value.problems == [Problem("", "file not found")]
    assert caught.value.source == str(tmp_path / "absent.toml")


def test_a_folder_instead_of_a_file_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path)

    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].message.startswith("cannot be read")


def test_every_problem_of_a_file_is_reported_in_file_order(tmp_path: Path) -> None:
    text = (
        "[kiosk]\n"
        'languages = ["fr", "xx"]\n'  # 2: unshipped (a check across settings)
        "[session]\n"
        'idle_timeout_s = "two"\n'  # 4: type
        "wipe_retries = 11\n"  # 5: maximum
        "idle = 3\n"  # 6: unknown key
        "[display]\n"
        'contrast = "sepia"\n'  # 8: choices
        "[colours]\n"  # 9: unknown section
        "main = 1\n"
        + tile("a")  # 11
        + tile("a")  # 15: duplicate id
    )

    problems = problems_of(text, tmp_path)

    assert [(p.line, p.path) for p in problems] == [
        (2, "kiosk.languages[1]"),
        (4, "session.idle_timeout_s"),
        (5, "session.wipe_retries"),
        (6, "session.idle"),
        (8, "display.contrast"),
        (9, "colours"),
        (11, "home.tiles"),  # two tiles, not four
        (16, "home.tiles[1].id"),
    ]


def test_a_value_refused_for_its_type_is_not_reported_again_by_the_cross_checks(
    tmp_path: Path,
) -> None:
    problems = problems_of('[kiosk]\nlanguages = ["fr", 3]\ndefault_language = "FR"\n', tmp_path)

    assert [p.path for p in problems] == ["kiosk.languages[1]", "kiosk.default_language"]
    assert "not an integer (3)" in problems[0].message
    assert "a language code" in problems[1].message


def test_the_error_lists_every_problem_with_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[session]\nidle_timeout_s = 1\nwarning_countdown_s = 1\n", encoding="utf-8")

    with pytest.raises(ConfigError) as caught:
        load(path)

    assert str(caught.value).splitlines() == [
        f"{path}: 2 problem(s) in the configuration",
        f"  {path}: line 2: session.idle_timeout_s: must be at least 10, not 1",
        f"  {path}: line 3: session.warning_countdown_s: must be at least 5, not 1",
    ]
