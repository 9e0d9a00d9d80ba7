"""What the resident is told about printing, in plain words (CEFR A2), in their language.

One table per thing that can happen, so that every PrinterState and JobState has its
sentence (a test enumerates them), and the preview, the progress panel, the flow's print
step and the web screen's "Imprimer" all say the same thing the same way. No jargon: the
resident hears "l'imprimante n'a plus de papier", never a queue, a job or CUPS.

Sentences are whole (no sentence built from pieces, which translators cannot reorder);
two whole sentences may follow each other. French is the source; `tr`/`ntr` translate.
"""

from __future__ import annotations

from kiosk.i18n import N_, ntr, tr
from kiosk.printing import model
from kiosk.printing.model import JobState, JobStatus, PrinterState, PrinterStatus
from kiosk.printing.quota import QuotaDecision

PRINTER_SENTENCES: dict[PrinterState, str] = {
    PrinterState.IDLE: N_("L'imprimante est prête."),
    PrinterState.PRINTING: N_("L'imprimante est en train d'imprimer."),
    PrinterState.STOPPED: N_("L'imprimante est arrêtée."),
    PrinterState.OFFLINE: N_("L'imprimante ne répond pas."),
    PrinterState.OUT_OF_PAPER: N_("L'imprimante n'a plus de papier."),
    PrinterState.JAMMED: N_("Une feuille est coincée dans l'imprimante."),
    PrinterState.COVER_OPEN: N_("L'imprimante est ouverte."),
    PrinterState.UNKNOWN: N_("L'imprimante ne marche pas pour le moment."),
}
"""The printer's state as one sentence (what the progress panel says when a job fails)."""

UNAVAILABLE: dict[PrinterState, str] = {
    PrinterState.STOPPED: N_("Impression impossible : l'imprimante est arrêtée"),
    PrinterState.OFFLINE: N_("Impression impossible : l'imprimante ne répond pas"),
    PrinterState.OUT_OF_PAPER: N_("Impression impossible : l'imprimante n'a plus de papier"),
    PrinterState.JAMMED: N_("Impression impossible : une feuille est coincée"),
    PrinterState.COVER_OPEN: N_("Impression impossible : l'imprimante est ouverte"),
    PrinterState.UNKNOWN: N_("Impression impossible pour le moment"),
}
"""What a print button says instead of "Imprimer" when the printer cannot print."""

JOB_TITLES: dict[JobState, str] = {
    JobState.QUEUED: N_("Votre document s'imprime"),
    JobState.PRINTING: N_("Votre document s'imprime"),
    JobState.DONE: N_("C'est imprimé"),
    JobState.FAILED: N_("L'impression n'a pas marché"),
    JobState.STUCK: N_("L'impression est bloquée"),
    JobState.CANCELLED: N_("L'impression est annulée"),
}

ASK_RECEPTION = N_("Demandez de l'aide à l'accueil.")
QUEUED_TEXT = N_("L'imprimante prépare votre document. Attendez un peu.")
PRINTING_TEXT = N_("Attendez un peu, s'il vous plaît.")
DONE_A4 = N_("Prenez votre document dans le bac.")
DONE_TICKET = N_("Prenez votre ticket.")
FAILED_TEXT = N_("Le document n'est pas sorti.")
STUCK_TEXT = N_("L'imprimante n'avance plus.")
CANCELLED_TEXT = N_("Votre document ne sera pas imprimé.")

QUOTA_LIMITS = ("session", "day")
"""The limits a quota refusal names: pages per visit, pages per day on this kiosk."""
ADVISER_CAN_HELP = N_("Un conseiller peut vous aider.")
TOO_LONG = N_("Ce document est trop long.")

UNREADABLE = N_("Ce document ne s'ouvre pas. Il ne peut pas être imprimé.")

JOB_REASONS: dict[str, str] = {
    "quota-session": N_("Ce document dépasse les pages permises pour une visite."),
    "quota-day": N_("Ce document dépasse les pages permises aujourd'hui sur cette borne."),
    "unreadable": UNREADABLE,
    "not-configured": N_("Cette borne ne peut pas imprimer."),
}
"""A failed job's reasons that are not the printer's (the print service's words for them)."""


def printer_sentence(state: PrinterState) -> str:
    """The printer's state in one plain sentence, in the session's language."""
    return tr(PRINTER_SENTENCES[state])


def can_print(status: PrinterStatus | None) -> bool:
    """True unless the printer is known to be unable to print.

    No status yet (none given, or the watcher has not answered) is not a refusal: the job
    itself will say what went wrong, in words, if anything does.
    """
    return status is None or status.can_print or model.NOT_ASKED_YET in status.reasons


def availability_text(status: PrinterStatus | None) -> str:
    """Why a print button cannot print, in its words; empty when printing is possible.

    The flow's print step and the web screen's "Imprimer" use it so that every print
    button says "Impression impossible : ..." before anyone tries.
    """
    if can_print(status):
        return ""
    assert status is not None
    return tr(UNAVAILABLE.get(status.state, UNAVAILABLE[PrinterState.UNKNOWN]))


def _printer_reason(reason: str) -> PrinterState | None:
    """The printer problem a job's `reason` names, if it names one."""
    try:
        state = PrinterState(reason)
    except ValueError:
        return None
    return None if state in (PrinterState.IDLE, PrinterState.PRINTING) else state


def job_title(status: JobStatus) -> str:
    return tr(JOB_TITLES[status.state])


def job_text(status: JobStatus, kind: str = "a4") -> str:
    """What the resident is told about a job, after its title (kind is "a4" or "ticket")."""
    state = status.state
    if state is JobState.QUEUED:
        return tr(QUEUED_TEXT)
    if state is JobState.PRINTING:
        if status.pages > 0:
            done = min(max(status.pages_done, 0), status.pages)
            return ntr(
                "{done} page imprimée sur {pages}.",
                "{done} pages imprimées sur {pages}.",
                done,
            ).format(done=done, pages=status.pages)
        return tr(PRINTING_TEXT)
    if state is JobState.DONE:
        where = DONE_TICKET if kind == "ticket" else DONE_A4
        return tr(where)
    if state is JobState.CANCELLED:
        return tr(CANCELLED_TEXT)
    problem = _printer_reason(status.reason)
    if problem is not None:
        first = printer_sentence(problem)
    elif status.reason in JOB_REASONS:
        first = tr(JOB_REASONS[status.reason])
    else:
        first = tr(STUCK_TEXT if state is JobState.STUCK else FAILED_TEXT)
    return f"{first} {tr(ASK_RECEPTION)}"


def job_needs_help(status: JobStatus) -> bool:
    """A failed or stuck job: the resident needs someone (the panel offers an adviser)."""
    return status.state in (JobState.FAILED, JobState.STUCK)


def quota_text(limit: str, allowed: int) -> str:
    """Why a document is refused: `limit` is "session" or "day", `allowed` the pages left.

    Always ends by offering help: the resident may still need the paper, and an adviser
    can print it another way.
    """
    if limit not in QUOTA_LIMITS:
        raise ValueError(f"unknown quota limit {limit!r}")
    left = max(allowed, 0)
    if limit == "session" and left == 0:
        first = tr(N_("Vous avez déjà imprimé toutes les pages permises pour une visite."))
    elif limit == "session":
        first = ntr(
            "Vous pouvez encore imprimer {count} page pendant cette visite.",
            "Vous pouvez encore imprimer {count} pages pendant cette visite.",
            left,
        ).format(count=left)
    elif left == 0:
        first = tr(N_("La borne a imprimé toutes les pages permises pour aujourd'hui."))
    else:
        first = ntr(
            "La borne peut encore imprimer {count} page aujourd'hui.",
            "La borne peut encore imprimer {count} pages aujourd'hui.",
            left,
        ).format(count=left)
    if left > 0:
        first = f"{tr(TOO_LONG)} {first}"
    return f"{first} {tr(ADVISER_CAN_HELP)}"


def refusal_text(decision: QuotaDecision | None) -> str:
    """The quota's answer in words: "" when the pages are allowed."""
    if decision is None or decision.allowed or decision.limit is None:
        return ""
    return quota_text(decision.limit.value, decision.remaining or 0)


def print_pages_label(pages: int) -> str:
    """The preview's print button: "Imprimer 3 pages"."""
    return ntr("Imprimer {count} page", "Imprimer {count} pages", pages).format(count=pages)


def page_count_text(pages: int) -> str:
    return ntr("Ce document a {count} page.", "Ce document a {count} pages.", pages).format(
        count=pages
    )
