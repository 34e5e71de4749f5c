"""The CDO import pipeline: one package in, one named result out, and nothing half-imported.

Steps, in this order (the first failure decides, and every result has a named reason):
 1. zip safety and size limits, 2. manifest schema, 3. signature (package/verify.py);
 4. the signer is enrolled for the package's organisation unit in the trust store (Ed25519 key by
    fingerprint, or a CA certificate for CMS) and was not revoked before the package was made;
 5. every file's hash and size, no missing or extra file, the content digest;
 6. every questionnaire version is known (by content hash, and named with the id and version that
    content has) — unknown goes to quarantine;
 7. outcome.json and register.json have the types this app writes, and the answers fit that
    questionnaire (replayed with our engine) — otherwise refused;
 8. the outcome is recomputed and compared with outcome.json (conclusion, labels, facts, and the
    category when the impact questions are in the package) — a mismatch goes to quarantine;
 9. de-duplication: the same bytes again are a duplicate (nothing changes), and so is the same signed
    manifest in a zip packed differently ("repacked"); the same submission id with other content goes
    to quarantine; a package naming a predecessor supersedes it (history kept);
10. the original bytes, the parsed data and an audit line are stored in ONE transaction.
Refusals are audit-logged too. Quarantined packages keep their bytes; accepting one imports it as it is.
Steps 1-8 need only the bytes, the forms and the run's snapshot of the trust store, so a large import
from the command line does them in verifier processes a few packages ahead (parallel_workers says when);
steps 9 and 10 (every database read and write) stay in the importing process, in input order, one
transaction per package, exactly as when everything runs in one process.
Reasons quote names and values from the package with control characters and direction marks shown as
a marker such as [U+001B] (report/safetext.py), so a package cannot write to a terminal or reverse text.
"""

from __future__ import annotations

import collections
import copy
import dataclasses
import datetime as dt
import getpass
import hashlib
import io
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from algoinventaris.cdo.forms_index import FormIndex, bundled_index
from algoinventaris.cdo.records import NewSubmission, TrustEntry, name_key
from algoinventaris.cdo.texts import RESULT_TEXT, pick
from algoinventaris.formengine.errors import DecisionError
from algoinventaris.formengine.model import Form
from algoinventaris.formengine.runner import Decision, Step, run
from algoinventaris.package.documents import ANSWERS, MANIFEST, OUTCOME, REGISTER
from algoinventaris.package.keys import SIGNATURE_FILES, group_fingerprint
from algoinventaris.package.verify import (
    EXIT_CONTENT,
    EXIT_FILES,
    EXIT_MANIFEST,
    EXIT_SIGNATURE,
    EXIT_VALID,
    EXIT_ZIP,
    MAX_PACKAGE_BYTES,
    verify_bytes,
)
from algoinventaris.report.safetext import visible

ACTOR_ENV = "ALGOINVENTARIS_CDO_USER"
AI_ACT = "ai-act"
IMPACT = "impact"
Progress = Callable[[int, int, str], None]
VERIFY_CODES = {EXIT_ZIP: "unsafe-zip", EXIT_MANIFEST: "manifest", EXIT_SIGNATURE: "signature",
                EXIT_CONTENT: "hash-mismatch", EXIT_FILES: "files"}


def default_actor() -> str:
    """Who is importing: ALGOINVENTARIS_CDO_USER, else the login name."""
    env = os.environ.get(ACTOR_ENV)
    if env:
        return env
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "onbekend"


@dataclass
class ImportOutcome:
    """The result of importing one package: imported, duplicate, superseded, quarantined or refused, and why."""

    file: str
    result: str
    reason_code: str | None = None
    reason_nl: str = ""
    reason_en: str = ""
    submission_id: str | None = None
    algorithm: str | None = None
    unit: str | None = None
    round: str | None = None
    category: str | None = None
    quarantine_id: int | None = None
    superseded: tuple[str, ...] = ()
    row_id: int | None = None
    sha256: str = ""

    def __post_init__(self) -> None:
        # reasons quote names and values from the package: never let a control character or direction mark through
        self.reason_nl = visible(self.reason_nl, keep_layout=False)
        self.reason_en = visible(self.reason_en, keep_layout=False)

    @property
    def ok(self) -> bool:
        """True when the package is in the database (imported, superseded, or a duplicate of what is there)."""
        return self.result in ("imported", "superseded", "duplicate")

    def reason(self, lang: str = "nl") -> str:
        return self.reason_en if lang == "en" else self.reason_nl

    def result_text(self, lang: str = "nl") -> str:
        return pick(RESULT_TEXT, self.result, lang)

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        """One object per package for `cdo import --json`."""
        return {"file": self.file, "result": self.result, "reason": self.reason(lang) or None,
                "reason_code": self.reason_code, "submission_id": self.submission_id, "algorithm": self.algorithm,
                "unit": self.unit, "round": self.round, "category": self.category, "quarantine_id": self.quarantine_id,
                "supersedes": list(self.superseded), "sha256": self.sha256}


class _Stop(Exception):
    """A step decided the result (refused or quarantined)."""

    def __init__(self, result: str, code: str, nl: str, en: str) -> None:
        super().__init__(en)
        self.result, self.code, self.nl, self.en = result, code, nl, en
        self.manifest: dict[str, Any] | None = None


def _refuse(code: str, nl: str, en: str) -> _Stop:
    return _Stop("refused", code, nl, en)


def _hold(code: str, nl: str, en: str) -> _Stop:
    return _Stop("quarantined", code, nl, en)


def _created_at(manifest: dict[str, Any]) -> dt.datetime:
    return dt.datetime.strptime(manifest["created_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def _date(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


@dataclass
class Checked:
    """A package that passed steps 1-8: what to store."""

    new: NewSubmission
    notes: list[tuple[str, str]] = field(default_factory=list)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders as every *.zip inside them (recursively), each once, in a stable order."""
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".zip") if path.is_dir() else [path]
        for item in found:
            key = item.resolve() if item.exists() else item
            if key not in seen:
                seen.add(key)
                out.append(item)
    return out


@dataclass
class Verdict:
    """Steps 1-8 for one package's bytes, done ahead (possibly in another process): what to store, or why not."""

    checked: Checked | None
    stop: tuple[str, str, str, str] | None = None  # result, reason code, Dutch and English reason
    manifest: dict[str, Any] | None = None

    def unwrap(self) -> Checked:
        """The checked package, or the _Stop the checks raised."""
        if self.stop is not None:
            stop = _Stop(*self.stop)
            stop.manifest = self.manifest
            raise stop
        assert self.checked is not None
        return self.checked


PARALLEL_MIN_FILES = 32  # below this a pool costs more than it saves
PARALLEL_CHUNK = 4       # packages per task sent to a verifier process
_worker: Importer | None = None  # in a verifier process: the checks, without the database


def _start_verifier(importer: Importer) -> None:
    """Initialiser of a verifier process (forked: the importer, its forms and its trust snapshot are inherited).

    Ctrl-C is the importing process's to handle (it stops the pool); a verifier whose importing process
    is gone (killed) ends itself instead of waiting for work that never comes.
    """
    global _worker
    worker = copy.copy(importer)
    worker.repo = None  # the parent's database connections are never used from a child
    _worker = worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="verifier-watch", daemon=True).start()


def _verify_files(paths: list[str]) -> list[tuple[str, bytes | tuple[str, str, str], str, Verdict | None]]:
    """In a verifier process: read and check packages (steps 1-8); the bytes come back with their verdict."""
    assert _worker is not None
    out: list[tuple[str, bytes | tuple[str, str, str], str, Verdict | None]] = []
    for name in paths:
        data = _worker._read(name)
        if isinstance(data, tuple):
            out.append((name, data, "", None))
        else:
            out.append((name, data, hashlib.sha256(data).hexdigest(), _worker.verdict(data)))
    return out


def parallel_workers(files: int, wanted: int | None = None) -> int:
    """How many verifier processes an import of this many files gets here (0: check in this process).

    wanted: None = decide (two or more cores and at least PARALLEL_MIN_FILES files: up to two), else
    that number. Only ever with fork (no new interpreter to start; nothing pickled but the packages and
    their verdicts), from the main thread of a process without other threads (a forked child gets only
    the calling thread, so the window's import, which runs in a thread, stays in one process), and
    outside a frozen app.
    """
    if wanted == 0 or getattr(sys, "frozen", False) or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    if threading.current_thread() is not threading.main_thread() or threading.active_count() > 1:
        return 0
    if wanted is not None:
        return max(wanted, 0)
    cores = os.cpu_count() or 1
    return min(cores, 2) if files >= PARALLEL_MIN_FILES and cores >= 2 else 0


class Importer:
    """Imports packages into a CDO repository; one instance per run (it caches the trust store and the forms).

    workers: verifier processes for import_paths (None: parallel_workers decides; 0: all in this process).
    Whatever the number, every package gets every check, and each is stored (or not) in its own
    transaction, in input order, by this process.
    """

    def __init__(self, repo: Any, *, actor: str | None = None, forms: FormIndex | None = None,
                 workers: int | None = None) -> None:
        self.repo = repo
        self.actor = actor or default_actor()
        self.forms = forms if forms is not None else bundled_index()
        self.workers = workers
        self._trust: dict[str, list[TrustEntry]] | None = None
        self._by_fp: dict[str, list[TrustEntry]] = {}

    # --- entry points --------------------------------------------------------------------------------

    def import_paths(self, paths: Sequence[str | Path], progress: Progress | None = None,
                     cancelled: Callable[[], bool] | None = None) -> Generator[ImportOutcome, None, None]:
        """Import every package named (folders: every *.zip inside), yielding one outcome each, in order.

        Closing the generator early stops the import after the last outcome taken (nothing more is stored).
        """
        files = expand_paths(paths)
        total = len(files)
        workers = parallel_workers(total, self.workers)
        done = 0
        if workers > 0 and total > 1:
            for outcome in self._import_parallel(files, workers, progress, cancelled):
                if outcome is None:
                    return
                done += 1
                yield outcome
        for file in files[done:]:  # all of them, or what is left when the verifier processes broke down
            if cancelled is not None and cancelled():
                return
            if progress is not None:
                progress(done, total, file.name)
            done += 1
            yield self.import_file(file)
        if progress is not None:
            progress(total, total, "")

    def _import_parallel(self, files: list[Path], workers: int, progress: Progress | None,
                         cancelled: Callable[[], bool] | None) -> Iterator[ImportOutcome | None]:
        """Steps 1-8 in verifier processes, a few packages ahead; status, storing and audit here, in input order.

        Yields None when cancelled; stops early (the rest is imported in this process) when a verifier
        process dies.
        """
        from concurrent.futures import Future, ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        self._trust_entries("")  # the trust snapshot of this run, read once before the processes start
        chunks = [[str(f) for f in files[i:i + PARALLEL_CHUNK]] for i in range(0, len(files), PARALLEL_CHUNK)]
        total = len(files)
        done = 0
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_start_verifier,
                                   initargs=(self,))
        try:
            ahead: collections.deque[Future[Any]] = collections.deque()
            queued = 0
            while done < total:
                try:
                    while queued < len(chunks) and len(ahead) < 2 * workers:
                        ahead.append(pool.submit(_verify_files, chunks[queued]))
                        queued += 1
                    results = ahead.popleft().result()
                except BrokenProcessPool:
                    return  # a verifier process died (killed, out of memory): the rest is checked here
                for name, data, sha, verdict in results:
                    if cancelled is not None and cancelled():
                        yield None
                        return
                    if progress is not None:
                        progress(done, total, Path(name).name)
                    outcome = (self._refused_early(name, *data) if isinstance(data, tuple)
                               else self._import(data, name, sha, verdict))
                    done += 1
                    yield outcome
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def import_file(self, path: str | Path) -> ImportOutcome:
        name = str(path)
        data = self._read(path)
        if isinstance(data, tuple):
            return self._refused_early(name, *data)
        return self.import_bytes(data, name)

    @staticmethod
    def _read(path: str | Path) -> bytes | tuple[str, str, str]:
        """A package file's bytes, or why it is refused before any check (reason code, Dutch, English)."""
        name = str(path)
        try:
            if Path(path).stat().st_size > MAX_PACKAGE_BYTES:
                return ("unsafe-zip", f"Het bestand is groter dan {MAX_PACKAGE_BYTES // 2**20} MB; geen geldig pakket.",
                        f"The file is larger than {MAX_PACKAGE_BYTES // 2**20} MB; not a valid package.")
            return Path(path).read_bytes()
        except OSError as err:
            why = err.strerror or str(err)
            return ("unreadable", f"{name} is onleesbaar: {why}.", f"{name} cannot be read: {why}.")

    def verdict(self, data: bytes) -> Verdict:
        """Steps 1-8 on package bytes (no database: the trust store is this run's snapshot)."""
        try:
            return Verdict(self._check(data))
        except _Stop as stop:
            return Verdict(None, (stop.result, stop.code, stop.nl, stop.en), stop.manifest)

    def import_bytes(self, data: bytes, file_name: str = "") -> ImportOutcome:
        """Run the whole pipeline on package bytes."""
        return self._import(data, file_name, hashlib.sha256(data).hexdigest(), None)

    def _import(self, data: bytes, file_name: str, sha: str, verdict: Verdict | None) -> ImportOutcome:
        """The pipeline on package bytes whose steps 1-8 were done ahead (verdict) or are done now (None)."""
        from algoinventaris.storage.errors import StorageError

        known = self.repo.package_status(sha)
        if known is not None:
            kind, ref = known
            if kind == "submission":
                out = ImportOutcome(file_name, "duplicate", "same-bytes",
                                    f"Precies dit pakket is al geïmporteerd (inzending {ref}); er is niets veranderd.",
                                    f"Exactly this package was imported before (submission {ref}); nothing changed.",
                                    submission_id=str(ref), sha256=sha)
            else:
                out = ImportOutcome(file_name, "duplicate", "waiting",
                                    f"Precies dit pakket staat al in quarantaine (nr. {ref}); er is niets veranderd.",
                                    f"Exactly this package is already in quarantine (no. {ref}); nothing changed.",
                                    quarantine_id=int(ref) if ref is not None else None, sha256=sha)
            self._audit(out)
            return out
        try:
            checked = verdict.unwrap() if verdict is not None else self._check(data)
        except _Stop as stop:
            out = self._outcome_from(file_name, stop, stop.manifest, sha)
            if stop.result == "quarantined":
                return self._quarantine(out, data)
            self._audit(out)
            return out
        new = checked.new
        note_nl = " ".join(nl for nl, _ in checked.notes)
        note_en = " ".join(en for _, en in checked.notes)
        from algoinventaris.storage.cdo.repository import SameSubmissionId

        try:
            stored = self.repo.store_submission(new, data, sha, file_name, actor=self.actor, result_note=note_en or None)
        except SameSubmissionId as same:
            if self._same_manifest(new):
                out = ImportOutcome(file_name, "duplicate", "repacked",
                                    f"Dit pakket bevat precies inzending {new.submission_id}, die al is geïmporteerd; alleen de "
                                    f"zip is anders ingepakt. Er is niets veranderd.",
                                    f"This package holds exactly submission {new.submission_id}, which was imported before; only "
                                    f"the zip was packed differently. Nothing changed.",
                                    submission_id=new.submission_id, algorithm=new.algorithm_name, unit=new.unit,
                                    round=new.round, sha256=sha)
                self._audit(out)
                return out
            held = self._same_id_stop(new, same)
            return self._quarantine(self._outcome_from(file_name, held, new.documents.get("manifest"), sha), data)
        except StorageError as err:
            if self.repo.package_status(sha) is not None:  # someone else imported these bytes at the same moment
                return self._import(data, file_name, sha, None)
            out = ImportOutcome(file_name, "refused", "storage",
                                f"De database weigerde de gegevens van dit pakket; er is niets opgeslagen. ({err})",
                                f"The database refused this package's data; nothing was stored. ({err})",
                                submission_id=new.submission_id, algorithm=new.algorithm_name, unit=new.unit,
                                round=new.round, sha256=sha)
            self._audit(out)
            return out
        out = ImportOutcome(file_name, "superseded" if stored.superseded else "imported", None, note_nl, note_en,
                            submission_id=new.submission_id, algorithm=new.algorithm_name, unit=new.unit, round=new.round,
                            category=new.category, superseded=stored.superseded, row_id=stored.row_id, sha256=sha)
        self._describe_history(out, stored.superseded, stored.superseded_by)
        return out

    def accept(self, item_id: int, note: str = "") -> ImportOutcome:
        """Import a quarantined package as it is (signature and hashes must still hold); audit-logged with who."""
        item, data = self.repo.get_quarantine(item_id)
        if item.status != "waiting":
            from algoinventaris.storage.cdo.repository import Conflict

            raise Conflict(f"Quarantine item {item_id} was already {item.status}.")
        try:
            checked = self._check(data, accept=True)
        except _Stop as stop:
            out = self._outcome_from(item.file_name, stop, stop.manifest, item.package_sha256)
            out.quarantine_id = item_id
            self._audit(out, action="accept")
            return out
        new = checked.new
        text = " ".join(p for p in (f"Uit quarantaine geaccepteerd door {self.actor}.", note) if p)
        stored = self.repo.store_submission(new, data, item.package_sha256, item.file_name, actor=self.actor,
                                            from_quarantine=item_id, decision_note=note or item.reason_en)
        out = ImportOutcome(item.file_name, "superseded" if stored.superseded else "imported", item.reason_code, text,
                            " ".join(p for p in (f"Accepted from quarantine by {self.actor}.", note) if p),
                            submission_id=new.submission_id, algorithm=new.algorithm_name, unit=new.unit, round=new.round,
                            category=new.category, superseded=stored.superseded, row_id=stored.row_id,
                            quarantine_id=item_id, sha256=item.package_sha256)
        self._describe_history(out, stored.superseded, stored.superseded_by)
        return out

    def reject(self, item_id: int, note: str) -> Any:
        """Keep a quarantined package out; the note (required) says why."""
        if not note.strip():
            raise ValueError("a rejection needs a reason")
        return self.repo.reject_quarantine(item_id, actor=self.actor, note=note.strip())

    # --- helpers for outcomes ----------------------------------------------------------------------

    def _refused_early(self, name: str, code: str, nl: str, en: str) -> ImportOutcome:
        out = ImportOutcome(name, "refused", code, nl, en)
        self._audit(out)
        return out

    @staticmethod
    def _outcome_from(file_name: str, stop: _Stop, manifest: dict[str, Any] | None, sha: str) -> ImportOutcome:
        out = ImportOutcome(file_name, stop.result, stop.code, stop.nl, stop.en, sha256=sha)
        if manifest:
            out.submission_id = manifest.get("submission_id")
            out.algorithm = (manifest.get("algorithm") or {}).get("name")
            out.round = (manifest.get("algorithm") or {}).get("round")
            out.unit = (manifest.get("organisation") or {}).get("unit")
        return out

    @staticmethod
    def _describe_history(out: ImportOutcome, superseded: Sequence[str], superseded_by: str | None) -> None:
        if superseded:
            ids = ", ".join(superseded)
            out.reason_nl = " ".join(p for p in (f"Vervangt inzending {ids} (die blijft in de geschiedenis).", out.reason_nl) if p)
            out.reason_en = " ".join(p for p in (f"Supersedes submission {ids} (kept in the history).", out.reason_en) if p)
        elif superseded_by:
            nl = f"Bewaard als geschiedenis: de nieuwere inzending {superseded_by} geldt."
            en = f"Kept as history: the newer submission {superseded_by} is current."
            out.reason_nl = " ".join(p for p in (nl, out.reason_nl) if p)
            out.reason_en = " ".join(p for p in (en, out.reason_en) if p)

    def _audit(self, out: ImportOutcome, action: str = "import") -> None:
        from algoinventaris.storage.errors import StorageError

        try:
            self.repo.record_audit(action, out.result, actor=self.actor, reason_code=out.reason_code, reason=out.reason_en or None,
                                   file_name=out.file, package_sha256=out.sha256 or None, submission_id=out.submission_id)
        except StorageError:
            pass  # the outcome is reported to the person anyway; an audit failure must not hide it

    def _quarantine(self, out: ImportOutcome, data: bytes) -> ImportOutcome:
        from algoinventaris.storage.errors import StorageError

        try:
            out.quarantine_id = self.repo.store_quarantine(
                data, out.sha256, out.file, actor=self.actor, reason_code=out.reason_code or "", reason_nl=out.reason_nl,
                reason_en=out.reason_en, submission_id=out.submission_id, algorithm_name=out.algorithm, unit_name=out.unit,
                round_name=out.round)
        except StorageError as err:
            if out.sha256 and self.repo.package_status(out.sha256) is not None:
                return self.import_bytes(data, out.file)  # another import stored these bytes at the same moment: a duplicate
            out.result, out.reason_code = "refused", "storage"
            out.reason_nl = f"Het pakket moest in quarantaine, maar de database weigerde het; er is niets opgeslagen. ({err})"
            out.reason_en = f"The package had to go to quarantine, but the database refused it; nothing was stored. ({err})"
            self._audit(out)
        return out

    # --- the checks ----------------------------------------------------------------------------------

    def _check(self, data: bytes, *, accept: bool = False) -> Checked:
        result = verify_bytes(data)
        manifest = result.manifest
        try:
            if result.code in (EXIT_ZIP, EXIT_MANIFEST, EXIT_SIGNATURE) or manifest is None:
                raise _refuse(VERIFY_CODES.get(result.code, "unsafe-zip"), result.reason_nl, result.reason_en)
            notes = self._check_trust(manifest, data)
            if result.code != EXIT_VALID:
                raise _refuse(VERIFY_CODES.get(result.code, "hash-mismatch"), result.reason_nl, result.reason_en)
            checked = self._check_content(manifest, data, result.content_digest or "", accept=accept)
        except _Stop as stop:
            stop.manifest = manifest
            raise
        checked.notes[:0] = notes
        return checked

    def _same_manifest(self, new: NewSubmission) -> bool:
        """Whether a stored submission with this id has the very same signed manifest (so the same files, by their hashes)."""
        for info in self.repo.submissions_with_id(new.submission_id):
            if self.repo.documents(info.id).get("manifest") == new.documents.get("manifest"):
                return True
        return False

    @staticmethod
    def _same_id_stop(new: NewSubmission, same: Any) -> _Stop:
        """Step 9: the same submission id with other bytes is held for a person to decide."""
        when = f"{same.imported_at:%Y-%m-%d}"
        return _hold("conflicting-id",
                     f"Inzending {new.submission_id} is al geïmporteerd ({when}) met andere inhoud "
                     f"(inhoudsdigest {same.content_digest[:16]}, nu {new.content_digest[:16]}). Een correctie hoort een "
                     f"nieuwe inzending-id te hebben; beoordeel welke geldt.",
                     f"Submission {new.submission_id} was imported before ({when}) with other content "
                     f"(content digest {same.content_digest[:16]}, now {new.content_digest[:16]}). A correction should have a "
                     f"new submission id; decide which one holds.")

    def _trust_entries(self, unit: str) -> list[TrustEntry]:
        if self._trust is None:
            self._trust = {}
            self._by_fp = {}
            for entry in self.repo.list_trust():
                self._trust.setdefault(name_key(entry.unit), []).append(entry)
                self._by_fp.setdefault(entry.fingerprint, []).append(entry)
        return self._trust.get(name_key(unit), [])

    def _check_trust(self, manifest: dict[str, Any], data: bytes) -> list[tuple[str, str]]:
        unit = str(manifest["organisation"].get("unit") or "").strip()
        signer = manifest["signer"]
        fp = signer["fingerprint"]
        shown = group_fingerprint(fp)
        created = _created_at(manifest)
        if not unit:
            raise _refuse("unknown-unit",
                          "Het pakket noemt geen organisatieonderdeel, dus er is geen aangemelde sleutel om mee te vergelijken.",
                          "The package names no organisation unit, so there is no enrolled key to compare with.")
        entries = self._trust_entries(unit)
        elsewhere = sorted({e.unit for e in self._by_fp.get(fp, []) if name_key(e.unit) != name_key(unit)})
        if not entries:
            if elsewhere:
                raise _refuse("unknown-unit",
                              f"Ondertekend met sleutel {shown}, die is aangemeld voor {', '.join(elsewhere)}, niet voor '{unit}'; "
                              f"voor '{unit}' is nog geen sleutel aangemeld.",
                              f"Signed with key {shown}, which is enrolled for {', '.join(elsewhere)}, not for '{unit}'; "
                              f"no key is enrolled for '{unit}' yet.")
            raise _refuse("unknown-unit",
                          f"Voor onderdeel '{unit}' is geen sleutel of CA aangemeld. Meld de publieke sleutel van de eigenaar aan "
                          f"(cdo trust add --unit \"{unit}\" --key SLEUTEL.pem) en importeer opnieuw.",
                          f"No key or CA is enrolled for unit '{unit}'. Enrol the owner's public key "
                          f"(cdo trust add --unit \"{unit}\" --key KEY.pem) and import again.")
        if signer["method"] == "ed25519":
            match = [e for e in entries if e.kind == "ed25519" and e.fingerprint == fp]
            if not match:
                other = f" (die sleutel is aangemeld voor {', '.join(elsewhere)})" if elsewhere else ""
                other_en = f" (that key is enrolled for {', '.join(elsewhere)})" if elsewhere else ""
                raise _refuse("untrusted-signer",
                              f"Ondertekend met sleutel {shown}; die is niet aangemeld voor onderdeel '{unit}'{other}.",
                              f"Signed with key {shown}, which is not enrolled for unit '{unit}'{other_en}.")
            entry = match[0]
            if not entry.valid_at(created):
                assert entry.revoked_from is not None
                raise _refuse("revoked-key",
                              f"Sleutel {shown} van '{unit}' is ingetrokken per {_date(entry.revoked_from)}; het pakket is gemaakt op "
                              f"{_date(created)}.",
                              f"Key {shown} of '{unit}' was revoked from {_date(entry.revoked_from)}; the package was made on "
                              f"{_date(created)}.")
            if entry.revoked_from is not None:
                return [(f"Let op: sleutel {shown} is ingetrokken per {_date(entry.revoked_from)}, maar dit pakket is daarvoor gemaakt.",
                         f"Note: key {shown} was revoked from {_date(entry.revoked_from)}, but this package was made before that.")]
            return []
        return self._check_cms(manifest, data, entries, unit, created)

    def _check_cms(self, manifest: dict[str, Any], data: bytes, entries: list[TrustEntry], unit: str,
                   created: dt.datetime) -> list[tuple[str, str]]:
        from cryptography import x509

        from algoinventaris.package.cms import CertificateRefused, CmsError, verify_detached
        from algoinventaris.package.documents import MANIFEST

        cas = [e for e in entries if e.kind == "ca"]
        if not cas:
            raise _refuse("untrusted-signer",
                          f"Het pakket is ondertekend met een certificaat, maar voor '{unit}' is geen CA aangemeld.",
                          f"The package is signed with a certificate, but no CA is enrolled for '{unit}'.")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            raw = archive.read(MANIFEST)
            p7s = archive.read(SIGNATURE_FILES["cms"])
        valid = [e for e in cas if e.valid_at(created)]
        revoked = [e for e in cas if not e.valid_at(created)]
        last: CmsError | None = None
        if valid:
            try:
                verify_detached(p7s, raw, trusted=[x509.load_der_x509_certificate(e.material) for e in valid], at=created)
                return []
            except CmsError as err:
                last = err
        if revoked:
            try:
                verify_detached(p7s, raw, trusted=[x509.load_der_x509_certificate(e.material) for e in revoked], at=created)
            except CmsError:
                pass
            else:
                moment = min(e.revoked_from for e in revoked if e.revoked_from is not None)
                raise _refuse("revoked-key",
                              f"De CA van '{unit}' die dit certificaat uitgaf is ingetrokken per {_date(moment)}; het pakket is gemaakt op "
                              f"{_date(created)}.",
                              f"The CA of '{unit}' that issued this certificate was revoked from {_date(moment)}; the package was "
                              f"made on {_date(created)}.")
        nl = last.nl if last is not None else ""
        en = last.en if last is not None else ""
        if isinstance(last, CertificateRefused):
            raise _refuse("untrusted-signer", f"Het certificaat van de ondertekenaar telt niet voor '{unit}': {nl}",
                          f"The signer's certificate does not count for '{unit}': {en}")
        raise _refuse("untrusted-signer", f"Het certificaat komt niet van een CA die voor '{unit}' is aangemeld. {nl}".strip(),
                      f"The certificate does not come from a CA enrolled for '{unit}'. {en}".strip())

    def _check_content(self, manifest: dict[str, Any], data: bytes, digest: str, *, accept: bool) -> Checked:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            raw = {name: archive.read(name) for name in (MANIFEST, ANSWERS, OUTCOME, REGISTER)}
        # verify_bytes already proved these canonical and strict (no duplicate keys), so plain json.loads reads them
        docs = {name: json.loads(raw[name]) for name in (ANSWERS, OUTCOME, REGISTER)}
        answers, outcome, register = docs[ANSWERS], docs[OUTCOME], docs[REGISTER]
        if not isinstance(answers, dict) or not isinstance(outcome, dict) or not isinstance(register, dict):
            raise _refuse("answers-invalid", "answers.json, outcome.json of register.json is geen JSON-object.",
                          "answers.json, outcome.json or register.json is not a JSON object.")
        shape = _shape_problem(outcome, register)
        if shape is not None:
            name, where, kind = shape
            raise _refuse("answers-invalid", f"{name} heeft niet de vorm die een pakket van deze app heeft: {where} is geen "
                                             f"{SHAPE_WORDS[kind][0]}.",
                          f"{name} does not have the form a package of this app has: {where} is not {SHAPE_WORDS[kind][1]}.")
        # step 6: every questionnaire version is known
        named = [f for f in manifest.get("forms", [])]
        for entry in answers.get("forms") or []:
            form_ref = entry.get("form") if isinstance(entry, dict) else None
            if isinstance(form_ref, dict):
                named.append(form_ref)
        forms: dict[str, Form] = {}
        unknown = []
        for ref in named:
            sha = str(ref.get("sha256", ""))
            form = self.forms.get(sha)
            if form is None:
                unknown.append(f"{_shown(ref.get('id'))} {_shown(ref.get('version'))} ({_shown(sha[:12])})")
            elif (ref.get("id"), ref.get("version")) != (form.id, form.version):
                # the content hash is of a known form, but the package calls it something else: believe neither
                unknown.append(f"{_shown(ref.get('id'))} {_shown(ref.get('version'))} ({sha[:12]} = {form.id} {form.version})")
            else:
                forms[sha] = form
        if unknown and not accept:
            shown = ", ".join(sorted(set(unknown)))
            raise _hold("unknown-form",
                        f"Het pakket gebruikt een versie van een vragenlijst die deze app niet kent: {shown}. Werk de app bij, of "
                        f"accepteer het pakket zoals het is.",
                        f"The package uses a questionnaire version this app does not know: {shown}. Update the app, or accept "
                        f"the package as it is.")
        # step 7: the answers fit the questionnaire
        decisions: dict[str, tuple[Form, Decision]] = {}
        for number, entry in enumerate(answers.get("forms") or [], start=1):
            if not isinstance(entry, dict) or not isinstance(entry.get("form"), dict):
                raise _refuse("answers-invalid", f"answers.json: vragenlijst {number} is onleesbaar.",
                              f"answers.json: questionnaire {number} cannot be read.")
            form = forms.get(str(entry["form"].get("sha256", "")))
            if form is None:
                continue  # unknown and accepted as it is
            try:
                steps = [Step(str(a["question"]), tuple(str(x) for x in a["answers"])) for a in entry.get("answers") or []]
                decision = run(form, steps, complete=form.id == AI_ACT)
            except DecisionError as err:
                raise _refuse("answers-invalid",
                              f"De antwoorden passen niet bij vragenlijst {form.id} {form.version}: {err}.",
                              f"The answers do not fit questionnaire {form.id} {form.version}: {err}.") from err
            except (KeyError, TypeError) as err:
                raise _refuse("answers-invalid", f"answers.json: een antwoord bij {form.id} is onleesbaar ({err}).",
                              f"answers.json: an answer for {form.id} cannot be read ({err}).") from err
            decisions[form.content_hash] = (form, decision)
        # step 8: the outcome, recomputed
        ai: dict[str, Any] = outcome["ai_act"] if isinstance(outcome.get("ai_act"), dict) else {}
        ai_sha = str((ai.get("form") or {}).get("sha256", ""))
        mine = decisions.get(ai_sha)
        notes: list[tuple[str, str]] = []
        facts: dict[str, list[str]] = {}
        if mine is not None:
            form, decision = mine
            assert decision.conclusion is not None
            facts = decision.facts()
            differences: list[tuple[str, str, Any, Any]] = []
            if ai.get("conclusion") != decision.conclusion.id:
                differences.append(("conclusie", "conclusion", ai.get("conclusion"), decision.conclusion.id))
            if ai.get("conclusion_ref") != decision.conclusion.ref:
                differences.append(("officiële conclusie", "official conclusion", ai.get("conclusion_ref"), decision.conclusion.ref))
            if list(ai.get("labels") or []) != list(decision.labels):
                differences.append(("labels", "labels", ai.get("labels"), decision.labels))
            if {k: sorted(v) for k, v in (ai.get("facts") or {}).items()} != {k: sorted(v) for k, v in facts.items()}:
                differences.append(("feiten", "facts", ai.get("facts"), facts))
            if differences and not accept:
                nl = "; ".join(f"{d[0]}: pakket {json.dumps(d[2], ensure_ascii=False)}, herberekend {json.dumps(d[3], ensure_ascii=False)}"
                               for d in differences)
                en = "; ".join(f"{d[1]}: package {json.dumps(d[2], ensure_ascii=False)}, recomputed {json.dumps(d[3], ensure_ascii=False)}"
                               for d in differences)
                raise _hold("outcome-mismatch", f"De uitkomst in het pakket wijkt af van wat deze app uit de antwoorden berekent: {nl}.",
                            f"The outcome in the package differs from what this app computes from the answers: {en}.")
        elif ai_sha and not accept:
            raise _refuse("answers-invalid", "answers.json bevat de antwoorden niet waarop de AI-uitkomst berust.",
                          "answers.json lacks the answers the AI Act outcome rests on.")
        else:
            facts = {k: list(v) for k, v in (ai.get("facts") or {}).items()} if isinstance(ai.get("facts"), dict) else {}
        category_doc = outcome.get("category") if isinstance(outcome.get("category"), dict) else None
        assessment = None
        impact = next(((f, d) for f, d in decisions.values() if f.id == IMPACT), None)
        if impact is not None and mine is not None:
            assessment = _assess(facts, impact[1], mine[1])
            if assessment is not None:
                computed = assessment.category.category
                given = category_doc.get("category") if category_doc else None
                if given != computed and not accept:
                    raise _hold("outcome-mismatch",
                                f"De categorie in het pakket ({given}) wijkt af van wat deze app uit de antwoorden berekent ({computed}).",
                                f"The category in the package ({given}) differs from what this app computes from the answers ({computed}).")
        new = _new_submission(manifest, digest, answers, outcome, register, facts, category_doc, assessment, mine)
        stored = b"".join((b'{"answers":', raw[ANSWERS], b',"manifest":', raw[MANIFEST], b',"outcome":', raw[OUTCOME],
                           b',"register":', raw[REGISTER], b"}"))
        return Checked(dataclasses.replace(new, documents_json=stored.decode("utf-8")), notes)


def _assess(facts: dict[str, list[str]], impact: Decision, ai: Decision) -> Any:
    try:
        from algoinventaris.domain.category import assess
    except ImportError:  # pragma: no cover - the category module is part of the app
        return None
    answers = {t.question: tuple(t.answers) for t in impact.path}
    return assess(facts, answers, ai_act_concluded=ai.done, impact_complete=impact.done)


def _new_submission(manifest: dict[str, Any], digest: str, answers: dict[str, Any], outcome: dict[str, Any],
                    register: dict[str, Any], facts: dict[str, list[str]], category_doc: dict[str, Any] | None,
                    assessment: Any, mine: tuple[Form, Decision] | None) -> NewSubmission:
    risk = set(facts.get("risicogroep", []))
    high_risk = "hoog-risico-ai-systeem" in risk
    prohibited = "verboden-ai" in risk
    category: str | None = None
    source: str | None = None
    ground: str | None = None
    hrt: str | None = None
    level = "none"
    reg_status = str(register.get("status") or "not-filled")
    if assessment is not None:
        category, source = assessment.category.category, "package"
        level = assessment.exclusion.level
        ground = assessment.exclusion.ground
        hrt = assessment.human_rights_test.status
    elif category_doc is not None:
        category, source = category_doc.get("category"), "package"
        ground = category_doc.get("exclusion_ground") or None
        hrt = category_doc.get("human_rights_test") or None
        if ground:
            level = "partial" if reg_status != "not-filled" else "full"
    elif high_risk:
        category, source = "A", "derived"
    if category not in ("A", "B", "C"):
        category, source = None, None
    publishable = category in ("A", "B") and level != "full" and reg_status == "complete"
    reason = None
    if category in ("A", "B") and not publishable:
        reason = f"excluded:{ground or ''}" if level == "full" else f"register:{reg_status}"
    ai = outcome.get("ai_act") or {}
    conclusion_id = mine[1].conclusion.id if mine is not None and mine[1].conclusion is not None else ai.get("conclusion")
    signer = manifest["signer"]
    return NewSubmission(
        submission_id=manifest["submission_id"], algorithm_id=str(manifest["algorithm"]["id"]),
        algorithm_name=str(manifest["algorithm"]["name"]), organisation=str(manifest["organisation"]["name"]),
        unit=" ".join(str(manifest["organisation"].get("unit") or "").split()), round=str(manifest["algorithm"]["round"]),
        created_at=_created_at(manifest), language=str(manifest.get("language") or "nl"), signer_method=signer["method"],
        signer_name=str(signer.get("name") or ""), signer_fingerprint=signer["fingerprint"], content_digest=digest,
        corrects=manifest.get("corrects"), conclusion=conclusion_id, conclusion_ref=ai.get("conclusion_ref"),
        conclusion_title=ai.get("title"), high_risk=high_risk, prohibited=prohibited, category=category,
        category_source=source, exclusion_level=level, exclusion_ground=ground, human_rights_test=hrt,
        register_status=reg_status, publishable=publishable, not_published_reason=reason,
        documents={"manifest": manifest, "answers": answers, "outcome": outcome, "register": register},
    )


def _shown(value: Any, limit: int = 80) -> str:
    """A value from a package as a message shows it: hidden characters marked, cut when long."""
    text = visible(str(value), keep_layout=False)
    return text if len(text) <= limit else text[:limit] + "…"


REGISTER_STATUSES = ("not-filled", "incomplete", "complete")
MAX_TEXT = 10_000  # longer than any title, conclusion or category text this app writes


def _is_text(value: Any, *, optional: bool = True, limit: int = MAX_TEXT) -> bool:
    return (value is None and optional) or (isinstance(value, str) and len(value) <= limit)


def _text_list(value: Any) -> bool:
    return isinstance(value, list) and all(_is_text(v, optional=False) for v in value)


SHAPE_WORDS = {"object": ("object", "an object"), "text": ("tekst (of te lang)", "a text (or is too long)"),
               "texts": ("lijst van teksten", "a list of texts"),
               "facts": ("afbeelding van lijsten van teksten", "a mapping of lists of texts"),
               "status": ("van " + ", ".join(REGISTER_STATUSES), "one of " + ", ".join(REGISTER_STATUSES))}


def _shape_problem(outcome: dict[str, Any], register: dict[str, Any]) -> tuple[str, str, str] | None:
    """The first part of outcome.json or register.json that the import would store but that has the wrong type.

    A package signed by an enrolled owner can still hold anything; what goes into typed columns and
    what the recomputation compares must at least have the types this app writes. Returns (file,
    where, what it should be: a key of SHAPE_WORDS).
    """
    ai = outcome.get("ai_act")
    if ai is not None:
        if not isinstance(ai, dict):
            return OUTCOME, "ai_act", "object"
        for key in ("conclusion", "conclusion_ref", "title"):
            if not _is_text(ai.get(key)):
                return OUTCOME, f"ai_act.{key}", "text"
        if ai.get("labels") is not None and not _text_list(ai["labels"]):
            return OUTCOME, "ai_act.labels", "texts"
        facts = ai.get("facts")
        if facts is not None and not (isinstance(facts, dict) and all(_text_list(v) for v in facts.values())):
            return OUTCOME, "ai_act.facts", "facts"
        form = ai.get("form")
        if form is not None and not isinstance(form, dict):
            return OUTCOME, "ai_act.form", "object"
    category = outcome.get("category")
    if category is not None:
        if not isinstance(category, dict):
            return OUTCOME, "category", "object"
        for key in ("category", "exclusion_ground", "human_rights_test"):
            if not _is_text(category.get(key), limit=200):
                return OUTCOME, f"category.{key}", "text"
    if register.get("status", "not-filled") not in REGISTER_STATUSES:
        return REGISTER, "status", "status"
    fields = register.get("fields")
    if fields is not None and not isinstance(fields, dict):
        return REGISTER, "fields", "object"
    return None
