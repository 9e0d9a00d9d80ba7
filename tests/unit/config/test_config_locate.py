"""The line finder places key paths in the TOML corners a technician may write."""

from __future__ import annotations

from kiosk.config.locate import key_lines, line_of


def test_tables_keys_and_arrays_of_tables() -> None:
    lines = key_lines(
        "# comment\n"
        "[session]  # the resident's session\n"
        "idle_timeout_s = 60\n"
        "[[home.tiles]]\n"
        'id = "a"\n'
        "[[home.tiles]]\n"
        'id = "b"\n'
        "  label = 'B'\n"
    )

    assert lines["session"] == 2
    assert lines["session.idle_timeout_s"] == 3
    assert lines["home.tiles"] == 4
    assert lines["home.tiles[0]"] == 4
    assert lines["home.tiles[1]"] == 6
    assert lines["home.tiles[1].id"] == 7
    assert lines["home.tiles[1].label"] == 8


def test_dotted_and_quoted_keys_open_their_parents() -> None:
    lines = key_lines('"session" . idle_timeout_s = 5\n[kiosk]\ndisplay.contrast = "high"\n')

    assert lines["session"] == 1
    assert lines["session.idle_timeout_s"] == 1
    assert lines["kiosk.display"] == 3
    assert lines["kiosk.display.contrast"] == 3


def test_multiline_strings_hide_lines_that_look_like_keys_or_tables() -> None:
    lines = key_lines(
        '[kiosk]\ntown_hall_name = """Mairie\n[session]\nlogo = "x"\n"""\nlanguages = [\'fr\']\n'
    )

    assert "session" not in lines
    assert "kiosk.logo" not in lines
    assert lines["kiosk.languages"] == 6


def test_values_over_several_lines_do_not_open_tables() -> None:
    lines = key_lines(
        "[home]\n"
        "tiles = [\n"
        '  { id = "a", label = "[A]" },\n'
        "  # a comment ]\n"
        '  { id = "b", label = "B" },\n'
        "]\n"
        "[display]\n"
        "contrast = 'high'\n"
    )

    assert lines["home.tiles[0]"] == 3
    assert lines["home.tiles[1]"] == 5
    assert lines["display.contrast"] == 8
    assert not any(path.startswith(("A", '"a"')) for path in lines)


def test_line_of_falls_back_to_the_nearest_enclosing_key() -> None:
    lines = {"home.tiles": 4, "home.tiles[1]": 9, "session": 1}

    assert line_of(lines, "home.tiles[1].colour") == 9
    assert line_of(lines, "home.tiles[3].colour") == 4
    assert line_of(lines, "session.idle") == 1
    assert line_of(lines, "logging.level") is None
    assert line_of(lines, "") is None
