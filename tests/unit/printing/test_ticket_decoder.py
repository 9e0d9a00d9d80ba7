"""The test decoder itself: it must read what a printer reads, or the golden files mean nothing."""

from __future__ import annotations

import pytest

from tests._support.escpos_decode import Cut, Feed, Line, Qr, StatusQuery, decode, split_commands

ESC, GS = b"\x1b", b"\x1d"


def test_text_follows_code_page_changes_alignment_and_emphasis():
    data = (
        ESC
        + b"@"
        + ESC
        + b"t\x13"
        + ESC
        + b"a\x01"
        + ESC
        + b"E\x01"
        + b"Caf\x82 \xd5\n"
        + ESC
        + b"E\x00"
        + ESC
        + b"a\x00"
        + ESC
        + b"t\x11"
        + b"\x8f\xe0\xa8\xa2\xa5\xe2\n"
        + ESC
        + b"!\x10"
        + b"Titre\n"
        + GS
        + b"!\x33"
        + b"042\n"
    )
    lines = decode(data).lines
    assert lines == [
        Line("Café €", "^", True),
        Line("Привет", "<", False),
        Line("Titre", "<", False, 1, 2),
        Line("042", "<", False, 4, 4),
    ]
    assert lines[0].render() == "^ B 1x1 | Café €"


def test_an_unknown_code_page_is_an_error_not_a_guess():
    with pytest.raises(ValueError, match="code page 99"):
        decode(ESC + b"t\x63" + b"x\n")


def test_qr_data_feed_cut_and_status_queries_are_events():
    payload = b"tel:0123456789"
    store = GS + b"(k" + bytes([len(payload) + 3, 0]) + b"1P0" + payload
    data = (
        GS
        + b"(k\x03\x001C\x06"
        + GS
        + b"(k\x03\x001E1"
        + store
        + GS
        + b"(k\x03\x001Q0"
        + ESC
        + b"d\x06"
        + GS
        + b"V\x00"
        + b"\x10\x04\x04"
    )
    events = decode(data).events
    assert events == [Qr("tel:0123456789", "<", 6, "M"), Feed(6), Cut(), StatusQuery(4)]


def test_raster_bands_are_joined_into_one_image_with_their_dots():
    band1 = GS + b"v0\x00\x02\x00\x01\x00" + b"\x80\x01"
    band2 = GS + b"v0\x00\x02\x00\x01\x00" + b"\xff\x00"
    (image,) = decode(band1 + band2).rasters
    assert (image.width, image.height, image.ink()) == (16, 2, 10)
    assert image.black(0, 0) and image.black(15, 0) and not image.black(1, 0)
    assert image.row_span(0) == (0, 15) and image.row_span(1) == (0, 7)
    qimage = image.to_qimage()
    assert qimage.pixelColor(0, 0).lightness() == 0 and qimage.pixelColor(1, 0).lightness() == 255


def test_status_bytes_inside_image_data_are_not_commands():
    raster = GS + b"v0\x00\x03\x00\x01\x00" + b"\x10\x04\x01"
    commands, rest = split_commands(raster + b"\x10\x04\x02")
    assert commands == [raster, b"\x10\x04\x02"] and rest == b""


def test_an_unfinished_command_is_kept_for_later():
    commands, rest = split_commands(b"abc" + GS + b"v0\x00\x10\x00\x10\x00" + b"\x00" * 10)
    assert commands == [b"abc"] and rest.startswith(GS + b"v0")
    with pytest.raises(ValueError, match="inside a command"):
        decode(rest)
