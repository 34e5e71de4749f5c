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
from algoinventaris.formengine.model import Form
from algoinventaris.storage.db import WRITE, make_engine, set_journal_mode, translated
from algoinventaris.storage.errors import NotFound, StorageError
from algoinventaris.storage.models import AlgorithmRow, AnswerRow
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

    def integrity_problems(self) -> list[str]:
        """What SQLite's integrity and foreign key checks find (empty: all is well)."""

        def work(session: Session) -> list[str]:
            found = [str(r[0]) for r in session.connection().exec_driver_sql("PRAGMA integrity_check").fetchall()]
            problems = [p for p in found if p != "ok"]
            for r in session.connection().exec_driver_sql("PRAGMA foreign_key_check").fetchall():
                problems.append(f"broken link in {r[0]} row {r[1]} to {r[2]}")
            return problems

        return self._read(work)



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
