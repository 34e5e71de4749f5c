"""The owner's side of the CDO's prefilled drafts: list the drafts of opened rounds and start an algorithm from one.

Qt-free; the CLI (`algoinventaris round drafts | start-draft`) and the wizard call these functions.

- A round bundle may carry `drafts.json` (package/bundle.py); opening the bundle installs it in the round's
  folder with the other members. `round_drafts(installed)` reads it back and checks it against the signed
  round.json of that round (the file's SHA-256 and size, and round.json against the hash recorded when the
  bundle was opened), so a file changed or damaged after opening is refused with a message naming the
  round and the file. A newer bundle of the same round replaces the folder, so its drafts replace the old
  list; algorithms already started from a draft stay as they are.
- `available_drafts(repo, unit=...)` lists (round, draft, algorithm started from it or None) over every
  opened round; with a unit, the drafts of that unit and the ones not yet assigned to any unit.
- `start_from_draft(repo, draft_id, unit=...)` creates the algorithm in ONE database transaction: name and
  organisation of the draft, its unit (an unassigned draft takes the unit the owner gives), the opened
  round's name; every draft answer to a question of the round's register form becomes a *prefilled*
  (unconfirmed) answer; answers the form has no question for, or that do not fit their question, and the
  draft's own not-mapped fields are kept on the algorithm's origin (never dropped). The AI-Act and impact
  questions are not answered at all: the owner answers them, with the register texts shown as a hint.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from algoinventaris import config
from algoinventaris.domain.drafts import (
    DOES_NOT_FIT,
    NOT_IN_FORM,
    NOT_IN_STANDARD,
    Draft,
    DraftFormatError,
    DraftOrigin,
    Hint,
    NotTaken,
    for_unit,
    hint_texts,
    parse_drafts_document,
)
from algoinventaris.domain.rounds import InstalledRound
from algoinventaris.package.errors import PackageError

if TYPE_CHECKING:
    from algoinventaris.domain.algorithm import AlgorithmSummary
    from algoinventaris.formengine.model import Form

DRAFTS_FILE = "drafts.json"
ROUND_FILE = "round.json"
AI_ACT = "ai-act"
REGISTER = "register"
MIN_PREFIX = 4


class DraftError(PackageError):
    """Listing or starting a draft failed; `code` names why ("not-opened", "unknown-draft", "already-started", ...)."""

    def __init__(self, code: str, nl: str, en: str, algorithm_id: str | None = None) -> None:
        super().__init__(nl, en)
        self.code = code
        self.algorithm_id = algorithm_id


class AvailableDraft(NamedTuple):
    """One draft of an opened round, and the algorithm started from it (None: not started yet)."""

    round: InstalledRound
    draft: Draft
    started: str | None


def _key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _round_folder(installed: InstalledRound) -> Path:
    return config.data_dir() / "rounds" / installed.folder


# --- reading the drafts of an opened round ------------------------------------------------------------


def _damaged(installed: InstalledRound, file: Path, nl: str, en: str) -> DraftError:
    return DraftError("drafts-damaged",
                      f"De concepten van de ronde '{installed.name}' in {file} zijn niet te gebruiken: {nl}. Open de "
                      "rondebundel van de CDO opnieuw.",
                      f"The drafts of the round '{installed.name}' in {file} cannot be used: {en}. Open the CDO's round "
                      "bundle again.")


# Drafts already read and checked, by (file, round.json hash, modification time, size): the list page asks after every
# change whether there are drafts left to start, and a round can bring hundreds.
_READ: dict[tuple[Any, ...], tuple[Draft, ...]] = {}


def round_drafts(installed: InstalledRound) -> list[Draft]:
    """The drafts an opened round brought ([] when its bundle had none); DraftError("drafts-damaged") names the file."""
    folder = _round_folder(installed)
    round_file = folder / ROUND_FILE
    try:
        raw = round_file.read_bytes()
    except FileNotFoundError:
        return []  # a round opened before bundles carried their round.json into the folder: no drafts
    except OSError as err:
        raise _damaged(installed, round_file, f"onleesbaar ({err.strerror or err})", f"unreadable ({err.strerror or err})") from err
    if hashlib.sha256(raw).hexdigest() != installed.bundle_sha256:
        raise _damaged(installed, round_file, "het bestand is gewijzigd nadat de bundel werd geopend",
                       "the file was changed after the bundle was opened")
    try:
        document = json.loads(raw)
    except ValueError as err:
        raise _damaged(installed, round_file, f"geen geldige JSON ({err})", f"not valid JSON ({err})") from err
    if not isinstance(document, dict) or not document.get("drafts"):
        return []
    file = folder / DRAFTS_FILE
    try:
        stat = file.stat()
        key: tuple[Any, ...] | None = (str(file), installed.bundle_sha256, stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None
    if key is not None and key in _READ:
        return list(_READ[key])
    listed = next((f for f in document.get("files", []) if isinstance(f, dict) and f.get("name") == DRAFTS_FILE), None)
    if listed is None:
        raise _damaged(installed, round_file, f"round.json noemt concepten, maar {DRAFTS_FILE} niet als bestand",
                       f"round.json names drafts but does not list {DRAFTS_FILE} as a file")
    try:
        data = file.read_bytes()
    except OSError as err:
        raise _damaged(installed, file, f"ontbreekt of is onleesbaar ({err.strerror or err})",
                       f"missing or unreadable ({err.strerror or err})") from err
    if len(data) != listed.get("size") or hashlib.sha256(data).hexdigest() != listed.get("sha256"):
        raise _damaged(installed, file, "het bestand is gewijzigd nadat de bundel werd geopend",
                       "the file was changed after the bundle was opened")
    try:
        drafts = parse_drafts_document(json.loads(data))
    except (ValueError, DraftFormatError) as err:
        raise _damaged(installed, file, str(err), str(err)) from err
    if key is not None:
        if len(_READ) > 8:
            _READ.clear()
        _READ[key] = tuple(drafts)
    return drafts


def _matches_unit(draft: Draft, unit: str | None) -> bool:
    return unit is None or not draft.unit.strip() or bool(for_unit([draft], unit))


def available_drafts(repo: Any, *, unit: str | None = None) -> list[AvailableDraft]:
    """Every draft of every opened round (newest round first, then by unit and name) with the algorithm started from it.

    With `unit`, only the drafts of that unit (case and spacing ignored) and the drafts not assigned to any unit.
    """
    started: dict[str, str] = repo.started_drafts()
    out: list[AvailableDraft] = []
    for installed in repo.installed_rounds():
        drafts = [d for d in round_drafts(installed) if _matches_unit(d, unit)]
        drafts.sort(key=lambda d: (_key(d.unit), _key(d.name), d.id))
        out.extend(AvailableDraft(installed, d, started.get(d.id)) for d in drafts)
    return out


def has_open_drafts(repo: Any) -> bool:
    """True when an opened round has a draft nobody started yet (damaged draft files count as none)."""
    try:
        return any(item.started is None for item in available_drafts(repo))
    except DraftError:
        return False


def find_draft(repo: Any, given: str) -> AvailableDraft:
    """The draft with this id (or the only one whose id starts with it, at least 4 characters); DraftError otherwise."""
    rounds = repo.installed_rounds()
    if not rounds:
        raise DraftError("not-opened", "Er is hier nog geen ronde geopend, dus er zijn geen concepten. Open eerst de "
                         "rondebundel van de CDO (algoinventaris round open BUNDEL.zip).",
                         "No round has been opened here yet, so there are no drafts. Open the CDO's round bundle first "
                         "(algoinventaris round open BUNDLE.zip).")
    wanted = given.strip().lower()
    items = available_drafts(repo)
    exact = [i for i in items if i.draft.id.lower() == wanted]
    found = exact or ([i for i in items if i.draft.id.lower().startswith(wanted)] if len(wanted) >= MIN_PREFIX else [])
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        names = ", ".join(f"{i.draft.id} ({i.draft.name})" for i in found[:5])
        raise DraftError("ambiguous", f"'{given}' past bij meer dan één concept: {names}. Geef meer van het id.",
                         f"'{given}' fits more than one draft: {names}. Give more of the id.")
    opened = ", ".join(r.name for r in rounds)
    raise DraftError("unknown-draft", f"Er is geen concept met id '{given}' in de geopende rondes ({opened}). "
                     "'algoinventaris round drafts' toont de concepten.",
                     f"There is no draft with id '{given}' in the opened rounds ({opened}). "
                     "'algoinventaris round drafts' lists the drafts.")


# --- starting an algorithm from a draft ---------------------------------------------------------------


@dataclass
class DraftStart:
    """An algorithm started from a draft: what was prefilled and what was kept aside."""

    algorithm: AlgorithmSummary
    draft: Draft
    round: InstalledRound
    prefilled: list[str]                 # register question ids answered (unconfirmed)
    origin: DraftOrigin

    @property
    def not_mapped(self) -> tuple[NotTaken, ...]:
        return self.origin.not_mapped

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        return {"algorithm": self.algorithm.to_json(), "draft": {"id": self.draft.id, "revision": self.draft.revision},
                "round": self.round.name, "origin": self.origin.describe(lang), "prefilled": len(self.prefilled),
                "prefilled_questions": list(self.prefilled),
                "not_mapped": [n.to_json() | {"why": n.reason_text(lang)} for n in self.not_mapped],
                "deviations": [d.to_json() for d in self.draft.deviations],
                "current": {"form": self.algorithm.current_form, "question": self.algorithm.current_question}}


def _unit_for(draft: Draft, unit: str | None) -> str:
    assigned = " ".join(draft.unit.split())
    given = " ".join((unit or "").split())
    if not assigned:
        if not given:
            raise DraftError("unit-needed", f"Het concept '{draft.name}' is nog niet aan een onderdeel toegewezen: geef het "
                             "onderdeel op waarvoor je het begint (--unit).",
                             f"The draft '{draft.name}' is not assigned to a unit yet: give the unit you start it for "
                             "(--unit).")
        return given
    if given and _key(given) != _key(assigned):
        raise DraftError("other-unit", f"De CDO heeft het concept '{draft.name}' toegewezen aan '{assigned}', niet aan "
                         f"'{given}'. Begin het zonder ander onderdeel, of vraag de CDO het toe te wijzen.",
                         f"The CDO assigned the draft '{draft.name}' to '{assigned}', not to '{given}'. Start it without "
                         "another unit, or ask the CDO to assign it.")
    return assigned


def split_answers(draft: Draft, register: Form | None) -> tuple[list[tuple[str, tuple[str, ...]]], list[NotTaken]]:
    """The draft's answers that fit the register form (question id, values) and every value that does not."""
    from algoinventaris.storage.repository import check_answers

    taken: list[tuple[str, tuple[str, ...]]] = []
    kept: list[NotTaken] = [NotTaken(name, value, NOT_IN_STANDARD) for name, value in draft.not_mapped.items()]
    for qid, text in draft.answers.items():
        if register is None or register.question(qid) is None:
            kept.append(NotTaken(qid, text, NOT_IN_FORM))
            continue
        try:
            taken.append((qid, check_answers(register, qid, (text,))))
        except ValueError:
            kept.append(NotTaken(qid, text, DOES_NOT_FIT))
    if register is not None:
        order = {q.id: n for n, q in enumerate(register.questions)}
        taken.sort(key=lambda item: order.get(item[0], len(order)))
    return taken, kept


def start_from_draft(repo: Any, draft_id: str, *, unit: str | None = None, library: Any = None) -> DraftStart:
    """Create an algorithm from a draft of an opened round (see the module docstring); DraftError on refusal."""
    from algoinventaris.package.rounds import FormLibrary
    from algoinventaris.storage.repository import DraftAlreadyStarted

    found = find_draft(repo, draft_id)
    draft, installed = found.draft, found.round
    if found.started is not None:
        raise _already(repo, draft, found.started)
    chosen_unit = _unit_for(draft, unit)
    library = library or FormLibrary(repo)
    register = library.round_form(installed, REGISTER)
    ai_act = library.round_form(installed, AI_ACT)
    taken, kept = split_answers(draft, register)
    try:
        created = repo.start_from_draft(
            draft, unit=chosen_unit, round_name=installed.name, answers=[(register, q, v) for q, v in taken],
            not_mapped=kept, current_form=ai_act.id if ai_act is not None else None,
            current_question=ai_act.start if ai_act is not None else None)
    except DraftAlreadyStarted as err:  # started by another window in the meantime
        raise _already(repo, draft, err.algorithm_id) from err
    origin = repo.draft_origin(created.id)
    assert origin is not None
    return DraftStart(created, draft, installed, [q for q, _ in taken], origin)


def _already(repo: Any, draft: Draft, algorithm_id: str) -> DraftError:
    try:
        name = repo.get_algorithm(algorithm_id).name
    except Exception:
        name = algorithm_id
    return DraftError("already-started", f"Het concept '{draft.name}' is al begonnen: algoritme '{name}' ({algorithm_id}). "
                      "Ga daar verder.",
                      f"The draft '{draft.name}' was started already: algorithm '{name}' ({algorithm_id}). Continue there.",
                      algorithm_id)


# --- the hint beside unanswered AI-Act questions ------------------------------------------------------


def register_hints(origin: DraftOrigin, register: Form | None, lang: str = "nl") -> list[tuple[str, str]]:
    """(label, text) per register text that helps with the AI-Act questions, from the draft as it was received.

    Labels are the register form's field labels; legacy fields keep their own name. Texts are the draft's, as
    plain text (the caller escapes them for display). Nothing is ever answered from them.
    """
    from algoinventaris.domain.register import register_questions
    from algoinventaris.formengine.fields import label_of

    by_field = register_questions(register) if register is not None else {}
    values: dict[str, str] = {}
    labels: dict[str, str] = {}
    for name, question in by_field.items():
        text = origin.answers.get(question.id)
        if text:
            assert question.field is not None
            values[name] = _plain(text) if question.field.html is not None else text
            labels[name] = label_of(question.field, lang, name)
    hints: list[Hint] = hint_texts(values, origin.legacy_fields())
    legacy = "older register field" if lang == "en" else "ouder registerveld"
    return [(labels.get(h.field) or f"{h.field} ({legacy})", h.text) for h in hints]


def _plain(text: str) -> str:
    """An HTML field's text without its markup: each paragraph or list item on a line of its own."""
    from algoinventaris.formengine.fields import has_markup, html_text

    return html_text(text) if has_markup(text) else text
