"""A speech service on fakes: the engine writes silent files, the player records."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kiosk.config.schema import SpeechSettings
from kiosk.speech.service import SpeechService
from tests.unit.speech.fakes import FakeBackend, FakePlayer


@pytest.fixture
def make_service(tmp_path: Path) -> Iterator[Callable[..., SpeechService]]:
    made: list[SpeechService] = []

    def make(
        backend: FakeBackend | None = None,
        player: FakePlayer | None = None,
        **settings: Any,
    ) -> SpeechService:
        engine = backend or FakeBackend()
        service = SpeechService(
            replace(SpeechSettings(), **settings),
            player or FakePlayer(),
            tmp_path / "speech",
            backend_factory=lambda: engine,
        )
        service.backend = engine  # type: ignore[attr-defined]
        made.append(service)
        return service

    yield make
    for service in made:
        service.backend.release.set()  # type: ignore[attr-defined]
        service.shutdown()
