"""Writes kiosk/ui/sounds/warning.wav: two soft tones (generated, no licence question)."""

import math
import struct
import wave
from pathlib import Path

RATE = 22050
OUT = Path(__file__).resolve().parents[1] / "kiosk" / "ui" / "sounds" / "warning.wav"


def tone(freq: float, seconds: float) -> list[int]:
    count = int(RATE * seconds)
    samples = []
    for i in range(count):
        envelope = min(1.0, i / 400) * min(1.0, (count - i) / 2000)
        samples.append(int(9000 * envelope * math.sin(2 * math.pi * freq * i / RATE)))
    return samples


def main() -> None:
    samples = tone(880, 0.25) + [0] * int(RATE * 0.08) + tone(660, 0.35)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))


if __name__ == "__main__":
    main()
