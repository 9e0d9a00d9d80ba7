"""A problem in a flow file: file, line, field path and what is wrong, in plain words."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class FlowProblem:
    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.path}:" if self.path else ""
        return f"{where}:{field} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "path": self.path, "message": self.message}
