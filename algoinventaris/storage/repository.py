"""The owner's repository: algorithms and their answers in the local SQLite database, one transaction per change.

Every method that changes something commits before it returns; when it raises, nothing of that
change was stored. Times are aware datetimes in UTC. Errors are StorageError subclasses whose text
names the database file.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from algoinventaris import config
from algoinventaris.domain.algorithm import ALGORITHM_STATES, ANSWER_STATUSES, CATEGORIES, AlgorithmSummary, StoredAnswer
from algoinventaris.domain.drafts import Draft, DraftDeviation, DraftOrigin, NotTaken
from algoinventaris.domain.rounds import CarryOver, FormCarry, InstalledRound, ReviewEntry, RoundForm, TrustedCdoKey
from algoinventaris.formengine.model import Form
from algoinventaris.storage.db import WRITE, make_engine, set_journal_mode, translated
from algoinventaris.storage.errors import NotFound, StorageError
from algoinventaris.storage.models import AlgorithmRow, AnswerRow, CarryOverRow, CdoKeyRow, DraftOriginRow, RoundRow
from algoinventaris.storage.sqlitefile import check_location, inspect_file, is_local_folder, refuse_unusable

log = logging.getLogger(__name__)

DEFAULT_BUSY_TIMEOUT = 5.0
MAX_TEXT = 500  # longest name, organisation, unit or round we accept
CHOICE_TYPES = ("single", "multiple")
UPDATABLE = (
    "name", "organisation", "unit", "round", "state", "current_question", "current_form", "conclusion", "conclusion_ref", "category",
)
_REQUIRED_TEXT = ("name", "organisation", "unit", "round")

T = TypeVar("T")


def _now() -> datetime:
    return datetime.now(UTC)


def _clean_text(field: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{field} must be text, not {type(value).__name__}")
    cleaned = " ".join(value.split())
    if not cleaned:
        raise ValueError(f"{field} may not be empty")
    if len(cleaned) > MAX_TEXT:
        raise ValueError(f"{field} is longer than {MAX_TEXT} characters")
    return cleaned


def _check_field(field: str, value: Any) -> Any:
    if field in _REQUIRED_TEXT:
        return _clean_text(field, value)
    if field == "state":
        if value not in ALGORITHM_STATES:
            raise ValueError(f"state must be one of {', '.join(ALGORITHM_STATES)}, not {value!r}")
        return value
    if field == "category":
        if value is not None and value not in CATEGORIES:
            raise ValueError(f"category must be one of {', '.join(CATEGORIES)} or None, not {value!r}")
        return value
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{field} must be text or None, not {type(value).__name__}")
    return value


def check_answers(form: Form, question_id: str, answers: Sequence[str]) -> tuple[str, ...]:
    """The answers as a tuple, or ValueError saying why they do not fit the question."""
    if isinstance(answers, str):
        raise ValueError("answers must be a sequence of answer ids (or one value), not a single string")
    values = tuple(answers)
    if not all(isinstance(v, str) for v in values):
        raise ValueError(f"answers to '{question_id}' must be text")
    question = form.question(question_id)
    if question is None:
        raise ValueError(f"form '{form.id}' {form.version} has no question '{question_id}'")
    if question.type in CHOICE_TYPES:
        if not values:
            raise ValueError(f"question '{question_id}' needs an answer")
        unknown = [v for v in values if question.answer(v) is None]
        if unknown:
            known = ", ".join(a.id for a in question.answers)
            raise ValueError(f"question '{question_id}' has no answer {', '.join(repr(u) for u in unknown)} (it has {known})")
        if len(set(values)) != len(values):
            raise ValueError(f"an answer to '{question_id}' is given twice")
        if question.type == "single" and len(values) != 1:
            raise ValueError(f"question '{question_id}' takes exactly one answer, got {len(values)}")
    elif len(values) != 1:
        raise ValueError(f"question '{question_id}' takes one value, got {len(values)}")
    return values


class OwnerRepository:
    """The owner's algorithms and answers in one SQLite file (open it with open_owner_db)."""

    def __init__(self, path: Path, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT, journal_mode: str = "wal") -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self.journal_mode = journal_mode
        self._engine = make_engine(path, busy_timeout=busy_timeout)
        self._write_engine = self._engine.execution_options(**WRITE)
        self._closed = False

    # --- plumbing ---------------------------------------------------------------------------

    def close(self) -> None:
        """Release the file (further calls raise StorageError)."""
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def __enter__(self) -> OwnerRepository:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"OwnerRepository({str(self.path)!r})"

    @contextmanager
    def _session(self, write: bool) -> Iterator[Session]:
        if self._closed:
            raise StorageError(f"The database {self.path} was closed already.", self.path)
        engine = self._write_engine if write else self._engine
        with translated(self.path, self.busy_timeout), Session(engine, expire_on_commit=False) as session, session.begin():
            yield session

    def _read(self, work: Callable[[Session], T]) -> T:
        with self._session(write=False) as session:
            return work(session)

    def _write(self, work: Callable[[Session], T]) -> T:
        with self._session(write=True) as session:
            return work(session)

    def _row(self, session: Session, algorithm_id: str) -> AlgorithmRow:
        row = session.get(AlgorithmRow, algorithm_id) if isinstance(algorithm_id, str) else None
        if row is None:
            raise NotFound(f"There is no algorithm with id {algorithm_id!r} in {self.path}.", self.path)
        return row

    # --- algorithms -------------------------------------------------------------------------

    def create_algorithm(self, name: str, organisation: str, unit: str, round_name: str) -> AlgorithmSummary:
        """Add a new algorithm in state 'draft'; returns it."""
        values = {
            "name": _clean_text("name", name),
            "organisation": _clean_text("organisation", organisation),
            "unit": _clean_text("unit", unit),
            "round": _clean_text("round", round_name),
        }
        now = _now()

        def work(session: Session) -> AlgorithmSummary:
            row = AlgorithmRow(id=str(uuid.uuid4()), state="draft", created_at=now, updated_at=now, **values)
            session.add(row)
            session.flush()
            return row.summary()

        return self._write(work)

    def list_algorithms(self, include_deleted: bool = False) -> list[AlgorithmSummary]:
        """All algorithms, the most recently changed first (deleted ones only when asked)."""

        def work(session: Session) -> list[AlgorithmSummary]:
            query = select(AlgorithmRow)
            if not include_deleted:
                query = query.where(AlgorithmRow.deleted_at.is_(None))
            query = query.order_by(AlgorithmRow.updated_at.desc(), AlgorithmRow.created_at.desc(), AlgorithmRow.id)
            return [row.summary() for row in session.scalars(query)]

        return self._read(work)

    def get_algorithm(self, algorithm_id: str) -> AlgorithmSummary:
        """One algorithm (also when soft-deleted); NotFound when the id is unknown."""
        return self._read(lambda s: self._row(s, algorithm_id).summary())

    def update_algorithm(self, algorithm_id: str, **fields: Any) -> AlgorithmSummary:
        """Change the given fields (see UPDATABLE) and the change time; ValueError for unknown or bad fields."""
        unknown = sorted(set(fields) - set(UPDATABLE))
        if unknown:
            raise ValueError(f"cannot update {', '.join(unknown)}; updatable are {', '.join(UPDATABLE)}")
        checked = {name: _check_field(name, value) for name, value in fields.items()}

        def work(session: Session) -> AlgorithmSummary:
            row = self._row(session, algorithm_id)
            for name, value in checked.items():
                setattr(row, name, value)
            row.updated_at = _now()
            session.flush()
            return row.summary()

        return self._write(work)

    def delete_algorithm(self, algorithm_id: str) -> None:
        """Soft delete: the algorithm and its answers stay and restore_algorithm brings them back."""

        def work(session: Session) -> None:
            row = self._row(session, algorithm_id)
            if row.deleted_at is None:
                row.deleted_at = _now()

        self._write(work)

    def restore_algorithm(self, algorithm_id: str) -> None:
        """Undo delete_algorithm."""

        def work(session: Session) -> None:
            row = self._row(session, algorithm_id)
            if row.deleted_at is not None:
                row.deleted_at = None

        self._write(work)

    def set_outcome(
        self,
        algorithm_id: str,
        conclusion: str | None,
        conclusion_ref: str | None,
        state: str | None = None,
        category: str | None = None,
    ) -> AlgorithmSummary:
        """Record the conclusion (None clears it); state and category change only when given."""
        fields: dict[str, Any] = {"conclusion": conclusion, "conclusion_ref": conclusion_ref}
        if state is not None:
            fields["state"] = state
        if category is not None:
            fields["category"] = category
        return self.update_algorithm(algorithm_id, **fields)

    # --- answers ----------------------------------------------------------------------------

    def save_answer(
        self,
        algorithm_id: str,
        form: Form,
        question_id: str,
        answers: Sequence[str],
        *,
        status: str = "confirmed",
        current_question: str | None = None,
    ) -> StoredAnswer:
        """Store one answer and where the owner stands, in one transaction committed before returning.

        The row records the form's id, version and content hash. ValueError when the question is not
        in the form or the answers do not fit it.
        """
        if status not in ANSWER_STATUSES:
            raise ValueError(f"status must be one of {', '.join(ANSWER_STATUSES)}, not {status!r}")
        values = check_answers(form, question_id, answers)
        if current_question is not None and not isinstance(current_question, str):
            raise ValueError("current_question must be a question id or None")
        now = _now()
        record = {
            "algorithm_id": algorithm_id,
            "form_id": form.id,
            "question_id": question_id,
            "form_version": form.version,
            "form_hash": form.content_hash,
            "answers_json": json.dumps(list(values), ensure_ascii=False),
            "status": status,
            "updated_at": now,
        }

        def work(session: Session) -> StoredAnswer:
            row = self._row(session, algorithm_id)
            statement = sqlite_insert(AnswerRow).values(**record)
            statement = statement.on_conflict_do_update(
                index_elements=["algorithm_id", "form_id", "question_id"],
                set_={k: statement.excluded[k] for k in record if k not in ("algorithm_id", "form_id", "question_id")},
            )
            session.execute(statement)
            row.current_form = form.id
            row.current_question = current_question
            row.updated_at = now
            return StoredAnswer(form.id, form.version, form.content_hash, question_id, values, status, now)

        return self._write(work)

    def answers(self, algorithm_id: str, form_id: str) -> dict[str, StoredAnswer]:
        """The stored answers of one form, by question id (NotFound for an unknown algorithm)."""

        def work(session: Session) -> dict[str, StoredAnswer]:
            self._row(session, algorithm_id)
            rows = session.scalars(
                select(AnswerRow).where(AnswerRow.algorithm_id == algorithm_id, AnswerRow.form_id == form_id).order_by(AnswerRow.updated_at)
            )
            return {row.question_id: row.stored() for row in rows}

        return self._read(work)

    def all_answers(self, algorithm_id: str) -> list[StoredAnswer]:
        """Every stored answer of the algorithm, all forms, oldest change first."""

        def work(session: Session) -> list[StoredAnswer]:
            self._row(session, algorithm_id)
            rows = session.scalars(select(AnswerRow).where(AnswerRow.algorithm_id == algorithm_id).order_by(AnswerRow.updated_at))
            return [row.stored() for row in rows]

        return self._read(work)

    def mark_set_aside(self, algorithm_id: str, form_id: str, question_ids: Sequence[str]) -> None:
        """Give these answers of the form the status 'set_aside' (kept until discard_set_aside).

        Other answers are left as they are: an answer that is on the path again gets its status back
        when it is saved again (save_answer with status='confirmed').
        """
        wanted = sorted(set(question_ids))

        def work(session: Session) -> None:
            row = self._row(session, algorithm_id)
            if not wanted:
                return
            result = session.execute(
                update(AnswerRow)
                .where(
                    AnswerRow.algorithm_id == algorithm_id,
                    AnswerRow.form_id == form_id,
                    AnswerRow.question_id.in_(wanted),
                    AnswerRow.status != "set_aside",
                )
                .values(status="set_aside")
            )
            if int(getattr(result, "rowcount", 0) or 0):
                row.updated_at = _now()

        self._write(work)

    def discard_set_aside(self, algorithm_id: str, form_id: str) -> int:
        """Delete the set-aside answers of this form (the owner confirmed); returns how many."""

        def work(session: Session) -> int:
            row = self._row(session, algorithm_id)
            result = session.execute(
                delete(AnswerRow).where(
                    AnswerRow.algorithm_id == algorithm_id, AnswerRow.form_id == form_id, AnswerRow.status == "set_aside"
                )
            )
            count = int(getattr(result, "rowcount", 0) or 0)
            if count:
                row.updated_at = _now()
            return count

        return self._write(work)

    def purge_deleted(self, older_than: datetime) -> int:
        """Remove for good the algorithms soft-deleted before older_than (with their answers); returns how many."""

        def work(session: Session) -> int:
            result = session.execute(
                delete(AlgorithmRow).where(AlgorithmRow.deleted_at.is_not(None), AlgorithmRow.deleted_at < older_than)
            )
            return int(getattr(result, "rowcount", 0) or 0)

        return self._write(work)

    # --- yearly rounds: the CDO key, installed round bundles, carry-overs ---------------------

    def cdo_keys(self, include_retired: bool = False) -> list[TrustedCdoKey]:
        """The CDO keys round bundles are checked against (the active one first; retired ones only when asked)."""

        def work(session: Session) -> list[TrustedCdoKey]:
            query = select(CdoKeyRow)
            if not include_retired:
                query = query.where(CdoKeyRow.retired_at.is_(None))
            rows = session.scalars(query.order_by(CdoKeyRow.retired_at.is_not(None), CdoKeyRow.added_at.desc())).all()
            return [_cdo_key(r) for r in rows]

        return self._read(work)

    def trust_cdo_key(self, public_key: bytes, fingerprint: str, *, organisation: str | None = None,
                      source: str = "enrolled", replace: bool = False) -> TrustedCdoKey:
        """Make this the CDO key round bundles are checked against, in one transaction.

        The same key again keeps its organisation (or pins the one given when it had none). Another key
        while one is active raises KeyConflict unless replace=True, which retires the active one (it stays
        on record). An organisation that differs from the one pinned on the same key raises KeyConflict.
        """
        if source not in ("enrolled", "installed"):
            raise ValueError("source must be 'enrolled' or 'installed'")
        if not isinstance(public_key, bytes) or len(public_key) != 32:
            raise ValueError("a CDO key is a raw 32-byte Ed25519 public key")
        org = _clean_text("organisation", organisation) if organisation is not None else None
        now = _now()

        def work(session: Session) -> TrustedCdoKey:
            active = session.scalars(select(CdoKeyRow).where(CdoKeyRow.retired_at.is_(None))).all()
            same = session.get(CdoKeyRow, fingerprint)
            others = [r for r in active if r.fingerprint != fingerprint]
            if others and not replace:
                raise KeyConflict(
                    f"Another CDO key ({others[0].fingerprint}) is already trusted in {self.path}; replacing it must be asked "
                    f"for explicitly (round trust-cdo --replace).", self.path)
            if same is not None and same.retired_at is None and org is not None and same.organisation is not None \
                    and name_key(same.organisation) != name_key(org):
                raise KeyConflict(
                    f"This CDO key is trusted for '{same.organisation}', not for '{org}' ({self.path}).", self.path)
            for row in others:
                row.retired_at = now
            if same is None:
                same = CdoKeyRow(fingerprint=fingerprint, public_key=public_key, organisation=org, source=source, added_at=now)
                session.add(same)
            else:
                same.retired_at = None
                if org is not None and same.organisation is None:
                    same.organisation = org
            session.flush()
            return _cdo_key(same)

        return self._write(work)

    def pin_cdo_organisation(self, fingerprint: str, organisation: str) -> TrustedCdoKey:
        """Record the organisation of a trusted CDO key that has none yet (the first bundle opened sets it)."""
        org = _clean_text("organisation", organisation)

        def work(session: Session) -> TrustedCdoKey:
            row = session.get(CdoKeyRow, fingerprint)
            if row is None:
                raise NotFound(f"The CDO key {fingerprint} is not trusted in {self.path}.", self.path)
            if row.organisation is None:
                row.organisation = org
            elif name_key(row.organisation) != name_key(org):
                raise KeyConflict(f"This CDO key is trusted for '{row.organisation}', not for '{org}' ({self.path}).", self.path)
            return _cdo_key(row)

        return self._write(work)

    def record_round(self, *, name: str, organisation: str, sequence: int, created_at: datetime, deadline: str | None,
                     units: Sequence[str], forms: Sequence[RoundForm], previous_forms: Sequence[RoundForm],
                     maps: Sequence[str], round_json: bytes, signature: bytes, signer_fingerprint: str,
                     bundle_sha256: str, folder: str) -> InstalledRound:
        """Record an opened round bundle (a newer bundle of the same round replaces the record), one transaction."""
        values: dict[str, Any] = {
            "name": _clean_text("round", name), "organisation": _clean_text("organisation", organisation),
            "sequence": int(sequence), "created_at": created_at, "deadline": deadline,
            "units_json": json.dumps(list(units), ensure_ascii=False),
            "forms_json": json.dumps({"forms": [f.to_json() for f in forms],
                                      "previous_forms": [f.to_json() for f in previous_forms],
                                      "maps": list(maps)}, ensure_ascii=False),
            "round_json": bytes(round_json), "signature": bytes(signature), "signer_fingerprint": signer_fingerprint,
            "bundle_sha256": bundle_sha256, "folder": folder, "installed_at": _now(),
        }
        values["name_key"] = name_key(values["name"])
        values["organisation_key"] = name_key(values["organisation"])

        def work(session: Session) -> InstalledRound:
            row = session.scalars(select(RoundRow).where(RoundRow.organisation_key == values["organisation_key"],
                                                         RoundRow.name_key == values["name_key"])).first()
            if row is None:
                row = RoundRow(**values)
                session.add(row)
            else:
                for key, value in values.items():
                    setattr(row, key, value)
            session.flush()
            return _installed(row)

        return self._write(work)

    def installed_rounds(self, organisation: str | None = None) -> list[InstalledRound]:
        """The round bundles opened here, newest bundle first (only one organisation's when given)."""

        def work(session: Session) -> list[InstalledRound]:
            query = select(RoundRow)
            if organisation is not None:
                query = query.where(RoundRow.organisation_key == name_key(organisation))
            return [_installed(r) for r in session.scalars(query.order_by(RoundRow.sequence.desc(), RoundRow.id.desc()))]

        return self._read(work)

    def installed_round(self, name: str, organisation: str | None = None) -> InstalledRound:
        """One opened round by name (case and spacing ignored); NotFound names the rounds there are."""
        found = [r for r in self.installed_rounds(organisation) if name_key(r.name) == name_key(name)]
        if not found:
            known = ", ".join(r.name for r in self.installed_rounds()) or "none yet"
            raise NotFound(f"No round bundle '{name}' has been opened in {self.path} (opened: {known}).", self.path)
        return found[0]

    def start_from(self, previous_id: str, *, round_name: str, answers: Sequence[tuple[Form, str, Sequence[str]]],
                   carry: CarryOver, conclusion: str | None, conclusion_ref: str | None, category: str | None,
                   current_form: str | None, current_question: str | None) -> AlgorithmSummary:
        """Create this year's algorithm from last year's in ONE transaction: the algorithm, every answer
        (status 'prefilled'), the carry-over record and the recomputed outcome. Nothing is stored when it fails.

        AlreadyStarted when last year's algorithm was already carried into this round (and that one is not deleted).
        carry.algorithm_id is ignored: the new algorithm gets a new id.
        """
        rows = [(form, qid, check_answers(form, qid, given)) for form, qid, given in answers]
        round_text = _clean_text("round", round_name)
        if category is not None and category not in CATEGORIES:
            raise ValueError(f"category must be one of {', '.join(CATEGORIES)} or None, not {category!r}")

        def work(session: Session) -> AlgorithmSummary:
            previous = self._row(session, previous_id)
            started = session.execute(
                select(CarryOverRow.algorithm_id, AlgorithmRow.round)
                .join(AlgorithmRow, AlgorithmRow.id == CarryOverRow.algorithm_id)
                .where(CarryOverRow.previous_id == previous_id, AlgorithmRow.deleted_at.is_(None))).all()
            for other_id, other_round in started:
                if name_key(other_round) == name_key(round_text):
                    raise AlreadyStarted(
                        f"'{previous.name}' was already carried into {other_round} as algorithm {other_id} ({self.path}).",
                        self.path, other_id)
            now = _now()
            row = _add_prefilled(session, now, rows, name=previous.name, organisation=previous.organisation,
                                 unit=previous.unit, round=round_text, current_form=current_form,
                                 current_question=current_question, conclusion=conclusion, conclusion_ref=conclusion_ref,
                                 category=category)
            session.add(CarryOverRow(
                algorithm_id=row.id, previous_id=previous_id, previous_submission=carry.previous_submission,
                round=round_text, started_at=now, previous_json=_answers_json(carry.previous_answers),
                proposed_json=_answers_json(carry.proposed), forms_json=json.dumps([f.to_json() for f in carry.forms]),
                review_json=json.dumps([r.to_json() for r in carry.review], ensure_ascii=False),
                old_conclusion=carry.old_conclusion, old_conclusion_ref=carry.old_conclusion_ref,
                old_category=carry.old_category, new_conclusion=carry.new_conclusion,
                new_conclusion_ref=carry.new_conclusion_ref))
            session.flush()
            return row.summary()

        return self._write(work)

    def carry_over(self, algorithm_id: str) -> CarryOver | None:
        """How this algorithm was carried over from last year, or None when it was started afresh."""

        def work(session: Session) -> CarryOver | None:
            self._row(session, algorithm_id)
            row = session.get(CarryOverRow, algorithm_id)
            return None if row is None else _carry(row)

        return self._read(work)

    def successors(self, previous_id: str) -> list[AlgorithmSummary]:
        """The algorithms carried over from this one (into later rounds), deleted ones included."""

        def work(session: Session) -> list[AlgorithmSummary]:
            query = (select(AlgorithmRow).join(CarryOverRow, CarryOverRow.algorithm_id == AlgorithmRow.id)
                     .where(CarryOverRow.previous_id == previous_id).order_by(AlgorithmRow.created_at))
            return [r.summary() for r in session.scalars(query)]

        return self._read(work)

    # --- drafts from the CDO ------------------------------------------------------------------

    def start_from_draft(self, draft: Draft, *, unit: str, round_name: str,
                         answers: Sequence[tuple[Form, str, Sequence[str]]], not_mapped: Sequence[NotTaken],
                         current_form: str | None, current_question: str | None) -> AlgorithmSummary:
        """Create an algorithm from a CDO draft in ONE transaction: the algorithm (name and organisation of the draft,
        this unit and round), every answer with status 'prefilled', and the draft_origins row. Nothing is stored when
        it fails.

        DraftAlreadyStarted when an algorithm that is not deleted was started from this draft already.
        """
        rows = [(form, qid, check_answers(form, qid, given)) for form, qid, given in answers]
        values = {"name": _clean_text("name", draft.name), "organisation": _clean_text("organisation", draft.organisation),
                  "unit": _clean_text("unit", unit), "round": _clean_text("round", round_name)}
        kept = [NotTaken(n.field, n.value, n.reason) for n in not_mapped]

        def work(session: Session) -> AlgorithmSummary:
            started = session.execute(
                select(AlgorithmRow.id, AlgorithmRow.name)
                .join(DraftOriginRow, DraftOriginRow.algorithm_id == AlgorithmRow.id)
                .where(DraftOriginRow.draft_id == draft.id, AlgorithmRow.deleted_at.is_(None))).first()
            if started is not None:
                raise DraftAlreadyStarted(
                    f"The draft '{draft.name}' was already started as algorithm '{started[1]}' ({started[0]}) in {self.path}.",
                    self.path, str(started[0]), str(started[1]))
            now = _now()
            row = _add_prefilled(session, now, rows, current_form=current_form, current_question=current_question, **values)
            session.add(DraftOriginRow(
                algorithm_id=row.id, draft_id=draft.id, round=values["round"], revision=int(draft.revision),
                source=draft.source, origin=draft.origin, match_kind=draft.match_kind, match_value=draft.match_value,
                answers=json.dumps(dict(draft.answers), ensure_ascii=False, sort_keys=True),
                not_mapped=json.dumps([n.to_json() for n in kept], ensure_ascii=False),
                deviations=json.dumps([d.to_json() for d in draft.deviations], ensure_ascii=False), started_at=now))
            session.flush()
            return row.summary()

        return self._write(work)

    def draft_origin(self, algorithm_id: str) -> DraftOrigin | None:
        """The draft this algorithm was started from, or None (NotFound for an unknown algorithm)."""

        def work(session: Session) -> DraftOrigin | None:
            self._row(session, algorithm_id)
            row = session.get(DraftOriginRow, algorithm_id)
            return None if row is None else _origin(row)

        return self._read(work)

    def started_drafts(self) -> dict[str, str]:
        """Draft id -> the algorithm started from it, for every such algorithm that is not deleted."""

        def work(session: Session) -> dict[str, str]:
            query = (select(DraftOriginRow.draft_id, DraftOriginRow.algorithm_id)
                     .join(AlgorithmRow, AlgorithmRow.id == DraftOriginRow.algorithm_id)
                     .where(AlgorithmRow.deleted_at.is_(None)).order_by(AlgorithmRow.created_at))
            return {str(d): str(a) for d, a in session.execute(query)}

        return self._read(work)

    def integrity_problems(self) -> list[str]:
        """What SQLite's integrity and foreign key checks find (empty: all is well)."""

        def work(session: Session) -> list[str]:
            found = [str(r[0]) for r in session.connection().exec_driver_sql("PRAGMA integrity_check").fetchall()]
            problems = [p for p in found if p != "ok"]
            for r in session.connection().exec_driver_sql("PRAGMA foreign_key_check").fetchall():
                problems.append(f"broken link in {r[0]} row {r[1]} to {r[2]}")
            return problems

        return self._read(work)



class KeyConflict(StorageError):
    """Another CDO key is already trusted, or the key is trusted for another organisation; nothing was changed."""


class AlreadyStarted(StorageError):
    """Last year's algorithm was already carried into this round; nothing was stored."""

    def __init__(self, message: str, path: Path | None = None, algorithm_id: str = "") -> None:
        super().__init__(message, path)
        self.algorithm_id = algorithm_id


class DraftAlreadyStarted(StorageError):
    """An algorithm was already started from this draft (and is not deleted); nothing was stored."""

    def __init__(self, message: str, path: Path | None = None, algorithm_id: str = "", algorithm_name: str = "") -> None:
        super().__init__(message, path)
        self.algorithm_id = algorithm_id
        self.algorithm_name = algorithm_name


def _add_prefilled(session: Session, now: datetime, answers: Sequence[tuple[Form, str, Sequence[str]]],
                   **fields: Any) -> AlgorithmRow:
    """Add a new algorithm (state 'draft', a new id, these fields) with these answers, each with status 'prefilled'."""
    row = AlgorithmRow(id=str(uuid.uuid4()), state="draft", created_at=now, updated_at=now, **fields)
    session.add(row)
    session.flush()
    for form, qid, values in answers:
        session.add(AnswerRow(algorithm_id=row.id, form_id=form.id, question_id=qid, form_version=form.version,
                              form_hash=form.content_hash, answers_json=json.dumps(list(values), ensure_ascii=False),
                              status="prefilled", updated_at=now))
    return row


def name_key(text: str) -> str:
    """How names are compared: case and spacing ignored."""
    return " ".join(str(text).split()).casefold()


def _answers_json(value: Any) -> str:
    return json.dumps({f: {q: list(a) for q, a in per.items()} for f, per in value.items()}, ensure_ascii=False, sort_keys=True)


def _answers_from(text: str) -> dict[str, dict[str, tuple[str, ...]]]:
    data = json.loads(text) if text else {}
    return {str(f): {str(q): tuple(str(x) for x in a) for q, a in per.items()} for f, per in data.items()}


def _cdo_key(row: CdoKeyRow) -> TrustedCdoKey:
    return TrustedCdoKey(row.fingerprint, bytes(row.public_key), row.organisation, row.source, row.added_at)


def _installed(row: RoundRow) -> InstalledRound:
    forms = json.loads(row.forms_json)

    def refs(key: str) -> tuple[RoundForm, ...]:
        return tuple(RoundForm(str(f["id"]), str(f["version"]), str(f["sha256"]), str(f.get("path") or "")) for f in forms.get(key, []))

    return InstalledRound(
        id=row.id, name=row.name, organisation=row.organisation, sequence=row.sequence, created_at=row.created_at,
        deadline=row.deadline, units=tuple(json.loads(row.units_json)), forms=refs("forms"), previous_forms=refs("previous_forms"),
        maps=tuple(str(m) for m in forms.get("maps", [])), signer_fingerprint=row.signer_fingerprint,
        bundle_sha256=row.bundle_sha256, installed_at=row.installed_at, folder=row.folder)


def _carry(row: CarryOverRow) -> CarryOver:
    return CarryOver(
        algorithm_id=row.algorithm_id, previous_id=row.previous_id, previous_submission=row.previous_submission,
        round=row.round, started_at=row.started_at, previous_answers=_answers_from(row.previous_json),
        proposed=_answers_from(row.proposed_json), forms=tuple(FormCarry.from_json(f) for f in json.loads(row.forms_json)),
        review=tuple(ReviewEntry.from_json(r) for r in json.loads(row.review_json)),
        old_conclusion=row.old_conclusion, old_conclusion_ref=row.old_conclusion_ref, old_category=row.old_category,
        new_conclusion=row.new_conclusion, new_conclusion_ref=row.new_conclusion_ref)


def _origin(row: DraftOriginRow) -> DraftOrigin:
    return DraftOrigin(
        algorithm_id=row.algorithm_id, draft_id=row.draft_id, round=row.round, revision=row.revision, source=row.source,
        origin=row.origin, match_kind=row.match_kind, match_value=row.match_value,
        answers={str(k): str(v) for k, v in json.loads(row.answers).items()},
        not_mapped=tuple(NotTaken.from_json(n) for n in json.loads(row.not_mapped)),
        deviations=tuple(DraftDeviation(str(d["kind"]), str(d["field"]), str(d["value"]), str(d["message"]))
                         for d in json.loads(row.deviations)),
        started_at=row.started_at)


def open_owner_db(path: str | Path | None = None, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> OwnerRepository:
    """Open (create if missing) the owner's SQLite database, default algoinventaris.config.default_db_path().

    Refuses newer, damaged and foreign files without changing them; applies the bundled Alembic
    migrations to an older file after writing a backup copy next to it.
    """
    target = Path(path) if path is not None else config.default_db_path()
    target = target.expanduser().absolute()
    check_location(target)
    state = inspect_file(target, busy_timeout)
    refuse_unusable(state)
    local = is_local_folder(target.parent)
    journal = set_journal_mode(target, wal=local, busy_timeout=busy_timeout)
    log.info("owner database %s (schema %s, %s folder, journal %s)", target, state.schema, "local" if local else "network", journal)
    if not state.is_current:
        from algoinventaris.storage.migrate import migrate

        migrate(target, busy_timeout=busy_timeout)
    return OwnerRepository(target, busy_timeout=busy_timeout, journal_mode=journal)
