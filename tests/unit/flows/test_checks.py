"""Every check of docs/flows.md fires on its fixture, at the marked line, on the right field.

Each file of tests/_reference/flows/broken/ is valid except for one thing, and the line where
the editor must look carries `# <- expected`: the test reads the marker, so a fixture and its
expectation cannot drift apart.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kiosk.flows.checks import site_allowed
from kiosk.flows.library import Library, load_library
from kiosk.flows.loader import parse, read
from kiosk.flows.problems import FlowProblem
from tests.unit.flows.helpers import BROKEN, VALID, assert_plain, marked_lines

WEB_NOT_ON_SITES = [
    ("steps[0].url", "is not on the flow's `sites` (https://www.impots.gouv.fr/particulier)")
]

# file -> the problems expected in it: (field path, words of the message).
EXPECTED: dict[str, list[tuple[str, str]]] = {
    "unknown-key-flow.yaml": [("colour", "unknown key for a flow")],
    "unknown-key-step.yaml": [("steps[1].options", "unknown key for an end step")],
    "unknown-key-option.yaml": [("steps[0].options[1].colour", "unknown key for an option")],
    "key-twice.yaml": [("steps[0].text", "is given twice (first on line 10)")],
    "format-missing.yaml": [("format", "is required: the format version, 1 today")],
    "format-unknown.yaml": [("format", "format 7 is not known to this kiosk (known: 1)")],
    "duplicate-step-id.yaml": [("steps[2].id", "step id 'fin' is used twice (first on line 11)")],
    "duplicate-flow-id.yaml": [],  # the original: it loads
    "duplicate-flow-id-copy.yaml": [
        ("id", "flow id 'duplicate-flow-id' is already used by"),
        ("id", "must be named duplicate-flow-id.yaml"),
    ],
    "next-nowhere.yaml": [("steps[0].next", "points to 'la-fin', but no step has that id")],
    "unreachable-step.yaml": [("steps[1].id", "step 'oubliee' cannot be reached from 'intro'")],
    "no-way-out.yaml": [
        ("steps[1]", "an info step needs `next`: without it the resident has no way out")
    ],
    "loop-in-flow.yaml": [
        ("steps[2].options[1].next", "go round in a loop: papiers → question → papiers")
    ],
    "loop-across-flows-a.yaml": [
        ("steps[0].next", "loop: loop-across-flows-a → loop-across-flows-b → loop-across-flows-a"),
    ],
    "loop-across-flows-b.yaml": [
        (
            "steps[0].options[1].next",
            "loop: loop-across-flows-b → loop-across-flows-a → loop-across-flows-b",
        ),
    ],
    "text-without-french.yaml": [("steps[0].title", "has no French text (`fr`)")],
    "unknown-language.yaml": [("title.de", "unknown language 'de'")],
    "unknown-step-type.yaml": [("steps[1].type", "unknown step type 'video'")],
    "unknown-action.yaml": [("steps[0].next", "unknown action 'action:fly' (known: action:home")],
    "choice-one-option.yaml": [("steps[0].options", "a choice has 2 to 6 buttons, not 1")],
    "choice-seven-options.yaml": [("steps[0].options", "a choice has 2 to 6 buttons, not 7")],
    "web-url-not-on-sites.yaml": WEB_NOT_ON_SITES,
    "web-url-host-prefix.yaml": WEB_NOT_ON_SITES,
    "web-url-path-prefix.yaml": WEB_NOT_ON_SITES,
    "web-url-http.yaml": [("steps[0].url", "must be an https:// address")],
    "print-checklist-without-checklist.yaml": [
        ("steps[1].document", "prints a checklist, but the flow has no checklist step"),
    ],
    "missing-flow.yaml": [
        (
            "steps[0].options[0].next",
            "leads to flow 'passeport-introuvable', which is not in the library",
        ),
    ],
    "file-name-mismatch.yaml": [
        ("id", "the file of flow 'un-autre-nom' must be named un-autre-nom.yaml")
    ],
    "yaml-syntax-error.yaml": [("", "not valid YAML: mapping values are not allowed")],
    "yaml-unclosed-quote.yaml": [
        ("", "not valid YAML: a quote opened on this line is never closed")
    ],
    "not-utf8.yaml": [("", "not UTF-8 text")],
}

# Problems only the whole folder can see: alone, these files load (the copy of a flow id
# alone only has the wrong name).
VALID_ALONE = {
    "duplicate-flow-id.yaml",
    "loop-across-flows-a.yaml",
    "loop-across-flows-b.yaml",
    "missing-flow.yaml",
}
ACROSS_FILES = {*VALID_ALONE, "duplicate-flow-id-copy.yaml"}


@pytest.fixture(scope="module")
def broken() -> Library:
    return load_library(BROKEN)


def problems_of(library: Library, name: str) -> list[FlowProblem]:
    return [p for p in library.problems if Path(p.file).name == name]


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture() -> None:
    assert sorted(p.name for p in BROKEN.iterdir() if p.suffix == ".yaml") == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_check_fires_at_the_marked_line_on_the_field(broken: Library, name: str) -> None:
    path = BROKEN / name
    expected = EXPECTED[name]
    problems = problems_of(broken, name)
    shown = "\n".join(map(str, problems))
    assert len(problems) == len(expected), f"{name}: expected {expected}, got:\n{shown}"
    assert {p.line for p in problems} == set(marked_lines(path)), shown
    for field, words in expected:
        assert any(p.path == field and words in p.message for p in problems), (
            f"{name}: no problem on {field!r} saying {words!r}; got:\n{shown}"
        )
    for problem in problems:
        assert problem.file == str(path)
        assert_plain(problem.message)
        where = f"{path}:{problem.line}: " + (f"{problem.path}: " if problem.path else "")
        assert str(problem) == where + problem.message


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - ACROSS_FILES))
def test_one_broken_file_read_alone_has_the_same_problems(broken: Library, name: str) -> None:
    flow, problems = read(BROKEN / name)
    assert flow is None
    assert problems == sorted(problems_of(broken, name), key=lambda p: (p.line or 0, p.path))


@pytest.mark.parametrize("name", sorted(VALID_ALONE))
def test_files_broken_only_together_are_valid_alone(name: str) -> None:
    flow, problems = read(BROKEN / name)
    assert problems == []
    assert flow is not None


def test_a_copy_with_the_id_of_another_flow_read_alone_only_has_the_wrong_name() -> None:
    flow, [problem] = read(BROKEN / "duplicate-flow-id-copy.yaml")
    assert flow is None
    assert (problem.line, problem.path) == (3, "id")
    assert "must be named duplicate-flow-id.yaml" in problem.message


def test_a_flow_with_problems_is_left_out_and_only_the_good_one_stays(broken: Library) -> None:
    assert sorted(broken.flows) == ["duplicate-flow-id"]
    assert broken.files == len(EXPECTED)
    assert not broken.summary()["ok"]


def test_a_flow_leading_to_a_flow_with_problems_is_left_out_too(tmp_path: Path) -> None:
    for name in ("loop-in-flow.yaml", "duplicate-flow-id.yaml"):
        (tmp_path / name).write_bytes((BROKEN / name).read_bytes())
    (tmp_path / "menu.yaml").write_text(
        "format: 1\nid: menu\ntitle: Menu\ntheme: papers\nsteps:\n"
        "  - id: q\n    type: choice\n    title: Quoi ?\n    options:\n"
        "      - {label: Une boucle, next: flow:loop-in-flow}\n"
        "      - {label: Autre, next: flow:duplicate-flow-id}\n",
        encoding="utf-8",
    )
    library = load_library(tmp_path)
    assert sorted(library.flows) == ["duplicate-flow-id"]
    [link] = [p for p in library.problems if p.file.endswith("menu.yaml")]
    assert (link.line, link.path) == (10, "steps[0].options[0].next")
    assert "'loop-in-flow', which is left out because of its problems" in link.message
    assert "loop-in-flow.yaml" in link.message


def test_every_missing_link_of_a_flow_is_reported(tmp_path: Path) -> None:
    (tmp_path / "menu.yaml").write_text(
        "format: 1\nid: menu\ntitle: Menu\ntheme: papers\nsteps:\n"
        "  - id: q\n    type: choice\n    title: Quoi ?\n    options:\n"
        "      - {label: Un, next: flow:un}\n"
        "      - {label: Deux, next: flow:deux}\n",
        encoding="utf-8",
    )
    library = load_library(tmp_path)
    assert [(p.line, p.path) for p in library.problems] == [
        (10, "steps[0].options[0].next"),
        (11, "steps[0].options[1].next"),
    ]


def test_a_flow_leading_to_itself_is_a_loop(tmp_path: Path) -> None:
    (tmp_path / "seul.yaml").write_text(
        "format: 1\nid: seul\ntitle: Seul\ntheme: papers\nsteps:\n"
        "  - id: a\n    type: info\n    title: A\n    next: flow:seul\n",
        encoding="utf-8",
    )
    library = load_library(tmp_path)
    assert library.flows == {}
    [problem] = library.problems
    assert (problem.line, problem.path) == (9, "steps[0].next")
    assert "seul → seul" in problem.message


# The valid folder


def test_the_valid_folder_loads_whole() -> None:
    library = load_library(VALID)
    assert library.problems == []
    assert sorted(library.flows) == ["caf-ressources", "carte-identite", "orientation"]
    assert library.summary() == {"ok": True, "files": 3, "flows": 3, "steps": 13, "problems": []}
    types = {s.type for f in library.flows.values() for s in f.steps}
    assert types == {"info", "choice", "checklist", "web", "print", "directory", "help", "end"}


def test_the_valid_folder_reads_as_written() -> None:
    library = load_library(VALID)
    menu = library.flows["orientation"]
    assert menu.start == "bienvenue"
    assert menu.title.get("fr-falc") == "Je ne sais pas quoi faire"
    assert menu.title.get("ar") == "Je ne sais pas par où commencer"  # no Arabic: the French
    question = menu.step("sujet")
    assert [o.next for o in question.options] == [
        "flow:carte-identite",
        "flow:caf-ressources",
        "action:home",
    ]
    assert question.options[1].label.get("fr-falc") == "Dire à la CAF combien je gagne"
    caf = library.flows["caf-ressources"]
    assert caf.start == "intro"  # no `start`: the first step
    [place] = caf.step("aide").places
    assert place.hours.get("en") == "Monday to Friday, 9 am to noon"
    assert place.phone == "01 23 45 67 89"
    card = library.flows["carte-identite"]
    assert card.step("papiers").items[1].get("fr-falc") == "Une facture avec votre adresse"
    assert card.step("imprimer").document == "checklist"
    assert card.step("imprimer").line == 32


# Smaller cases an editor meets


def flow_text(step_lines: str, head: str = "") -> str:
    return f"format: 1\nid: x\ntitle: Un exemple\ntheme: papers\n{head}steps:\n{step_lines}"


END = "  - id: fin\n    type: end\n    title: Fin\n"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("format: 1\nid: !perso x\n", 2, "put it in quotes"),
        ("format: 1\nid: x\ndate: 2024-13-45\n", 3, "put it in quotes"),
        ("format: 1\n? [a, b]\n: c\n", 2, "a key must be a word"),
        ("format: 1\nid: x\x07\n", 2, "control characters"),
        ("format: 1\nsteps: &a [*a]\n", 2, "refers to itself"),
        ("format: 1\nid: x\n\ttitle: t\n", 3, "indent with spaces, not tabs"),
    ],
)
def test_odd_yaml_is_a_problem_with_a_line_not_a_crash(text: str, line: int, words: str) -> None:
    flow, problems = parse(text, "x.yaml")
    assert flow is None
    [problem] = problems
    assert problem.line == line
    assert words in problem.message
    assert_plain(problem.message)


def test_yes_no_and_numbers_read_by_yaml_are_explained() -> None:
    text = flow_text(
        "  - id: q\n    type: choice\n    title: Oui ?\n    options:\n"
        "      - label: {fr: Oui, en: Yes}\n        next: fin\n"
        "      - label: {fr: Non, en: No}\n        next: fin\n" + END
    )
    _, problems = parse(text, "x.yaml")
    assert [(p.line, p.path) for p in problems] == [
        (10, "steps[0].options[0].label.en"),
        (12, "steps[0].options[1].label.en"),
    ]
    assert all(
        "read as a yes/no value, not as a text: put it in quotes" in p.message for p in problems
    )
    _, [problem] = parse(flow_text(END.replace("title: Fin", "title: 3939")), "x.yaml")
    assert problem.message == "is read as a number, not as a text: put it in quotes"


def test_a_utf8_file_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + flow_text(END).encode())
    flow, problems = read(path)
    assert problems == []
    assert flow is not None


def test_a_missing_top_level_key_points_at_the_start_of_the_document() -> None:
    _, [problem] = parse("# Un commentaire\nformat: 1\nid: x\ntitle: T\nsteps:\n" + END, "x.yaml")
    assert (problem.line, problem.path, problem.message) == (2, "theme", "is required")


def test_a_duplicate_step_after_an_unreadable_one_is_reported_on_its_own_line() -> None:
    text = flow_text(
        "  - id: a\n    type: video\n    title: A\n"
        "  - id: b\n    type: info\n    title: B\n    next: fin\n"
        "  - id: b\n    type: info\n    title: B2\n    next: fin\n" + END
    )
    _, problems = parse(text, "x.yaml")
    assert [(p.line, p.path) for p in problems] == [(7, "steps[0].type"), (13, "steps[2].id")]


def test_a_site_needs_a_host() -> None:
    _, [problem] = parse(flow_text(END, head="sites: ['https://']\n"), "x.yaml")
    assert (problem.line, problem.path) == (5, "sites[0]")


def test_a_loop_is_reported_at_the_next_that_closes_it() -> None:
    text = flow_text(
        "  - id: a\n    type: info\n    title: A\n    next: b\n"
        "  - id: b\n    type: info\n    title: B\n    next: a\n"
    )
    _, problems = parse(text, "x.yaml")
    assert [(p.line, p.path) for p in problems] == [(13, "steps[1].next")]
    assert problems[0].message == "the steps go round in a loop: a → b → a"


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://www.impots.gouv.fr/particulier", True),
        ("https://www.impots.gouv.fr/particulier/", True),
        ("https://www.impots.gouv.fr/particulier/declarer?annee=2025#haut", True),
        ("https://WWW.IMPOTS.GOUV.FR/particulier/x", True),
        ("https://www.impots.gouv.fr/particuliers", False),
        ("https://www.impots.gouv.fr/professionnel", False),
        ("https://www.impots.gouv.fr/", False),
        ("https://www.impots.gouv.fr/particulier/../professionnel", False),
        ("https://www.impots.gouv.fr.example.net/particulier", False),
        ("https://impots.gouv.fr/particulier", False),
        ("https://www.impots.gouv.fr:8443/particulier", False),
        ("https://www.impots.gouv.fr:abc/particulier", False),
        ("http://www.impots.gouv.fr/particulier", False),
        ("https://evil.example@www.ameli.fr/particulier", False),
        ("https://www.caf.fr/", True),
        ("https://www.caf.fr", True),
        ("https://www.caf.fr/allocataires/x", True),
        ("https://www.caf.fr.evil.example/", False),
        ("https:///particulier", False),
    ],
)
def test_site_allowed(url: str, allowed: bool) -> None:
    sites = ("https://www.impots.gouv.fr/particulier", "https://www.caf.fr/")
    assert site_allowed(url, sites) is allowed


def test_a_flow_copied_with_replace_has_its_own_steps() -> None:
    library = load_library(VALID)
    caf = library.flows["caf-ressources"]
    short = dataclasses.replace(caf, steps=caf.steps[:1])
    assert set(short.step_index) == {"intro"}
    assert len(caf.step_index) == 6
