"""A valid file loads into the typed Config; the demo defaults obey the rules of a file."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import Config, ConfigError, Tile, demo, load, parse
from kiosk.config.pins import hash_pin, verify_pin
from kiosk.config.render import to_toml

ADVISER_HASH = hash_pin("4826", salt=bytes(range(16)))

FULL = f"""\
# The town hall of Sèvres, every setting changed from its default.
[kiosk]
town_hall_name = "Mairie de Sèvres"
logo = "images/logo.svg"
languages = ["fr", "ar", "en"]
default_language = "ar"

[session]
idle_timeout_s = 90
warning_countdown_s = 20
warning_sound = false
wiped_message_s = 2      # an integer where a number is expected
wipe_timeout_s = 7.5
wipe_retries = 0
folder_root = "/run/kiosk/sessions"
attract_cycle_s = 4

[display]
fullscreen = false
text_size = "larger"
contrast = "high"

[[home.tiles]]
id = "etat-civil"
label = "État civil"
icon = "demarche"
target = "flow:etat-civil"

[[home.tiles]]
id = "impots"
label = "Impôts"
target = "flow:impots"

[[home.tiles]]
id = "imprimer"
label = "Imprimer"
icon = "imprimer"
target = "flow:imprimer"

[[home.tiles]]
id = "aide"
label = "Un conseiller"
icon = "aide"
target = "help"

[control]
enabled = false
socket_path = "/run/kiosk/control.sock"

[admin]
adviser_pin_hash = "{ADVISER_HASH}"

[logging]
level = "debug"
"""


def config_with(**sections: dict[str, Any]) -> Config:
    config = Config()
    changed = {
        name: dataclasses.replace(getattr(config, name), **v) for name, v in sections.items()
    }
    return dataclasses.replace(config, **changed)


@pytest.fixture
def full_file(tmp_path: Path) -> Path:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    path = tmp_path / "kiosk.toml"
    path.write_text(FULL, encoding="utf-8")
    return path


def test_a_full_file_loads_with_its_values(full_file: Path) -> None:
    config = load(full_file)

    assert config.kiosk.town_hall_name == "Mairie de Sèvres"
    assert config.kiosk.languages == ("fr", "ar", "en")
    assert config.kiosk.default_language == "ar"
    assert config.session.idle_timeout_s == 90
    assert config.session.warning_sound is False
    assert config.session.wipe_timeout_s == 7.5
    assert config.session.wipe_retries == 0
    assert config.session.folder_root == "/run/kiosk/sessions"
    assert config.display == type(config.display)(
        fullscreen=False, text_size="larger", contrast="high"
    )
    assert config.control.enabled is False
    assert config.control.resolved_socket_path() == "/run/kiosk/control.sock"
    assert config.admin.adviser_pin_hash == ADVISER_HASH
    assert config.admin.it_pin_hash == ""
    assert config.logging.level == "debug"
    assert verify_pin("4826", config.admin.adviser_pin_hash)


def test_an_integer_becomes_a_float_where_the_schema_says_number(full_file: Path) -> None:
    config = load(full_file)

    assert type(config.session.wiped_message_s) is float
    assert config.session.wiped_message_s == 2.0
    assert type(config.session.attract_cycle_s) is float


def test_tiles_become_a_tuple_of_tile_with_defaults_for_missing_keys(full_file: Path) -> None:
    tiles = load(full_file).home.tiles

    assert isinstance(tiles, tuple)
    assert tiles == (
        Tile("etat-civil", "État civil", "demarche", "flow:etat-civil"),
        Tile("impots", "Impôts", "info", "flow:impots"),
        Tile("imprimer", "Imprimer", "imprimer", "flow:imprimer"),
        Tile("aide", "Un conseiller", "aide", "help"),
    )


def test_a_relative_logo_comes_back_absolute_from_the_config_folder(
    full_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir("/")  # the kiosk's working folder is not the config's folder

    logo = load(full_file).kiosk.logo

    assert logo == str(tmp_path / "images" / "logo.svg")
    assert Path(logo).is_file()


def test_a_config_read_through_a_relative_path_still_finds_its_logo(
    full_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    logo = load(Path("kiosk.toml")).kiosk.logo

    assert logo == str(tmp_path / "images" / "logo.svg")


def test_an_empty_file_is_the_demo(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("# nothing changed\n", encoding="utf-8")

    assert load(path) == demo() == Config()


def test_a_file_saved_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes('[kiosk]\ntown_hall_name = "Mairie d\'Évry"\n'.encode("utf-8-sig"))

    assert load(path).kiosk.town_hall_name == "Mairie d'Évry"


def test_windows_line_endings_load_and_are_located(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b"[session]\r\nwarning_sound = true\r\nidle_timeout_s = 1\r\n")

    with pytest.raises(ConfigError) as caught:
        load(path)

    assert [(p.path, p.line) for p in caught.value.problems] == [("session.idle_timeout_s", 3)]


def test_the_demo_defaults_are_valid_as_a_file() -> None:
    """Renders every default as TOML and reads it back by the rules a file obeys."""
    text = to_toml(Config())

    assert parse(text, "defaults.toml") == Config()


def test_every_setting_is_in_the_rendered_defaults() -> None:
    text = to_toml(Config())

    for section in dataclasses.fields(Config):
        for field in dataclasses.fields(typing.get_type_hints(Config)[section.name]):
            table = f"\n[[{section.name}.{field.name}]]\n"
            assert f"\n{field.name} = " in text or table in text, f"{section.name}.{field.name}"
    for field in dataclasses.fields(Tile):
        assert text.count(f"\n{field.name} = ") >= len(Config().home.tiles), field.name


def test_the_round_trip_catches_a_default_that_breaks_a_constraint() -> None:
    """What the test above relies on: a bad default does not survive the round trip."""
    broken = config_with(session={"idle_timeout_s": 5}, home={"tiles": Config().home.tiles[:3]})

    with pytest.raises(ConfigError) as caught:
        parse(to_toml(broken))

    assert {p.path for p in caught.value.problems} == {"session.idle_timeout_s", "home.tiles"}


def test_awkward_strings_survive_the_round_trip() -> None:
    label = 'Dire "bonjour" \\ à\tla mairie\n\x7f — مرحبا'
    tiles = tuple(dataclasses.replace(t, label=label) for t in Config().home.tiles)
    config = config_with(kiosk={"town_hall_name": label}, home={"tiles": tiles})

    assert parse(to_toml(config)) == config
