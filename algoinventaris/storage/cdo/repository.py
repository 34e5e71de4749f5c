"""The CDO repository: rounds, units, trust store, submissions with history, quarantine, drafts and audit, one transaction per change.

Every method that changes something commits before it returns, or changes nothing and raises a
StorageError subclass whose text names the database (never its password). The same code runs on
SQLite and PostgreSQL. Dashboard counts are one GROUP BY over a covering index. The import's hot path
(package status, storing a submission or a quarantine item, audit lines) runs prepared statements on
the SQLite driver directly (_HotTx); the drafts list is one query for the columns it needs.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from algoinventaris.cdo.records import (
    AuditEntry,
    CategoryCount,
    NewSubmission,
    QuarantineItem,
    RoundInfo,
    StoreResult,
    SubmissionInfo,
    TrustEntry,
    UnitInfo,
    name_key,
)
from algoinventaris.domain.drafts import Draft, DraftDeviation
from algoinventaris.domain.rounds import BundleRecord, RoundDetails, RoundFile, SubmissionLink
from algoinventaris.storage.cdo.engine import DbTarget, errors_translated, server_engine, sqlite_engine
from algoinventaris.storage.cdo.models import (
    AuditRow,
    CdoMetaRow,
    DraftRow,
    PackageRow,
    QuarantineRow,
    RoundBundleRow,
    RoundFileRow,
    RoundRow,
    RoundUnitRow,
    SubmissionLinkRow,
    SubmissionRow,
    TrustRow,
    UnitRow,
)
from algoinventaris.storage.errors import NotFound, StorageError
from algoinventaris.storage.models import UTCDateTime

DEFAULT_BUSY_TIMEOUT = 10.0
IMPORT_LOCK_KEY = 0x41_4C_47_49  # "ALGI": a transaction-scoped PostgreSQL advisory lock around storing one submission
DRAFTS_LOCK_KEY = 0x41_4C_47_44  # "ALGD": the same around one change to the drafts

# The import's hot path uses these statements, built once. On PostgreSQL they run as SQLAlchemy Core
# statements (compiled once); on SQLite the same statements are compiled once to SQL text and run on the
# driver's connection (see _HotTx), which saves half a millisecond or more per package. Every value is a
# parameter (no literal in an UPDATE's SET), so the SQLite text needs nothing but the parameters given.
_SAME_OR_CURRENT = (select(SubmissionRow.id, SubmissionRow.submission_id, SubmissionRow.created_at, SubmissionRow.content_digest,
                           SubmissionRow.imported_at, SubmissionRow.is_current, SubmissionRow.algorithm_id, SubmissionRow.round_id)
                    .where(or_(SubmissionRow.submission_id == bindparam("sid"),
                               and_(SubmissionRow.algorithm_id == bindparam("alg"), SubmissionRow.round_id == bindparam("rnd"),
                                    SubmissionRow.is_current.is_(True)))))
_INSERT_PACKAGE = insert(PackageRow)
_INSERT_SUBMISSION = insert(SubmissionRow)
_INSERT_QUARANTINE = insert(QuarantineRow)
_INSERT_AUDIT = insert(AuditRow)
_INSERT_UNIT = insert(UnitRow)
_INSERT_ROUND = insert(RoundRow)
_IMPORT_LOCK = sql_text("SELECT pg_advisory_xact_lock(:key)")
_UNIT_BY_KEY = select(UnitRow.id, UnitRow.organisation).where(UnitRow.name_key == bindparam("key"))
_UNIT_ORGANISATION = update(UnitRow).where(UnitRow.id == bindparam("uid")).values(organisation=bindparam("org"))
_ROUND_BY_KEY = select(RoundRow.id).where(RoundRow.name_key == bindparam("key"))
_LAST_ROUND_POSITION = select(func.max(RoundRow.position))
_QUARANTINE_WAITING = select(QuarantineRow.status, QuarantineRow.package_id).where(QuarantineRow.id == bindparam("qid"))
_QUARANTINE_ACCEPT = (update(QuarantineRow).where(QuarantineRow.id == bindparam("qid"))
                      .values(status=bindparam("status"), decided_at=bindparam("at"), decided_by=bindparam("by"),
                              decision_note=bindparam("note")))
_SUPERSEDE = (update(SubmissionRow).where(SubmissionRow.id == bindparam("rid"))
              .values(is_current=bindparam("current"), superseded_by=bindparam("by")))
_PACKAGE_STATUS = (select(PackageRow.id, SubmissionRow.submission_id, QuarantineRow.id)
                   .outerjoin(SubmissionRow, SubmissionRow.package_id == PackageRow.id)
                   .outerjoin(QuarantineRow, QuarantineRow.package_id == PackageRow.id)
                   .where(PackageRow.sha256 == bindparam("sha")))
_UTC_TEXT = UTCDateTime()
_SQLITE_TEXT: dict[tuple[int, tuple[str, ...]], str] = {}
_RETURNING_ID: dict[int, Any] = {}


def _sqlite_text(statement: Any, keys: tuple[str, ...] = ()) -> str:
    """A hot-path statement as SQLite SQL text with :name parameters (compiled once per statement and column set).

    statement: one of this module's statements, which live as long as the process (so its id is its key).
    """
    cache_key = (id(statement), keys)
    found = _SQLITE_TEXT.get(cache_key)
    if found is None:
        from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

        compiled = statement.compile(dialect=SQLiteDialect_pysqlite(paramstyle="named"), column_keys=list(keys) or None)
        found = _SQLITE_TEXT[cache_key] = str(compiled)
    return found


def _as_time(value: Any) -> dt.datetime:
    """A UTCDateTime column as read: a datetime from SQLAlchemy, its ISO text from the SQLite driver."""
    if isinstance(value, dt.datetime):
        return value
    parsed = _UTC_TEXT.process_result_value(value, None)  # type: ignore[arg-type]
    assert parsed is not None
    return parsed


class _HotTx:
    """One transaction of the import's hot path: the same statements on SQLite (driver) and PostgreSQL (Core)."""

    def __init__(self, conn: Any, cursor: Any) -> None:
        self._conn = conn  # a SQLAlchemy Connection (PostgreSQL) or None
        self._cursor = cursor  # the sqlite3 cursor (SQLite) or None

    def rows(self, statement: Any, params: dict[str, Any]) -> list[Any]:
        if self._cursor is None:
            return list(self._conn.execute(statement, params).all())
        return list(self._cursor.execute(_sqlite_text(statement), self._values(params)).fetchall())

    def run(self, statement: Any, params: dict[str, Any]) -> None:
        if self._cursor is None:
            self._conn.execute(statement, params)
        else:
            self._cursor.execute(_sqlite_text(statement), self._values(params))

    def insert(self, statement: Any, params: dict[str, Any]) -> int:
        """Insert one row (every column named in params); returns its id."""
        if self._cursor is None:
            returning = _RETURNING_ID.get(id(statement))
            if returning is None:
                returning = _RETURNING_ID[id(statement)] = statement.returning(statement.table.c.id)
            return int(self._conn.execute(returning, params).scalar_one())
        self._cursor.execute(_sqlite_text(statement, tuple(params)), self._values(params))
        return int(self._cursor.lastrowid)

    @staticmethod
    def _values(params: dict[str, Any]) -> dict[str, Any]:
        # what the column types bind: times as UTCDateTime text; booleans, text and bytes go as they are
        return {k: _UTC_TEXT.process_bind_param(v, None) if isinstance(v, dt.datetime) else v  # type: ignore[arg-type]
                for k, v in params.items()}


def _audit_values(actor: str, action: str, result: str | None, *, reason_code: str | None = None, reason: str | None = None,
                  file_name: str | None = None, package_sha256: str | None = None, submission_id: str | None = None,
                  detail: dict[str, Any] | None = None, at: dt.datetime | None = None) -> dict[str, Any]:
    return {"at": at or _now(), "actor": actor, "action": action, "result": result, "reason_code": reason_code,
            "reason": reason, "file_name": file_name, "package_sha256": package_sha256, "submission_id": submission_id,
            "detail": json.dumps(detail, ensure_ascii=False) if detail else None}


# The drafts list (the CDO window's Concepten tab, cdo drafts list): the columns each reader needs, one query.
_DRAFT_FIELDS = (DraftRow.id, DraftRow.organisation, DraftRow.unit, RoundRow.name, DraftRow.name, DraftRow.source, DraftRow.origin,
                 DraftRow.match_kind, DraftRow.match_value, DraftRow.revision, DraftRow.answers, DraftRow.not_mapped,
                 DraftRow.deviations)
_META_FIELDS = (DraftRow.id, RoundRow.name, DraftRow.created_at, DraftRow.created_by, DraftRow.updated_at, DraftRow.updated_by,
                DraftRow.deleted_at)
_STATE_FIELDS = (DraftRow.id, DraftRow.revision, DraftRow.unit, DraftRow.updated_at, DraftRow.deleted_at)


@functools.cache
def _drafts_query(columns: str, by_round: bool, include_deleted: bool) -> Any:
    """The drafts query for "draft", "meta" or "state" columns (built once per kind: one compiled statement each)."""
    fields = {"draft": _DRAFT_FIELDS, "meta": _META_FIELDS, "state": _STATE_FIELDS}[columns]
    query = select(*fields).join(RoundRow, RoundRow.id == DraftRow.round_id)
    if by_round:
        query = query.where(RoundRow.name_key == bindparam("key"))
    if not include_deleted:
        query = query.where(DraftRow.deleted_at.is_(None))
    return query


_SCAN_JSON = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # the C scanner json.loads uses


def _json_value(text: str) -> Any:
    """json.loads for the texts this repository wrote (one JSON value, nothing around it), without its per-call overhead.

    The C scanner json.loads uses reads the value; anything else (whitespace around it, a second value,
    an error) goes through json.loads itself, so the result and the errors are json.loads's.
    """
    try:
        value, end = _SCAN_JSON(text, 0)
    except StopIteration:
        return json.loads(text)
    return value if end == len(text) else json.loads(text)


def _draft_from(row: Sequence[Any], deviations: dict[str, tuple[DraftDeviation, ...]]) -> Draft:
    """A Draft from the _DRAFT_FIELDS of a row; deviations: the decoded deviation lists so far, by their JSON text."""
    (draft_id, organisation, unit, round_name, name, source, origin, match_kind, match_value, revision, answers, not_mapped,
     deviation_text) = row
    devs = deviations.get(deviation_text or "[]")
    if devs is None:  # DraftDeviation is immutable, so drafts may share the tuple
        devs = deviations[deviation_text or "[]"] = tuple(
            DraftDeviation(str(d.get("kind", "")), str(d.get("field", "")), str(d.get("value", "")), str(d.get("message", "")))
            for d in _json_value(deviation_text or "[]"))
    return Draft(id=draft_id, organisation=organisation, unit=unit, round=round_name, name=name, source=source, origin=origin,
                 match_kind=match_kind, match_value=match_value, revision=revision, answers=_json_value(answers or "{}"),
                 not_mapped=_json_value(not_mapped or "{}"), deviations=devs)


class Conflict(StorageError):
    """The change contradicts what is stored (e.g. the key is already enrolled for that unit)."""


class SameSubmissionId(Conflict):
    """A submission with this id is already stored (with other bytes); nothing was stored."""

    def __init__(self, submission_id: str, content_digest: str, imported_at: dt.datetime) -> None:
        super().__init__(f"Submission {submission_id} is already stored.")
        self.submission_id = submission_id
        self.content_digest = content_digest
        self.imported_at = imported_at


@dataclass(frozen=True)
class DraftMeta:
    """When and by whom a stored draft was made, last changed and (soft) deleted."""

    id: str
    round: str
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    deleted_at: dt.datetime | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "round": self.round, "created_at": self.created_at.isoformat(), "created_by": self.created_by,
                "updated_at": self.updated_at.isoformat(), "updated_by": self.updated_by,
                "deleted_at": self.deleted_at.isoformat() if self.deleted_at is not None else None}


def _draft_content(d: Draft) -> dict[str, Any]:
    """The columns of a draft row that come from the draft itself (not unit, times or people)."""
    return {"name": d.name, "source": d.source, "origin": d.origin, "match_kind": d.match_kind, "match_value": d.match_value,
            "revision": d.revision, "answers": json.dumps(dict(d.answers), ensure_ascii=False, sort_keys=True),
            "not_mapped": json.dumps(dict(d.not_mapped), ensure_ascii=False, sort_keys=True),
            "deviations": json.dumps([x.to_json() for x in d.deviations], ensure_ascii=False)}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _clean(text: str, what: str) -> str:
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise ValueError(f"{what} may not be empty")
    return cleaned


class CdoRepository:
    """The CDO's database (open it with open_cdo_db); safe to use from several threads."""

    def __init__(self, target: DbTarget, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> None:
        self.target = target
        self.busy_timeout = busy_timeout
        if target.path is not None:
            self._engine: Engine = sqlite_engine(target.path, busy_timeout)
            self._write_engine: Engine = self._engine.execution_options(sqlite_begin="IMMEDIATE")
        else:
            assert target.url is not None
            self._engine = server_engine(target.url)
            self._write_engine = self._engine
        self._closed = False
        self._unit_ids: dict[str, int] = {}  # committed ids by name key (ids are never reused)
        self._round_ids: dict[str, int] = {}

    # --- plumbing -----------------------------------------------------------------------------------

    @property
    def display(self) -> str:
        """Where the database is, safe to show (a path, or a URL without password)."""
        return self.target.display

    @property
    def dialect(self) -> str:
        return "sqlite" if self.target.path is not None else "postgresql"

    def close(self) -> None:
        """Release the database (further calls raise StorageError)."""
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def __enter__(self) -> CdoRepository:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _check_open(self) -> None:
        if self._closed:
            raise StorageError(f"The CDO database {self.display} is closed.")

    @contextmanager
    def _read(self) -> Iterator[Session]:
        self._check_open()
        with errors_translated(self.target, self.busy_timeout), Session(self._engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        self._check_open()
        with errors_translated(self.target, self.busy_timeout), Session(self._write_engine, expire_on_commit=False) as session, \
                session.begin():
            yield session

    @contextmanager
    def _hot(self, *, write: bool = True) -> Iterator[_HotTx]:
        """A transaction for the import's hot path (write: BEGIN IMMEDIATE on SQLite), committed when the block ends.

        SQLite runs the statements on the driver's connection from the engine's pool (so with the same
        pragmas: foreign keys, busy timeout, synchronous); an exception rolls everything back.
        """
        self._check_open()
        with errors_translated(self.target, self.busy_timeout):
            if self.target.path is None:
                with (self._write_engine.begin() if write else self._engine.connect()) as conn:
                    yield _HotTx(conn, None)
                return
            pooled = self._engine.raw_connection()
            try:
                driver: Any = pooled.driver_connection
                cursor = driver.cursor()
                try:
                    if write:
                        cursor.execute("BEGIN IMMEDIATE")
                    yield _HotTx(None, cursor)
                    if write:
                        cursor.execute("COMMIT")
                except BaseException:
                    if driver.in_transaction:
                        driver.rollback()
                    raise
                finally:
                    cursor.close()
            finally:
                pooled.close()  # back to the pool

    # --- units and rounds ---------------------------------------------------------------------------

    def _unit(self, session: Session, name: str, organisation: str | None = None, *, create: bool = True) -> UnitRow | None:
        key = name_key(name)
        row = session.scalars(select(UnitRow).where(UnitRow.name_key == key)).first()
        if row is None and create:
            row = UnitRow(name=_clean(name, "the unit name"), name_key=key, organisation=organisation, created_at=_now())
            session.add(row)
            session.flush()
        elif row is not None and organisation and not row.organisation:
            row.organisation = organisation
        return row

    def _round(self, session: Session, name: str, *, declared: bool = False, create: bool = True) -> RoundRow | None:
        key = name_key(name)
        row = session.scalars(select(RoundRow).where(RoundRow.name_key == key)).first()
        if row is None and create:
            last = session.scalar(select(func.max(RoundRow.position))) or 0
            row = RoundRow(name=_clean(name, "the round name"), name_key=key, position=last + 1, declared=declared,
                           created_at=_now())
            session.add(row)
            session.flush()
        return row

    def list_units(self) -> list[UnitInfo]:
        """Every known unit, by name."""
        with self._read() as s:
            rows = s.scalars(select(UnitRow).order_by(UnitRow.name_key)).all()
            return [UnitInfo(r.id, r.name, r.organisation) for r in rows]

    def add_round(self, name: str, units: Sequence[str] = (), *, actor: str) -> RoundInfo:
        """Declare a round and the units expected to deliver in it (adds to the units of an existing round)."""
        with self._write() as s:
            row = self._round(s, name, declared=True)
            assert row is not None
            row.declared = True
            have = set(s.scalars(select(RoundUnitRow.unit_id).where(RoundUnitRow.round_id == row.id)).all())
            for unit_name in units:
                unit = self._unit(s, unit_name)
                assert unit is not None
                if unit.id not in have:
                    s.add(RoundUnitRow(round_id=row.id, unit_id=unit.id))
                    have.add(unit.id)
            self._audit(s, actor, "round-add", "ok", detail={"round": row.name, "units": list(units)})
            round_id = row.id
        return self.get_round(round_id)

    def get_round(self, name_or_id: str | int) -> RoundInfo:
        """A round by name (case-insensitive) or id; NotFound names the known rounds."""
        with self._read() as s:
            row = s.get(RoundRow, name_or_id) if isinstance(name_or_id, int) else self._round(s, name_or_id, create=False)
            if row is None:
                known = ", ".join(r.name for r in self.list_rounds()) or "none yet"
                raise NotFound(f"There is no round '{name_or_id}' in the CDO database {self.display} (known: {known}).")
            return self._round_info(s, row)

    def _round_info(self, s: Session, row: RoundRow) -> RoundInfo:
        units = s.scalars(select(UnitRow.name).join(RoundUnitRow, RoundUnitRow.unit_id == UnitRow.id)
                          .where(RoundUnitRow.round_id == row.id).order_by(UnitRow.name_key)).all()
        return RoundInfo(row.id, row.name, row.position, row.declared, row.created_at, tuple(units))

    def list_rounds(self) -> list[RoundInfo]:
        """Every round, oldest first: by the year in its name when there is one, else by when it became known."""
        with self._read() as s:
            rows = s.scalars(select(RoundRow)).all()
            infos = [self._round_info(s, r) for r in rows]
        return sorted(infos, key=round_sort_key)

    def previous_round(self, name: str) -> RoundInfo | None:
        """The round before this one (for "changes since last round"), or None."""
        rounds = self.list_rounds()
        keys = [name_key(r.name) for r in rounds]
        try:
            index = keys.index(name_key(name))
        except ValueError:
            return None
        return rounds[index - 1] if index > 0 else None

    def expected_units(self, round_name: str) -> list[str]:
        """The units expected in a round: its declared units, else every unit with a key that is not revoked."""
        info = self.get_round(round_name)
        if info.units:
            return list(info.units)
        with self._read() as s:
            rows = s.scalars(select(UnitRow.name).join(TrustRow, TrustRow.unit_id == UnitRow.id)
                             .where(TrustRow.revoked_from.is_(None)).distinct().order_by(UnitRow.name)).all()
            return sorted(set(rows), key=name_key)

    # --- yearly rounds: details, files, bundles, settings ---------------------------------------------

    def set_round_details(self, name: str, *, organisation: str, deadline: str | None, units: Sequence[str],
                          files: Sequence[RoundFile], actor: str) -> RoundDetails:
        """Declare a round with its organisation, deadline, expected units and files, in ONE transaction.

        The round's files are replaced by the ones given; units are added to those already expected.
        """
        org = _clean(organisation, "the organisation")
        if deadline is not None:
            dt.date.fromisoformat(deadline)  # ValueError for a date that does not exist
        with self._write() as s:
            row = self._round(s, name, declared=True)
            assert row is not None
            row.declared = True
            row.organisation = org
            row.deadline = deadline
            have = set(s.scalars(select(RoundUnitRow.unit_id).where(RoundUnitRow.round_id == row.id)).all())
            for unit_name in units:
                unit = self._unit(s, unit_name)
                assert unit is not None
                if unit.id not in have:
                    s.add(RoundUnitRow(round_id=row.id, unit_id=unit.id))
                    have.add(unit.id)
            s.execute(delete(RoundFileRow).where(RoundFileRow.round_id == row.id))
            now = _now()
            seen: set[tuple[str, str]] = set()
            for f in files:
                if (f.role, f.sha256) in seen:
                    continue
                seen.add((f.role, f.sha256))
                s.add(RoundFileRow(round_id=row.id, role=f.role, name=f.name, form_id=f.form_id, version=f.version,
                                   sha256=f.sha256, data=f.data, added_at=now, added_by=actor))
            self._audit(s, actor, "round-create", "ok", detail={
                "round": row.name, "organisation": org, "deadline": deadline, "units": list(units),
                "files": [{"role": f.role, "name": f.name, "form": f.form_id, "version": f.version, "sha256": f.sha256}
                          for f in files]})
            round_name = row.name
        return self.round_details(round_name)

    def round_details(self, name: str) -> RoundDetails:
        """A round's organisation, deadline, units, files and exported bundles; NotFound names the known rounds."""
        info = self.get_round(name)
        with self._read() as s:
            row = s.get(RoundRow, info.id)
            assert row is not None
            files = s.scalars(select(RoundFileRow).where(RoundFileRow.round_id == info.id).order_by(RoundFileRow.id)).all()
            bundles = s.scalars(select(RoundBundleRow).where(RoundBundleRow.round_id == info.id)
                                .order_by(RoundBundleRow.sequence)).all()
            return RoundDetails(
                row.name, row.organisation, row.deadline, info.units,
                tuple(RoundFile(f.role, f.name, f.form_id, f.version, f.sha256, bytes(f.data)) for f in files),
                tuple(BundleRecord(row.name, b.sequence, b.sha256, b.fingerprint, b.created_at, b.created_by) for b in bundles))

    def next_bundle_sequence(self) -> int:
        """The sequence number the next bundle would get (one more than any exported, for every round)."""
        with self._read() as s:
            return int(s.scalar(select(func.max(RoundBundleRow.sequence))) or 0) + 1

    def record_bundle(self, name: str, *, sequence: int, sha256: str, fingerprint: str, actor: str) -> BundleRecord:
        """Record an exported bundle (Conflict when its sequence number was used already), with an audit line."""
        info = self.get_round(name)
        with self._write() as s:
            if s.scalar(select(RoundBundleRow.id).where(RoundBundleRow.sequence == sequence)) is not None:
                raise Conflict(f"Bundle number {sequence} was exported already; export again for a new number.")
            now = _now()
            s.add(RoundBundleRow(round_id=info.id, sequence=sequence, sha256=sha256, fingerprint=fingerprint, created_at=now,
                                 created_by=actor))
            self._audit(s, actor, "round-bundle", "ok", detail={"round": info.name, "sequence": sequence, "sha256": sha256,
                                                                "fingerprint": fingerprint})
            return BundleRecord(info.name, sequence, sha256, fingerprint, now, actor)

    def get_setting(self, key: str) -> str | None:
        """A CDO setting (e.g. the organisation round bundles are for), or None."""
        with self._read() as s:
            value = s.scalar(select(CdoMetaRow.value).where(CdoMetaRow.key == f"setting:{key}"))
            return str(value) if value is not None else None

    def set_setting(self, key: str, value: str) -> None:
        """Record a CDO setting."""
        with self._write() as s:
            row = s.get(CdoMetaRow, f"setting:{key}")
            if row is None:
                s.add(CdoMetaRow(key=f"setting:{key}", value=value))
            else:
                row.value = value

    def submission_links(self, round_name: str | None = None) -> dict[int, SubmissionLink]:
        """Per submission row: the previous submission it names and its AI-Act form (read from its documents once)."""
        with self._read() as s:
            missing = s.execute(select(SubmissionRow.id, SubmissionRow.documents)
                                .outerjoin(SubmissionLinkRow, SubmissionLinkRow.submission_row_id == SubmissionRow.id)
                                .where(SubmissionLinkRow.submission_row_id.is_(None))).all()
        if missing:
            rows = [_link_of(row_id, text) for row_id, text in missing]
            with self._write() as s:
                known = set(s.scalars(select(SubmissionLinkRow.submission_row_id)
                                      .where(SubmissionLinkRow.submission_row_id.in_([r["submission_row_id"] for r in rows]))))
                fresh = [r for r in rows if r["submission_row_id"] not in known]
                if fresh:
                    s.execute(insert(SubmissionLinkRow), fresh)
        with self._read() as s:
            query = select(SubmissionLinkRow)
            if round_name is not None:
                query = (query.join(SubmissionRow, SubmissionRow.id == SubmissionLinkRow.submission_row_id)
                         .join(RoundRow, RoundRow.id == SubmissionRow.round_id).where(RoundRow.name_key == name_key(round_name)))
            return {r.submission_row_id: SubmissionLink(r.submission_row_id, r.previous, r.ai_form_id, r.ai_form_version,
                                                        r.ai_form_sha256) for r in s.scalars(query)}

    # --- prefilled drafts (revision 0003) -------------------------------------------------------------

    @staticmethod
    def _draft_of(row: DraftRow, round_name: str) -> Draft:
        return _draft_from((row.id, row.organisation, row.unit, round_name, row.name, row.source, row.origin, row.match_kind,
                            row.match_value, row.revision, row.answers, row.not_mapped, row.deviations), {})

    @staticmethod
    def _draft_meta(row: DraftRow, round_name: str) -> DraftMeta:
        return DraftMeta(row.id, round_name, row.created_at, row.created_by, row.updated_at, row.updated_by, row.deleted_at)

    def _draft_list_rows(self, columns: str, round_name: str | None, include_deleted: bool) -> list[Any]:
        """The drafts' columns (_DRAFT_FIELDS or _META_FIELDS) of one round or all: ONE query, no ORM objects."""
        query = _drafts_query(columns, round_name is not None, include_deleted)
        with self._hot(write=False) as tx:
            return tx.rows(query, {"key": name_key(round_name)} if round_name is not None else {})

    def list_drafts(self, round: str | None = None, unit: str | None = None,
                    include_deleted: bool = False) -> list[Draft]:
        """Drafts (of one round, of one unit: "" = not yet assigned), by round, unit and name; deleted ones only when asked.

        One query for the columns a Draft has; each row's three JSON texts are decoded once, and the
        deviations (the same few texts over and over) once per distinct text.
        """
        rows = self._draft_list_rows("draft", round, include_deleted)
        keys: dict[str, str] = {}

        def key(text: str) -> str:
            found = keys.get(text)
            if found is None:
                found = keys[text] = name_key(text)
            return found

        if unit is not None:
            wanted = name_key(unit)
            rows = [r for r in rows if key(r[2]) == wanted]
        rows.sort(key=lambda r: (key(r[3]), key(r[2]), r[4].casefold(), r[0]))
        deviations: dict[str, tuple[DraftDeviation, ...]] = {}
        return [_draft_from(r, deviations) for r in rows]

    def _draft_row(self, s: Session, draft_id: str) -> tuple[DraftRow, str]:
        found = s.execute(select(DraftRow, RoundRow.name).join(RoundRow, RoundRow.id == DraftRow.round_id)
                          .where(DraftRow.id == draft_id.strip())).first()
        if found is None:
            raise NotFound(f"There is no draft {draft_id} in the CDO database {self.display}.")
        return found[0], found[1]

    def get_draft(self, draft_id: str) -> Draft:
        """One draft by id (a deleted one too: see draft_meta); NotFound when there is none."""
        with self._read() as s:
            return self._draft_of(*self._draft_row(s, draft_id))

    def draft_meta(self, draft_id: str) -> DraftMeta:
        """When and by whom a draft was made, last changed and deleted; NotFound when there is none."""
        with self._read() as s:
            return self._draft_meta(*self._draft_row(s, draft_id))

    def list_draft_meta(self, round: str | None = None) -> dict[str, DraftMeta]:
        """The DraftMeta of every draft (deleted ones too), by id: one query for those columns only."""
        times: dict[Any, dt.datetime] = {}  # drafts stored together share their times: each text is read once

        def when(value: Any) -> dt.datetime:
            found = times.get(value)
            if found is None:
                found = times[value] = _as_time(value)
            return found

        return {r[0]: DraftMeta(r[0], r[1], when(r[2]), r[3], when(r[4]), r[5], when(r[6]) if r[6] is not None else None)
                for r in self._draft_list_rows("meta", round, True)}

    @staticmethod
    def _state_of(rows: Iterable[Any]) -> str:
        """rows: (id, revision, unit, updated_at, deleted_at)."""
        digest = hashlib.sha256()
        for draft_id, revision, unit, updated_at, deleted_at in sorted(rows, key=lambda r: r[0]):
            deleted = deleted_at.isoformat() if deleted_at is not None else "-"
            digest.update(f"{draft_id}|{revision}|{unit}|{updated_at.isoformat()}|{deleted}\n".encode())
        return digest.hexdigest()

    @staticmethod
    def _state_rows(s: Session, round_name: str) -> list[Any]:
        return list(s.execute(_drafts_query("state", True, True), {"key": name_key(round_name)}).all())

    def drafts_state(self, round: str) -> str:
        """A fingerprint of a round's drafts (deleted ones too): it changes with every change to any of them."""
        with self._read() as s:
            return self._state_of(self._state_rows(s, round))

    def save_drafts(self, new: Sequence[Draft], updated: Sequence[Draft], *, actor: str, audit_detail: dict[str, Any] | None = None,
                    expect_state: tuple[str, str] | None = None) -> dict[str, int]:
        """Store new drafts and replace the content of existing ones, in ONE transaction with one audit line.

        An updated draft keeps its unit, created_at and created_by; the rest is taken from the draft given.
        With expect_state=(round, drafts_state) nothing is stored when that round's drafts changed since the
        state was read (Conflict). Every draft's round must exist (NotFound); an id given as new that is
        already stored, or an update of a draft that is not there or deleted, is a Conflict. Nothing stored then.
        """
        if not new and not updated:
            return {"new": 0, "updated": 0}
        with self._write() as s:
            if self.target.path is None:  # PostgreSQL: one drafts change at a time, as SQLite's BEGIN IMMEDIATE gives
                s.execute(_IMPORT_LOCK, {"key": DRAFTS_LOCK_KEY})
            if expect_state is not None:
                state = self._state_of(self._state_rows(s, expect_state[0]))
                if state != expect_state[1]:
                    raise Conflict(f"The drafts of round '{expect_state[0]}' were changed since the preview; nothing was stored.")
            round_ids: dict[str, int] = {}
            for d in (*new, *updated):
                key = name_key(d.round)
                if key not in round_ids:
                    round_row = self._round(s, d.round, create=False)
                    if round_row is None:
                        raise NotFound(f"There is no round '{d.round}' in the CDO database {self.display}.")
                    round_ids[key] = round_row.id
            now = _now()
            ids = [d.id for d in (*new, *updated)]
            if len(set(ids)) != len(ids):
                raise Conflict("A draft is given twice in one change; nothing was stored.")
            if new:
                taken = s.scalars(select(DraftRow.id).where(DraftRow.id.in_([d.id for d in new]))).first()
                if taken is not None:
                    raise Conflict(f"Draft {taken} is already stored; nothing was stored.")
            for d in new:
                s.add(DraftRow(id=d.id, organisation=_clean(d.organisation, "the organisation"), round_id=round_ids[name_key(d.round)],
                               unit=" ".join(d.unit.split()), created_at=now, created_by=actor, updated_at=now, updated_by=actor,
                               deleted_at=None, **_draft_content(d)))
            for d in updated:
                row = s.get(DraftRow, d.id)
                if row is None or row.deleted_at is not None:
                    raise Conflict(f"Draft {d.id} is not there (any more); nothing was stored.")
                for key, value in _draft_content(d).items():
                    setattr(row, key, value)
                row.organisation = _clean(d.organisation, "the organisation")
                row.round_id = round_ids[name_key(d.round)]
                row.updated_at, row.updated_by = now, actor
            counts = {"new": len(new), "updated": len(updated)}
            self._audit(s, actor, "drafts-save", "ok", detail={**(audit_detail or {}), **counts})
        return counts

    def _change_draft(self, draft_id: str, actor: str, action: str, change: Any) -> Draft:
        with self._write() as s:
            row, round_name = self._draft_row(s, draft_id)
            detail = change(row)
            row.updated_at, row.updated_by = _now(), actor
            self._audit(s, actor, action, "ok", detail={"draft": row.id, "name": row.name, "round": round_name, **detail})
            return self._draft_of(row, round_name)

    def assign_draft(self, draft_id: str, unit: str, *, actor: str) -> Draft:
        """Assign a draft to a unit ("" = take the assignment away), with an audit line; NotFound / Conflict (deleted)."""
        def change(row: DraftRow) -> dict[str, Any]:
            if row.deleted_at is not None:
                raise Conflict(f"Draft {row.id} ('{row.name}') is deleted; restore it first.")
            before, row.unit = row.unit, " ".join(unit.split())
            return {"unit": row.unit, "before": before}

        return self._change_draft(draft_id, actor, "draft-assign", change)

    def delete_draft(self, draft_id: str, *, actor: str) -> Draft:
        """Soft-delete a draft (restore_draft undoes it), with an audit line; Conflict when it is deleted already."""
        def change(row: DraftRow) -> dict[str, Any]:
            if row.deleted_at is not None:
                raise Conflict(f"Draft {row.id} ('{row.name}') is deleted already.")
            row.deleted_at = _now()
            return {}

        return self._change_draft(draft_id, actor, "draft-delete", change)

    def restore_draft(self, draft_id: str, *, actor: str) -> Draft:
        """Undo delete_draft, with an audit line; Conflict when the draft is not deleted."""
        def change(row: DraftRow) -> dict[str, Any]:
            if row.deleted_at is None:
                raise Conflict(f"Draft {row.id} ('{row.name}') is not deleted.")
            row.deleted_at = None
            return {}

        return self._change_draft(draft_id, actor, "draft-restore", change)

    # --- trust store --------------------------------------------------------------------------------

    def add_trust(self, unit: str, kind: str, fingerprint: str, material: bytes, *, actor: str, label: str = "",
                  organisation: str | None = None) -> TrustEntry:
        """Enrol a key or CA for a unit (the unit is created when new); Conflict when it is already enrolled there."""
        if kind not in ("ed25519", "ca"):
            raise ValueError("kind must be 'ed25519' or 'ca'")
        with self._write() as s:
            unit_row = self._unit(s, unit, organisation)
            assert unit_row is not None
            existing = s.scalars(select(TrustRow).where(TrustRow.unit_id == unit_row.id,
                                                        TrustRow.fingerprint == fingerprint)).first()
            if existing is not None:
                state = " (revoked)" if existing.revoked_from is not None else ""
                raise Conflict(f"The key {fingerprint} is already enrolled for unit '{unit_row.name}'{state}.")
            row = TrustRow(unit_id=unit_row.id, kind=kind, fingerprint=fingerprint, material=material, label=label,
                           added_at=_now(), added_by=actor)
            s.add(row)
            s.flush()
            self._audit(s, actor, "trust-add", "ok", detail={"unit": unit_row.name, "kind": kind, "fingerprint": fingerprint,
                                                             "label": label})
            return self._trust_entry(row, unit_row.name)

    def revoke_trust(self, fingerprint: str, *, actor: str, revoked_from: dt.datetime | None = None,
                     reason: str = "", unit: str | None = None) -> list[TrustEntry]:
        """Revoke a key or CA (for one unit or all): signatures made from `revoked_from` (default now) no longer count."""
        moment = revoked_from or _now()
        with self._write() as s:
            query = select(TrustRow, UnitRow).join(UnitRow, UnitRow.id == TrustRow.unit_id).where(TrustRow.fingerprint == fingerprint)
            if unit is not None:
                query = query.where(UnitRow.name_key == name_key(unit))
            found = s.execute(query).all()
            if not found:
                where = f" for unit '{unit}'" if unit else ""
                raise NotFound(f"No enrolled key or CA has the fingerprint {fingerprint}{where}.")
            out = []
            for row, unit_row in found:
                row.revoked_from = moment
                row.revoked_at = _now()
                row.revoked_by = actor
                row.revoke_reason = reason or None
                out.append(self._trust_entry(row, unit_row.name))
            self._audit(s, actor, "trust-revoke", "ok", reason=reason or None,
                        detail={"fingerprint": fingerprint, "from": moment.isoformat(), "units": [e.unit for e in out]})
            return out

    @staticmethod
    def _trust_entry(row: TrustRow, unit: str) -> TrustEntry:
        return TrustEntry(row.id, unit, row.kind, row.fingerprint, bytes(row.material), row.label, row.added_at, row.added_by,
                          row.revoked_from, row.revoked_at, row.revoked_by, row.revoke_reason)

    def list_trust(self, unit: str | None = None) -> list[TrustEntry]:
        """Every enrolled key and CA (revoked ones too), by unit."""
        with self._read() as s:
            query = select(TrustRow, UnitRow).join(UnitRow, UnitRow.id == TrustRow.unit_id)
            if unit is not None:
                query = query.where(UnitRow.name_key == name_key(unit))
            rows = s.execute(query.order_by(UnitRow.name_key, TrustRow.added_at)).all()
            return [self._trust_entry(t, u.name) for t, u in rows]

    def trust_by_fingerprint(self, fingerprint: str) -> list[TrustEntry]:
        """The enrolments of one key or CA, whatever the unit."""
        with self._read() as s:
            rows = s.execute(select(TrustRow, UnitRow).join(UnitRow, UnitRow.id == TrustRow.unit_id)
                             .where(TrustRow.fingerprint == fingerprint)).all()
            return [self._trust_entry(t, u.name) for t, u in rows]

    def find_unit(self, name: str) -> UnitInfo | None:
        with self._read() as s:
            row = self._unit(s, name, create=False)
            return UnitInfo(row.id, row.name, row.organisation) if row is not None else None

    # --- what is already there ----------------------------------------------------------------------

    def package_status(self, sha256: str) -> tuple[str, str | int | None] | None:
        """Whether these exact bytes are stored: ("submission", submission id), ("quarantine", item id) or None."""
        with self._hot(write=False) as tx:
            found = tx.rows(_PACKAGE_STATUS, {"sha": sha256})
        if not found:
            return None
        row = found[0]
        if row[1] is not None:
            return ("submission", str(row[1]))
        return ("quarantine", row[2])

    def submissions_with_id(self, submission_id: str) -> list[SubmissionInfo]:
        with self._read() as s:
            return [self._info(*r) for r in s.execute(self._info_query().where(SubmissionRow.submission_id == submission_id)).all()]

    # --- storing ------------------------------------------------------------------------------------

    def store_submission(self, new: NewSubmission, package: bytes, sha256: str, file_name: str, *, actor: str,
                         result_note: str | None = None, from_quarantine: int | None = None,
                         decision_note: str | None = None) -> StoreResult:
        """Store one verified submission in ONE transaction: package bytes, parsed data, history links, audit.

        SameSubmissionId (nothing stored) when the submission id is already there with other bytes, unless
        the package is accepted from quarantine. A submission that names a predecessor (corrects) in the same
        round replaces it; without a name, a newer submission of the same algorithm in the same round replaces
        the current one and an older one is kept as history. With from_quarantine the waiting item is marked
        accepted in the same transaction. This is the import's hot path: statements built once, no ORM (_HotTx).
        """
        documents = new.documents_json or json.dumps(new.documents, ensure_ascii=False, separators=(",", ":"))
        pending: dict[str, dict[str, int]] = {"unit": {}, "round": {}}
        with self._hot() as tx:
            if self.target.path is None:
                # PostgreSQL: one import at a time, as SQLite's BEGIN IMMEDIATE gives. Without it two imports of
                # versions of one algorithm both see no current one and both stay current, and two imports that
                # meet a new unit or round both insert it (tests/hostile/test_concurrency.py).
                tx.run(_IMPORT_LOCK, {"key": IMPORT_LOCK_KEY})
            unit_id = self._unit_id(tx, new.unit, new.organisation, pending)
            round_id = self._round_id(tx, new.round, pending)
            # one query for both: a stored submission with the same id, and the current one(s) of this algorithm
            found = tx.rows(_SAME_OR_CURRENT, {"sid": new.submission_id, "alg": new.algorithm_id, "rnd": round_id})
            same = next((r for r in found if r[1] == new.submission_id), None)
            if same is not None and from_quarantine is None:
                raise SameSubmissionId(new.submission_id, str(same[3]), _as_time(same[4]))
            current = [r for r in found if r[5] and r[6] == new.algorithm_id and r[7] == round_id]
            now = _now()
            if from_quarantine is not None:
                item = next(iter(tx.rows(_QUARANTINE_WAITING, {"qid": from_quarantine})), None)
                if item is None or item[0] != "waiting":
                    raise Conflict(f"Quarantine item {from_quarantine} is not waiting for a decision.")
                package_id = int(item[1])
                tx.run(_QUARANTINE_ACCEPT, {"qid": from_quarantine, "status": "accepted", "at": now, "by": actor, "note": decision_note})
            else:
                package_id = tx.insert(_INSERT_PACKAGE, {
                    "sha256": sha256, "size": len(package), "data": package, "file_name": file_name, "received_at": now,
                    "received_by": actor})
            replaced = [r for r in current
                        if (new.corrects is not None and r[1] == new.corrects) or _as_time(r[2]) <= new.created_at]
            newer = next((r for r in current if r not in replaced), None)
            row_id = tx.insert(_INSERT_SUBMISSION, dict(
                submission_id=new.submission_id, package_id=package_id, round_id=round_id, unit_id=unit_id,
                algorithm_id=new.algorithm_id, algorithm_name=new.algorithm_name, organisation=new.organisation,
                created_at=new.created_at, imported_at=now, imported_by=actor, language=new.language,
                signer_method=new.signer_method, signer_name=new.signer_name, signer_fingerprint=new.signer_fingerprint,
                content_digest=new.content_digest, corrects=new.corrects, superseded_by=newer[0] if newer is not None else None,
                is_current=newer is None, conclusion=new.conclusion, conclusion_ref=new.conclusion_ref,
                conclusion_title=new.conclusion_title, high_risk=new.high_risk, prohibited=new.prohibited,
                category=new.category, category_source=new.category_source, exclusion_level=new.exclusion_level,
                exclusion_ground=new.exclusion_ground, human_rights_test=new.human_rights_test,
                register_status=new.register_status, publishable=new.publishable,
                not_published_reason=new.not_published_reason, from_quarantine=from_quarantine is not None, documents=documents,
            ))
            if newer is not None:
                replaced = []
            for r in replaced:
                tx.run(_SUPERSEDE, {"rid": r[0], "current": False, "by": row_id})
            superseded = tuple(str(r[1]) for r in replaced)
            tx.insert(_INSERT_AUDIT, _audit_values(
                actor, "accept" if from_quarantine is not None else "import", "superseded" if superseded else "imported",
                reason=result_note or decision_note, file_name=file_name, package_sha256=sha256,
                submission_id=new.submission_id, detail={"superseded": list(superseded)} if superseded else None, at=now))
        self._unit_ids.update(pending["unit"])
        self._round_ids.update(pending["round"])
        return StoreResult(row_id, newer is None, superseded, str(newer[1]) if newer is not None else None)

    def _unit_id(self, tx: _HotTx, name: str, organisation: str | None, pending: dict[str, dict[str, int]]) -> int:
        key = name_key(name)
        cached = self._unit_ids.get(key)
        if cached is not None:
            return cached
        row = next(iter(tx.rows(_UNIT_BY_KEY, {"key": key})), None)
        if row is None:
            unit_id = tx.insert(_INSERT_UNIT, {"name": _clean(name, "the unit name"), "name_key": key,
                                               "organisation": organisation, "created_at": _now()})
        else:
            unit_id = int(row[0])
            if organisation and not row[1]:
                tx.run(_UNIT_ORGANISATION, {"uid": unit_id, "org": organisation})
        pending["unit"][key] = unit_id
        return unit_id

    def _round_id(self, tx: _HotTx, name: str, pending: dict[str, dict[str, int]]) -> int:
        key = name_key(name)
        cached = self._round_ids.get(key)
        if cached is not None:
            return cached
        row = next(iter(tx.rows(_ROUND_BY_KEY, {"key": key})), None)
        if row is None:
            last = tx.rows(_LAST_ROUND_POSITION, {})[0][0] or 0
            round_id = tx.insert(_INSERT_ROUND, {"name": _clean(name, "the round name"), "name_key": key, "position": last + 1,
                                                 "declared": False, "created_at": _now()})
        else:
            round_id = int(row[0])
        pending["round"][key] = round_id
        return round_id

    def store_quarantine(self, package: bytes, sha256: str, file_name: str, *, actor: str, reason_code: str,
                         reason_nl: str, reason_en: str, submission_id: str | None = None, algorithm_name: str | None = None,
                         unit_name: str | None = None, round_name: str | None = None) -> int:
        """Keep a package for a person's decision (bytes and reason), with its audit line; returns the item id."""
        with self._hot() as tx:
            now = _now()
            package_id = tx.insert(_INSERT_PACKAGE, {"sha256": sha256, "size": len(package), "data": package,
                                                     "file_name": file_name, "received_at": now, "received_by": actor})
            item_id = tx.insert(_INSERT_QUARANTINE, {
                "package_id": package_id, "submission_id": submission_id, "algorithm_name": algorithm_name,
                "unit_name": unit_name, "round_name": round_name, "reason_code": reason_code, "reason_nl": reason_nl,
                "reason_en": reason_en, "file_name": file_name, "received_at": now, "received_by": actor, "status": "waiting"})
            tx.insert(_INSERT_AUDIT, _audit_values(actor, "import", "quarantined", reason_code=reason_code, reason=reason_en,
                                                   file_name=file_name, package_sha256=sha256, submission_id=submission_id,
                                                   detail={"quarantine_id": item_id}, at=now))
            return item_id

    def record_audit(self, action: str, result: str | None, *, actor: str, reason_code: str | None = None,
                     reason: str | None = None, file_name: str | None = None, package_sha256: str | None = None,
                     submission_id: str | None = None, detail: dict[str, Any] | None = None) -> None:
        """Append one audit line in a transaction of its own."""
        with self._hot() as tx:
            tx.insert(_INSERT_AUDIT, _audit_values(actor, action, result, reason_code=reason_code, reason=reason,
                                                   file_name=file_name, package_sha256=package_sha256,
                                                   submission_id=submission_id, detail=detail))

    @staticmethod
    def _audit(s: Session, actor: str, action: str, result: str | None, *, reason_code: str | None = None,
               reason: str | None = None, file_name: str | None = None, package_sha256: str | None = None,
               submission_id: str | None = None, detail: dict[str, Any] | None = None) -> None:
        s.add(AuditRow(at=_now(), actor=actor, action=action, result=result, reason_code=reason_code, reason=reason,
                       file_name=file_name, package_sha256=package_sha256, submission_id=submission_id,
                       detail=json.dumps(detail, ensure_ascii=False) if detail else None))

    # --- quarantine ---------------------------------------------------------------------------------

    @staticmethod
    def _q_item(row: QuarantineRow, sha: str) -> QuarantineItem:
        return QuarantineItem(row.id, row.submission_id, row.algorithm_name, row.unit_name, row.round_name, row.reason_code,
                              row.reason_nl, row.reason_en, row.file_name, row.received_at, row.received_by, row.status,
                              sha, row.decided_at, row.decided_by, row.decision_note)

    def list_quarantine(self, status: str | None = "waiting") -> list[QuarantineItem]:
        """Quarantine items (by default those waiting), oldest first."""
        with self._read() as s:
            query = select(QuarantineRow, PackageRow.sha256).join(PackageRow, PackageRow.id == QuarantineRow.package_id)
            if status is not None:
                query = query.where(QuarantineRow.status == status)
            return [self._q_item(r, sha) for r, sha in s.execute(query.order_by(QuarantineRow.id)).all()]

    def get_quarantine(self, item_id: int) -> tuple[QuarantineItem, bytes]:
        """One quarantine item and its package bytes; NotFound when there is none."""
        with self._read() as s:
            found = s.execute(select(QuarantineRow, PackageRow).join(PackageRow, PackageRow.id == QuarantineRow.package_id)
                              .where(QuarantineRow.id == item_id)).first()
            if found is None:
                raise NotFound(f"There is no quarantine item {item_id} in the CDO database {self.display}.")
            row, pkg = found
            return self._q_item(row, pkg.sha256), bytes(pkg.data)

    def reject_quarantine(self, item_id: int, *, actor: str, note: str) -> QuarantineItem:
        """Keep the package out for good (bytes stay for the record); the note says why."""
        with self._write() as s:
            row = s.get(QuarantineRow, item_id)
            if row is None:
                raise NotFound(f"There is no quarantine item {item_id} in the CDO database {self.display}.")
            if row.status != "waiting":
                raise Conflict(f"Quarantine item {item_id} was already {row.status}.")
            row.status, row.decided_at, row.decided_by, row.decision_note = "rejected", _now(), actor, note
            sha = s.scalar(select(PackageRow.sha256).where(PackageRow.id == row.package_id)) or ""
            self._audit(s, actor, "reject", "rejected", reason_code=row.reason_code, reason=note, file_name=row.file_name,
                        package_sha256=sha, submission_id=row.submission_id, detail={"quarantine_id": item_id})
            return self._q_item(row, sha)

    # --- reading submissions ------------------------------------------------------------------------

    @staticmethod
    def _info_query() -> Any:
        return (select(SubmissionRow, UnitRow.name, RoundRow.name, PackageRow.sha256)
                .join(UnitRow, UnitRow.id == SubmissionRow.unit_id)
                .join(RoundRow, RoundRow.id == SubmissionRow.round_id)
                .join(PackageRow, PackageRow.id == SubmissionRow.package_id))

    @staticmethod
    def _info(r: SubmissionRow, unit: str, round_name: str, sha: str) -> SubmissionInfo:
        return SubmissionInfo(
            r.id, r.submission_id, r.algorithm_id, r.algorithm_name, r.organisation, unit, round_name, r.created_at,
            r.imported_at, r.imported_by, r.language, r.signer_method, r.signer_name, r.signer_fingerprint,
            r.content_digest, r.corrects, r.superseded_by, bool(r.is_current), r.conclusion, r.conclusion_ref,
            r.conclusion_title, bool(r.high_risk), bool(r.prohibited), r.category, r.category_source, r.exclusion_level,
            r.exclusion_ground, r.human_rights_test, r.register_status, bool(r.publishable), r.not_published_reason,
            bool(r.from_quarantine), sha)

    def list_submissions(self, round_name: str | None = None, *, unit: str | None = None, current_only: bool = True,
                         organisation: str | None = None) -> list[SubmissionInfo]:
        """Submissions (by default only current ones), by unit and algorithm name."""
        with self._read() as s:
            query = self._info_query()
            if round_name is not None:
                query = query.where(RoundRow.name_key == name_key(round_name))
            if unit is not None:
                query = query.where(UnitRow.name_key == name_key(unit))
            if organisation is not None:
                query = query.where(func.lower(SubmissionRow.organisation) == organisation.strip().lower())
            if current_only:
                query = query.where(SubmissionRow.is_current.is_(True))
            rows = s.execute(query.order_by(UnitRow.name_key, SubmissionRow.algorithm_name, SubmissionRow.id)).all()
            return [self._info(*r) for r in rows]

    def get_submission(self, key: int | str) -> SubmissionInfo:
        """A submission by row id or submission id (the current one when an id was accepted twice)."""
        with self._read() as s:
            query = self._info_query()
            query = query.where(SubmissionRow.id == key) if isinstance(key, int) else \
                query.where(SubmissionRow.submission_id == key).order_by(SubmissionRow.is_current.desc(), SubmissionRow.id.desc())
            found = s.execute(query).first()
            if found is None:
                raise NotFound(f"There is no submission {key} in the CDO database {self.display}.")
            return self._info(*found)

    def history(self, algorithm_id: str) -> list[SubmissionInfo]:
        """Every submission of one algorithm, in every round, newest first."""
        with self._read() as s:
            rows = s.execute(self._info_query().where(SubmissionRow.algorithm_id == algorithm_id)
                             .order_by(SubmissionRow.created_at.desc(), SubmissionRow.id.desc())).all()
            return [self._info(*r) for r in rows]

    def documents(self, row_id: int) -> dict[str, Any]:
        """The parsed JSON files of a stored submission (answers, outcome, register, manifest)."""
        with self._read() as s:
            text = s.scalar(select(SubmissionRow.documents).where(SubmissionRow.id == row_id))
            if text is None:
                raise NotFound(f"There is no submission row {row_id} in the CDO database {self.display}.")
            value = json.loads(text)
            return value if isinstance(value, dict) else {}

    def documents_of(self, row_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """The parsed JSON files of many stored submissions at once (row id -> documents; unknown ids left out)."""
        out: dict[int, dict[str, Any]] = {}
        ids = list(dict.fromkeys(row_ids))
        with self._read() as s:
            for start in range(0, len(ids), 500):  # well under every database's limit of bound parameters
                chunk = ids[start:start + 500]
                for row_id, text in s.execute(select(SubmissionRow.id, SubmissionRow.documents)
                                              .where(SubmissionRow.id.in_(chunk))):
                    value = json.loads(text) if text is not None else {}
                    out[int(row_id)] = value if isinstance(value, dict) else {}
        return out

    def package_bytes(self, row_id: int) -> bytes:
        """The original package bytes of a stored submission."""
        with self._read() as s:
            data = s.scalar(select(PackageRow.data).join(SubmissionRow, SubmissionRow.package_id == PackageRow.id)
                            .where(SubmissionRow.id == row_id))
            if data is None:
                raise NotFound(f"There is no submission row {row_id} in the CDO database {self.display}.")
            return bytes(data)

    # --- dashboard counts ---------------------------------------------------------------------------

    def category_counts(self, round_name: str | None = None) -> list[CategoryCount]:
        """Current submissions per round, unit and category (A, B, C; '?' when unknown): one GROUP BY."""
        with self._read() as s:
            query = (select(SubmissionRow.round_id, SubmissionRow.unit_id, SubmissionRow.category, func.count())
                     .where(SubmissionRow.is_current.is_(True))
                     .group_by(SubmissionRow.round_id, SubmissionRow.unit_id, SubmissionRow.category))
            if round_name is not None:
                round_row = self._round(s, round_name, create=False)
                if round_row is None:
                    return []
                query = query.where(SubmissionRow.round_id == round_row.id)
            rows = s.execute(query).all()
            units = dict(s.execute(select(UnitRow.id, UnitRow.name)).all())
            rounds = dict(s.execute(select(RoundRow.id, RoundRow.name)).all())
        table: dict[tuple[int, int], dict[str, int]] = {}
        for round_id, unit_id, category, count in rows:
            table.setdefault((round_id, unit_id), {})[category or "?"] = int(count)
        out = [CategoryCount(rounds[r], units[u], counts) for (r, u), counts in table.items()]
        return sorted(out, key=lambda c: (c.round, name_key(c.unit)))

    def plain_group_by(self) -> list[tuple[Any, ...]]:
        """For the benchmark: the bare GROUP BY the dashboard counts are compared with."""
        with self._read() as s:
            query = (select(SubmissionRow.round_id, SubmissionRow.unit_id, SubmissionRow.category, func.count())
                     .where(SubmissionRow.is_current.is_(True))
                     .group_by(SubmissionRow.round_id, SubmissionRow.unit_id, SubmissionRow.category))
            return [tuple(r) for r in s.execute(query).all()]

    def delivered_units(self, round_name: str) -> set[str]:
        """Names of the units with at least one current submission in the round."""
        with self._read() as s:
            rows = s.scalars(select(UnitRow.name).join(SubmissionRow, SubmissionRow.unit_id == UnitRow.id)
                             .join(RoundRow, RoundRow.id == SubmissionRow.round_id)
                             .where(RoundRow.name_key == name_key(round_name), SubmissionRow.is_current.is_(True))
                             .distinct()).all()
            return set(rows)

    def counts(self) -> dict[str, int]:
        """Totals for a status line: submissions (current), quarantine waiting, keys, rounds."""
        with self._read() as s:
            return {
                "submissions": int(s.scalar(select(func.count()).select_from(SubmissionRow)
                                            .where(SubmissionRow.is_current.is_(True))) or 0),
                "quarantine": int(s.scalar(select(func.count()).select_from(QuarantineRow)
                                           .where(QuarantineRow.status == "waiting")) or 0),
                "keys": int(s.scalar(select(func.count()).select_from(TrustRow).where(TrustRow.revoked_from.is_(None))) or 0),
                "rounds": int(s.scalar(select(func.count()).select_from(RoundRow)) or 0),
            }

    def audit_log(self, limit: int = 200) -> list[AuditEntry]:
        """The newest audit lines first."""
        with self._read() as s:
            rows = s.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)).all()
            return [AuditEntry(r.id, r.at, r.actor, r.action, r.result, r.reason_code, r.reason, r.file_name,
                               r.package_sha256, r.submission_id, r.detail) for r in rows]

    # --- bulk path (benchmarks, migrations of old data) ------------------------------------------------

    def bulk_insert(self, items: Iterable[NewSubmission], *, actor: str, batch: int = 5000) -> int:
        """Insert many submissions quickly (each with a tiny placeholder package); no history logic, no audit."""
        total = 0
        chunk: list[NewSubmission] = []

        def flush(rows: list[NewSubmission]) -> None:
            with self._write() as s:
                unit_ids = {u: self._unit(s, u).id for u in {r.unit for r in rows}}  # type: ignore[union-attr]
                round_ids = {r: self._round(s, r).id for r in {r.round for r in rows}}  # type: ignore[union-attr]
                now = _now()
                shas = [f"bulk-{r.submission_id}" for r in rows]
                s.execute(insert(PackageRow), [{"sha256": sha, "size": 0, "data": b"", "file_name": "", "received_at": now,
                                                "received_by": actor} for sha in shas])
                ids = dict(s.execute(select(PackageRow.sha256, PackageRow.id).where(PackageRow.sha256.in_(shas))).all())
                package_ids = [ids[sha] for sha in shas]
                s.execute(insert(SubmissionRow), [{
                    "submission_id": r.submission_id, "package_id": pid, "round_id": round_ids[r.round],
                    "unit_id": unit_ids[r.unit], "algorithm_id": r.algorithm_id, "algorithm_name": r.algorithm_name,
                    "organisation": r.organisation, "created_at": r.created_at, "imported_at": now, "imported_by": actor,
                    "language": r.language, "signer_method": r.signer_method, "signer_name": r.signer_name,
                    "signer_fingerprint": r.signer_fingerprint, "content_digest": r.content_digest, "corrects": r.corrects,
                    "superseded_by": None, "is_current": True, "conclusion": r.conclusion, "conclusion_ref": r.conclusion_ref,
                    "conclusion_title": r.conclusion_title, "high_risk": r.high_risk, "prohibited": r.prohibited,
                    "category": r.category, "category_source": r.category_source, "exclusion_level": r.exclusion_level,
                    "exclusion_ground": r.exclusion_ground, "human_rights_test": r.human_rights_test,
                    "register_status": r.register_status, "publishable": r.publishable,
                    "not_published_reason": r.not_published_reason, "from_quarantine": False,
                    "documents": json.dumps(r.documents, separators=(",", ":")),
                } for r, pid in zip(rows, package_ids, strict=True)])

        for item in items:
            chunk.append(item)
            if len(chunk) >= batch:
                flush(chunk)
                total += len(chunk)
                chunk = []
        if chunk:
            flush(chunk)
            total += len(chunk)
        return total

    def set_current_flags(self, row_ids: Sequence[int], current: bool) -> None:
        """For the bulk path: mark rows current or not."""
        with self._write() as s:
            s.execute(update(SubmissionRow).where(SubmissionRow.id.in_(list(row_ids))).values(is_current=current))


def _link_of(row_id: int, documents: str) -> dict[str, Any]:
    """The link row of one submission from its documents JSON (what the manifest and outcome say)."""
    try:
        docs = json.loads(documents)
    except ValueError:
        docs = {}
    manifest = docs.get("manifest") if isinstance(docs, dict) else None
    outcome = docs.get("outcome") if isinstance(docs, dict) else None
    previous = manifest.get("previous") if isinstance(manifest, dict) else None
    ai = outcome.get("ai_act") if isinstance(outcome, dict) else None
    form = ai.get("form") if isinstance(ai, dict) else None
    form = form if isinstance(form, dict) else {}

    def text(value: Any, limit: int) -> str | None:
        return str(value)[:limit] if isinstance(value, str) and value else None

    return {"submission_row_id": row_id, "previous": text(previous, 36), "ai_form_id": text(form.get("id"), 200),
            "ai_form_version": text(form.get("version"), 200), "ai_form_sha256": text(form.get("sha256"), 64)}


def round_sort_key(info: RoundInfo) -> tuple[int, int]:
    """Rounds sort by the first four-digit year in their name (when any), then by when they became known."""
    import re

    match = re.search(r"(19|20|21)\d{2}", info.name)
    return (int(match.group(0)) if match else 0, info.position)


def open_repository(target: DbTarget, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT, migrate: bool = True) -> CdoRepository:
    """Migrate (unless told not to) and open the CDO database at target."""
    if migrate:
        from algoinventaris.storage.cdo.migrate import migrate as run_migrations

        run_migrations(target, busy_timeout=busy_timeout)
    if target.path is not None:
        from algoinventaris.storage.db import set_journal_mode
        from algoinventaris.storage.sqlitefile import is_local_folder

        set_journal_mode(target.path, wal=is_local_folder(target.path.parent), busy_timeout=busy_timeout)
    return CdoRepository(target, busy_timeout=busy_timeout)
