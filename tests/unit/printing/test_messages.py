"""What residents are told about printing: a plain sentence for every state, in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from kiosk.i18n import RLM, set_language
from kiosk.i18n.__main__ import KEYWORDS
from kiosk.i18n.languages import language, shipped_codes
from kiosk.printing import messages
from kiosk.printing.model import JobState, JobStatus, PrinterState, PrinterStatus
from kiosk.printing.quota import QuotaDecision, QuotaLimit

JARGON = re.compile(r"cups|file d'attente|spool|queue|job|ipp|pilote|driver", re.IGNORECASE)
MAX_WORDS_PER_SENTENCE = 14
"""Short sentences (CEFR A2): none longer than this."""


def _printer(state: PrinterState) -> PrinterStatus:
    return PrinterStatus("a4", "a4", state)


def _every_job_status() -> list[JobStatus]:
    reasons = ["", "unknown-thing", "no-progress", *messages.JOB_REASONS]
    reasons += [s.value for s in PrinterState]
    statuses = [JobStatus(1, state, reason=reason) for state in JobState for reason in reasons]
    statuses += [JobStatus(1, JobState.PRINTING, pages=3, pages_done=n) for n in range(4)]
    return statuses


def _every_text() -> list[str]:
    texts = [messages.printer_sentence(state) for state in PrinterState]
    texts += [messages.availability_text(_printer(state)) for state in PrinterState]
    for status in _every_job_status():
        texts += [messages.job_title(status), messages.job_text(status, "a4")]
        texts.append(messages.job_text(status, "ticket"))
    for limit in messages.QUOTA_LIMITS:
        texts += [messages.quota_text(limit, allowed) for allowed in (0, 1, 5)]
    texts += [messages.print_pages_label(3), messages.page_count_text(3)]
    return [text for text in texts if text]


def test_every_printer_state_has_a_sentence():
    sentences = {state: messages.printer_sentence(state) for state in PrinterState}
    assert all(sentences.values())
    assert len(set(sentences.values())) == len(PrinterState)  # each state says something else
    assert sentences[PrinterState.OUT_OF_PAPER] == "L'imprimante n'a plus de papier."


@pytest.mark.parametrize("state", list(PrinterState), ids=lambda s: s.value)
def test_a_print_button_says_why_it_cannot_print(state):
    status = _printer(state)
    text = messages.availability_text(status)
    if status.can_print:
        assert text == ""
        assert messages.can_print(status)
    else:
        assert text.startswith("Impression impossible")
        assert not messages.can_print(status)


def test_out_of_paper_is_said_as_on_the_button_and_no_status_is_not_a_refusal():
    paper = _printer(PrinterState.OUT_OF_PAPER)
    assert messages.availability_text(paper) == (
        "Impression impossible : l'imprimante n'a plus de papier"
    )
    assert messages.availability_text(None) == ""  # the watcher has not answered yet
    assert messages.can_print(None)


@pytest.mark.parametrize("state", list(JobState), ids=lambda s: s.value)
def test_every_job_state_has_a_title_and_a_sentence(state):
    status = JobStatus(7, state)
    assert messages.job_title(status)
    assert messages.job_text(status)


def test_a_job_is_followed_page_by_page_then_says_where_to_take_the_paper():
    assert messages.job_title(JobStatus(1, JobState.QUEUED)) == "Votre document s'imprime"
    one = JobStatus(1, JobState.PRINTING, pages=3, pages_done=1)
    two = JobStatus(1, JobState.PRINTING, pages=3, pages_done=2)
    assert messages.job_text(one) == "1 page imprimée sur 3."
    assert messages.job_text(two) == "2 pages imprimées sur 3."
    unknown = JobStatus(1, JobState.PRINTING)  # pages not known: no number is made up
    assert not re.search(r"\d", messages.job_text(unknown))
    done = JobStatus(1, JobState.DONE, pages=3, pages_done=3)
    said = f"{messages.job_title(done)}. {messages.job_text(done)}"
    assert said == "C'est imprimé. Prenez votre document dans le bac."
    assert messages.job_text(done, "ticket") == "Prenez votre ticket."


def test_a_failed_job_names_the_printer_problem_and_who_helps():
    paper = JobStatus(1, JobState.FAILED, reason=PrinterState.OUT_OF_PAPER.value)
    assert messages.job_text(paper) == (
        "L'imprimante n'a plus de papier. Demandez de l'aide à l'accueil."
    )
    assert messages.job_needs_help(paper)
    for state in (PrinterState.OFFLINE, PrinterState.JAMMED, PrinterState.COVER_OPEN):
        failed = JobStatus(1, JobState.FAILED, reason=state.value)
        assert messages.job_text(failed).startswith(messages.printer_sentence(state))
    other = JobStatus(1, JobState.FAILED, reason="something-else")
    assert messages.job_text(other) == (
        "Le document n'est pas sorti. Demandez de l'aide à l'accueil."
    )
    quota = JobStatus(1, JobState.FAILED, pages=30, reason="quota-day")
    assert messages.job_text(quota) == (
        "Ce document dépasse les pages permises aujourd'hui sur cette borne. "
        "Demandez de l'aide à l'accueil."
    )
    assert "visite" in messages.job_text(JobStatus(1, JobState.FAILED, reason="quota-session"))
    unreadable = JobStatus(1, JobState.FAILED, reason="unreadable")
    assert messages.job_text(unreadable).startswith("Ce document ne s'ouvre pas.")
    stuck = JobStatus(1, JobState.STUCK, reason="no-progress")
    assert messages.job_text(stuck) == "L'imprimante n'avance plus. Demandez de l'aide à l'accueil."
    assert messages.job_needs_help(stuck)
    assert not messages.job_needs_help(JobStatus(1, JobState.DONE))


def test_quota_refusals_say_which_limit_and_how_many_pages_are_left():
    assert messages.quota_text("session", 2) == (
        "Ce document est trop long. Vous pouvez encore imprimer 2 pages pendant cette "
        "visite. Un conseiller peut vous aider."
    )
    assert messages.quota_text("session", 1).count("1 page ") == 1
    assert messages.quota_text("session", 0) == (
        "Vous avez déjà imprimé toutes les pages permises pour une visite. "
        "Un conseiller peut vous aider."
    )
    assert "aujourd'hui" in messages.quota_text("day", 4)
    assert "4 pages" in messages.quota_text("day", 4)
    assert messages.quota_text("day", 0).startswith("La borne a imprimé toutes les pages")
    with pytest.raises(ValueError, match="week"):
        messages.quota_text("week", 3)


def test_the_print_button_counts_pages_in_singular_and_plural():
    assert messages.print_pages_label(1) == "Imprimer 1 page"
    assert messages.print_pages_label(3) == "Imprimer 3 pages"
    assert messages.page_count_text(1) == "Ce document a 1 page."


def test_sentences_are_short_and_free_of_jargon():
    for text in _every_text():
        assert not JARGON.search(text), text
        for sentence in re.split(r"(?<=[.:])\s+", text):
            words = len(sentence.split())
            assert words <= MAX_WORDS_PER_SENTENCE, f"{sentence!r}: {words} words"


@pytest.mark.parametrize("code", shipped_codes())
def test_every_sentence_comes_out_in_every_language(code):
    """Untranslated strings fall back to French; right-to-left ones are marked as such."""
    set_language(code)
    texts = _every_text()
    assert texts
    if language(code).right_to_left:
        assert all(text.startswith(RLM) for text in texts)
    assert all("{" not in text for text in texts), "a placeholder was left unfilled"


def _extracted(path: Path) -> set[str]:
    found: set[str] = set()
    for _line, message, _comments, _context in extract_from_file("python", str(path), KEYWORDS):
        found.update([message] if isinstance(message, str) else message)
    return found


def test_every_sentence_is_marked_for_the_translators():
    extracted = _extracted(Path(messages.__file__))
    tables = [
        messages.PRINTER_SENTENCES,
        messages.UNAVAILABLE,
        messages.JOB_TITLES,
        messages.JOB_REASONS,
    ]
    declared = {text for table in tables for text in table.values()}
    declared |= {
        value for name, value in vars(messages).items() if name.isupper() and isinstance(value, str)
    }
    assert declared - extracted == set()
    assert "{done} pages imprimées sur {pages}." in extracted  # plural forms too
    assert "Imprimer {count} pages" in extracted


def test_the_quota_services_answer_is_said_only_when_it_refuses():
    refused = QuotaDecision(False, 12, QuotaLimit.SESSION, 5)
    assert messages.refusal_text(refused) == messages.quota_text("session", 5)
    assert messages.refusal_text(QuotaDecision(False, 9, QuotaLimit.DAY, None)) == (
        messages.quota_text("day", 0)
    )
    assert messages.refusal_text(QuotaDecision(True, 3, None, 10)) == ""
    assert messages.refusal_text(None) == ""
    assert {limit.value for limit in QuotaLimit} == set(messages.QUOTA_LIMITS)


def test_a_printer_not_asked_yet_does_not_stop_anyone_but_an_unknown_answer_does():
    from kiosk.printing.model import NOT_ASKED_YET

    not_yet = PrinterStatus("a4", "a4", PrinterState.UNKNOWN, reasons=(NOT_ASKED_YET,))
    garbled = PrinterStatus("ticket", "ticket", PrinterState.UNKNOWN, reasons=("malformed-status",))
    assert messages.can_print(not_yet) and messages.availability_text(not_yet) == ""
    assert not messages.can_print(garbled)
    assert messages.availability_text(garbled).startswith("Impression impossible")
