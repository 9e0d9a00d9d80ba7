"""What Écouter reads on a web page, and in which voice.

The page's text comes from a script run in an isolated world (the page's own scripts cannot
change what it sees): the selection if the resident selected something, else the page's
main content (`main`, `article`, or the whole body). It answers in JSON: PySide6 6.12
hands JavaScript arrays and objects back as empty strings. It is trimmed to a length a resident
will listen to, at the end of a sentence. The voice is the page's own language when the
kiosk speaks it (a site in English is read in English), French otherwise.
"""

from __future__ import annotations

import json
import re

from kiosk.i18n.languages import shipped_codes

MAX_CHARS = 3000
"""About three minutes of speech: beyond that, a resident selects the part to hear."""

PAGE_TEXT_SCRIPT = """
(() => {
  const selected = String(window.getSelection ? window.getSelection() : "").trim();
  let text = selected;
  if (!text) {
    const main = document.querySelector("main, [role=main]") || document.querySelector("article")
      || document.body;
    text = main ? main.innerText : "";
  }
  return JSON.stringify({ text: String(text || ""),
                         lang: String(document.documentElement.lang || "") });
})()
"""

_SPACES = re.compile(r"[ \t\u00a0]+")
_LINES = re.compile(r"\s*\n\s*")
_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n")

LANGUAGE_ALIASES = {"prs": "fa", "per": "fa", "pus": "ps", "ara": "ar", "fre": "fr", "fra": "fr"}


def tidy(text: str, limit: int = MAX_CHARS) -> str:
    """Whitespace folded, then cut at the last sentence end before `limit` characters."""
    text = _LINES.sub("\n", _SPACES.sub(" ", text)).strip()
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    if ends and ends[-1] > limit // 2:
        return head[: ends[-1]].strip()
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).strip()


def voice_for(page_language: str, session_language: str) -> str:
    """The kiosk language to read a page in: the page's own if shipped, else French.

    A French page read to someone using easy-to-read French keeps that slower voice.
    """
    primary = page_language.strip().replace("_", "-").split("-")[0].lower()
    primary = LANGUAGE_ALIASES.get(primary, primary)
    if primary == "fr" or primary not in shipped_codes():
        return "fr-falc" if session_language == "fr-falc" else "fr"
    return primary


def parse_answer(answer: object) -> tuple[str, str]:
    """(text, page language) from the script's JSON answer; empty when it is not one."""
    if not isinstance(answer, str):
        return "", ""
    try:
        data = json.loads(answer)
    except ValueError:
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    return str(data.get("text") or ""), str(data.get("lang") or "")
