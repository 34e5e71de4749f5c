"""The CDO's side of yearly rounds: declare a round with its forms and maps, export the signed bundle, see tree changes.

- `create_round(repo, name, ...)`: the round's organisation, deadline, expected units, the questionnaires
  it uses (default: the app's own forms), the earlier versions answers may have been given under, and the
  migration maps between them. Every form must pass `forms check`, every map check_map against the forms
  it connects; otherwise nothing is stored and RoundSetupError says why.
- `export_bundle(repo, name, signer, out)`: the signed round bundle (package/bundle.py) with the next
  sequence number and every (not deleted) prefilled draft of the round (assigned or not: owners see
  unassigned ones apart), written atomically and recorded (audit trail).
- The CDO key lives in its own KeyStore in the CDO data folder (`cdo_key_store()`), apart from any
  owner key on the same machine.
- `tree_changes(repo, round)`: per algorithm carried over from the previous round, whether its category
  or AI-Act conclusion changed, whether the questionnaire version changed, and whether the new tree
  alone explains the change (last year's answers replayed through the round's maps) or the owner's
  answers do.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from algoinventaris import config
from algoinventaris.cdo.records import SubmissionInfo, name_key
from algoinventaris.domain.rounds import RoundDetails, RoundFile, SubmissionLink
from algoinventaris.package.errors import PackageError

if TYPE_CHECKING:
    from algoinventaris.formengine.migration import MigrationMap
    from algoinventaris.formengine.model import Form
    from algoinventaris.package.keys import KeyStore

CDO_DIR_ENV = "ALGOINVENTARIS_CDO_DIR"
ORGANISATION_SETTING = "organisation"


class RoundSetupError(PackageError):
    """A round cannot be declared or exported as asked; the message names the file or value and what is wrong."""


def cdo_data_dir() -> Path:
    """The CDO's own folder: ALGOINVENTARIS_CDO_DIR, else data_dir()/cdo."""
    override = os.environ.get(CDO_DIR_ENV)
    return Path(override).expanduser() if override else config.data_dir() / "cdo"


def cdo_key_store() -> KeyStore:
    """The CDO's signing key (Ed25519, encrypted with the CDO passphrase) in cdo_data_dir()/keys."""
    from algoinventaris.package.keys import KeyStore

    return KeyStore(cdo_data_dir() / "keys")


# --- reading forms and maps ------------------------------------------------------------------------


@dataclass(frozen=True)
class FormSource:
    """A questionnaire as the CDO gave it: where from, the form.yaml bytes that go into the bundle, the loaded form."""

    name: str
    data: bytes
    form: Form


def read_form_source(path: str | Path) -> FormSource:
    """A form folder or form.yaml, or an official beslishulp decision tree (converted to our form format)."""
    from algoinventaris.formengine.beslishulp import dump_form, import_file
    from algoinventaris.formengine.errors import FormEngineError, FormLoadError
    from algoinventaris.formengine.loader import form_file, load_form

    p = Path(path)
    file = form_file(p)
    try:
        data = file.read_bytes()
    except OSError as err:
        raise RoundSetupError(f"{file} is onleesbaar: {err.strerror or err}", f"{file} cannot be read: {err.strerror or err}") from err
    try:
        return FormSource(str(p), data, load_form(file))
    except FormLoadError as own_err:
        try:
            converted, _ = import_file(file)
        except FormEngineError:
            shown = "; ".join(own_err.problems[:5])
            raise RoundSetupError(f"De vragenlijst {file} laadt niet: {shown}", f"The questionnaire {file} does not load: {shown}") \
                from own_err
    text = dump_form(converted).encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "form.yaml"
        target.write_bytes(text)
        try:
            form = load_form(target)
        except FormLoadError as err:
            raise RoundSetupError(f"De omgezette beslisboom {file} laadt niet: {err}",
                                  f"The converted decision tree {file} does not load: {err}") from err
    return FormSource(str(p), text, form)


def check_source(source: FormSource) -> None:
    """RoundSetupError when the form does not pass `forms check` (errors; warnings are for its author)."""
    from algoinventaris.formengine.validator import check_form

    report = check_form(source.form)
    if report.errors:
        shown = "; ".join(f"{f.where}: {f.message}" for f in report.errors[:5])
        raise RoundSetupError(f"De vragenlijst {source.name} slaagt niet voor 'forms check' ({len(report.errors)} fouten): {shown}",
                              f"The questionnaire {source.name} fails 'forms check' ({len(report.errors)} errors): {shown}")


def _load_map(path: str | Path) -> tuple[bytes, MigrationMap]:
    from algoinventaris.formengine.migration import MigrationMapError, load_map

    p = Path(path)
    try:
        data = p.read_bytes()
        return data, load_map(p)
    except OSError as err:
        raise RoundSetupError(f"{p} is onleesbaar: {err.strerror or err}", f"{p} cannot be read: {err.strerror or err}") from err
    except MigrationMapError as err:
        shown = "; ".join(err.problems[:5])
        raise RoundSetupError(f"De migratietabel {p} laadt niet: {shown}", f"The migration map {p} does not load: {shown}") from err


def _check_maps(maps: Sequence[tuple[str, bytes, MigrationMap]], forms: Sequence[FormSource]) -> list[str]:
    """Every map must connect two of the given forms and pass check_map; returns the warnings."""
    from algoinventaris.formengine.migration import check_map

    warnings: list[str] = []
    for name, _, mapping in maps:
        source = next((f.form for f in forms if not mapping.source.mismatches(f.form)), None)
        target = next((f.form for f in forms if not mapping.target.mismatches(f.form)), None)
        for side, found, flag in ((mapping.source, source, "--old-forms"), (mapping.target, target, "--forms")):
            if found is None:
                raise RoundSetupError(
                    f"De migratietabel {name} verwijst naar {side.form} {side.version} ({side.sha256[:12]}), maar die vragenlijst "
                    f"is niet opgegeven; geef die met {flag}.",
                    f"The migration map {name} refers to {side.form} {side.version} ({side.sha256[:12]}), but that questionnaire "
                    f"was not given; give it with {flag}.")
        assert source is not None and target is not None
        report = check_map(mapping, source, target)
        if report.errors:
            shown = "; ".join(f"{f.where}: {f.message}" for f in report.errors[:5])
            raise RoundSetupError(f"De migratietabel {name} past niet bij de vragenlijsten ({len(report.errors)} fouten): {shown}",
                                  f"The migration map {name} does not fit the questionnaires ({len(report.errors)} errors): {shown}")
        warnings.extend(f"{name}: {f.message}" for f in report.warnings)
    return warnings


def default_forms() -> list[Path]:
    """The app's own questionnaires (forms/*/form.yaml): what a round uses when no forms are given."""
    return sorted(p.parent for p in config.forms_dir().glob("*/form.yaml"))


# --- declaring a round ---------------------------------------------------------------------------------


@dataclass
class CreatedRound:
    """A declared round and the warnings its maps gave (for the map's author)."""

    details: RoundDetails
    warnings: list[str]


def create_round(repo: Any, name: str, *, deadline: str | None, units: Sequence[str], organisation: str | None = None,
                 forms: Sequence[str | Path] = (), previous_forms: Sequence[str | Path] = (), maps: Sequence[str | Path] = (),
                 actor: str) -> CreatedRound:
    """Declare (or re-declare) a round with its forms and maps; nothing is stored when a check fails."""
    import datetime as dt

    if deadline is not None:
        try:
            dt.date.fromisoformat(deadline)
        except ValueError as err:
            raise RoundSetupError(f"De deadline '{deadline}' is geen datum (JJJJ-MM-DD).",
                                  f"The deadline '{deadline}' is not a date (YYYY-MM-DD).") from err
    org = organisation or repo.get_setting(ORGANISATION_SETTING)
    if not org or not org.strip():
        raise RoundSetupError("Voor welke organisatie is de ronde? Geef --organisation NAAM (die wordt onthouden).",
                              "Which organisation is the round for? Give --organisation NAME (it is remembered).")
    round_forms = [read_form_source(p) for p in (forms or default_forms())]
    if not round_forms:
        raise RoundSetupError("De ronde heeft geen vragenlijsten; geef ze met --forms.",
                              "The round has no questionnaires; give them with --forms.")
    ids = [f.form.id for f in round_forms]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise RoundSetupError(f"Vragenlijst {twice[0]} is twee keer opgegeven; een ronde gebruikt één versie per vragenlijst.",
                              f"Questionnaire {twice[0]} was given twice; a round uses one version of each questionnaire.")
    earlier = [read_form_source(p) for p in previous_forms]
    for source in (*round_forms, *earlier):
        check_source(source)
    loaded = [(str(p), *_load_map(p)) for p in maps]
    warnings = _check_maps(loaded, [*round_forms, *earlier])
    files = [RoundFile("form", s.name, s.form.id, s.form.version, s.form.content_hash, s.data) for s in round_forms]
    files += [RoundFile("previous", s.name, s.form.id, s.form.version, s.form.content_hash, s.data) for s in earlier
              if s.form.content_hash not in {f.form.content_hash for f in round_forms}]
    files += [RoundFile("map", Path(n).name, m.target.form, m.target.version, hashlib.sha256(d).hexdigest(), d) for n, d, m in loaded]
    if organisation:
        repo.set_setting(ORGANISATION_SETTING, " ".join(organisation.split()))
    details = repo.set_round_details(name, organisation=" ".join(org.split()), deadline=deadline,
                                     units=[" ".join(u.split()) for u in units if u.strip()], files=files, actor=actor)
    return CreatedRound(details, warnings)


# --- exporting the bundle ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportedBundle:
    """A round bundle written: where, its sequence number and the SHA-256 of its round.json."""

    path: Path
    sequence: int
    sha256: str
    fingerprint: str
    drafts: int = 0          # how many prefilled drafts went in


def export_bundle(repo: Any, name: str, signer: Any, out: str | Path, *, actor: str, force: bool = False) -> ExportedBundle:
    """Write the signed bundle of a declared round to `out` (never half; an existing file only with force)."""
    from algoinventaris.formengine.loader import load_form
    from algoinventaris.formengine.migration import load_map
    from algoinventaris.package.bundle import ROUND_JSON, BundleForm, BundleMap, BundleSpec, build_bundle

    details: RoundDetails = repo.round_details(name)
    if not details.with_role("form") or not details.organisation:
        raise RoundSetupError(f"Ronde '{details.name}' heeft nog geen vragenlijsten of organisatie; gebruik eerst "
                              f"'cdo round create \"{details.name}\" ...'.",
                              f"Round '{details.name}' has no questionnaires or organisation yet; first use "
                              f"'cdo round create \"{details.name}\" ...'.")
    target = Path(out)
    if target.exists() and not force:
        raise RoundSetupError(f"{target} bestaat al; kies een andere naam of gebruik --force.",
                              f"{target} exists already; choose another name or use --force.")
    maps = []
    with tempfile.TemporaryDirectory() as tmp:
        for number, f in enumerate(details.with_role("map")):
            file = Path(tmp) / f"{number}.yaml"
            file.write_bytes(f.data)
            maps.append(BundleMap.of(f.name, load_map(file), f.data))
        for number, f in enumerate(details.with_role("form") + details.with_role("previous")):
            folder = Path(tmp) / f"form-{number}"
            folder.mkdir()
            (folder / "form.yaml").write_bytes(f.data)
            form = load_form(folder)
            if form.content_hash != f.sha256:
                raise RoundSetupError(f"De opgeslagen vragenlijst {f.name} is veranderd; declareer de ronde opnieuw.",
                                      f"The stored questionnaire {f.name} has changed; declare the round again.")
    # every draft of the round, of the round's organisation (the round's declaration is what counts, also when it was
    # corrected after the drafts were imported)
    drafts = tuple(dataclasses.replace(d, organisation=details.organisation) for d in repo.list_drafts(details.name))
    sequence = repo.next_bundle_sequence()
    spec = BundleSpec(
        organisation=details.organisation, round=details.name, deadline=details.deadline, units=details.units,
        sequence=sequence,
        forms=tuple(BundleForm(f.data, f.form_id or "", f.version or "", f.sha256) for f in details.with_role("form")),
        previous_forms=tuple(BundleForm(f.data, f.form_id or "", f.version or "", f.sha256) for f in details.with_role("previous")),
        maps=tuple(maps), drafts=drafts)
    data = build_bundle(spec, signer)
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sha = hashlib.sha256(archive.read(ROUND_JSON)).hexdigest()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as err:
        raise RoundSetupError(f"{target} kan niet worden geschreven: {err.strerror or err}",
                              f"{target} cannot be written: {err.strerror or err}") from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        repo.record_bundle(details.name, sequence=sequence, sha256=sha, fingerprint=signer.fingerprint, actor=actor)
        os.replace(tmp_name, target)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise RoundSetupError(f"{target} kan niet worden geschreven: {err.strerror or err}",
                              f"{target} cannot be written: {err.strerror or err}") from err
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return ExportedBundle(target, sequence, sha, signer.fingerprint, len(drafts))


def known_forms(repo: Any) -> Any:
    """The import's form index: the app's own forms plus every form of every declared round (cdo.forms_index.FormIndex)."""
    from algoinventaris.cdo.forms_index import FormIndex, bundled_index
    from algoinventaris.formengine.errors import FormLoadError
    from algoinventaris.formengine.loader import load_form

    index = FormIndex(bundled_index().by_hash.values())
    with tempfile.TemporaryDirectory() as tmp:
        number = 0
        for info in repo.list_rounds():
            for f in repo.round_details(info.name).files:
                if f.role == "map" or index.get(f.sha256) is not None:
                    continue
                number += 1
                folder = Path(tmp) / str(number)
                folder.mkdir()
                (folder / "form.yaml").write_bytes(f.data)
                with contextlib.suppress(FormLoadError):
                    index.add(load_form(folder))
    return index


# --- what changed with the new tree -------------------------------------------------------------------


CAUSES = ("tree", "answers", "tree-and-answers", "unknown")


@dataclass(frozen=True)
class TreeChange:
    """One algorithm whose category or AI-Act conclusion differs from its record in the previous round."""

    algorithm: str
    unit: str
    row_id: int
    submission_id: str
    previous_submission: str
    previous_round: str
    category_before: str | None
    category_after: str | None
    conclusion_before: str | None
    conclusion_after: str | None
    form_before: tuple[str | None, str | None, str | None]     # id, version, sha256 of the AI-Act questionnaire
    form_after: tuple[str | None, str | None, str | None]
    linked: bool            # True: the package names last year's submission; False: matched by algorithm id
    cause: str | None       # when the tree changed: "tree", "answers", "tree-and-answers" or "unknown"; None otherwise
    migrated_conclusion: str | None = None

    @property
    def tree_changed(self) -> bool:
        return self.form_before[2] is not None and self.form_after[2] is not None and self.form_before[2] != self.form_after[2]

    @property
    def category_changed(self) -> bool:
        return self.category_before != self.category_after

    @property
    def conclusion_changed(self) -> bool:
        return self.conclusion_before != self.conclusion_after

    def describe(self, lang: str = "nl") -> str:
        en = lang == "en"
        parts = []
        if self.conclusion_changed:
            parts.append(("AI Act conclusion " if en else "conclusie AI-verordening ")
                         + f"{self.conclusion_before or '-'} → {self.conclusion_after or '-'}")
        if self.category_changed:
            parts.append(("category " if en else "categorie ") + f"{self.category_before or '-'} → {self.category_after or '-'}")
        return "; ".join(parts) + (f" ({cause_text(self.cause, lang, self)})" if self.tree_changed else "")

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        def form(f: tuple[str | None, str | None, str | None]) -> dict[str, Any]:
            return {"id": f[0], "version": f[1], "sha256": f[2]}

        return {
            "algorithm": self.algorithm, "unit": self.unit, "submission_id": self.submission_id,
            "previous_submission": self.previous_submission, "previous_round": self.previous_round,
            "linked_by": "previous" if self.linked else "algorithm-id",
            "category": {"before": self.category_before, "after": self.category_after, "changed": self.category_changed},
            "conclusion": {"before": self.conclusion_before, "after": self.conclusion_after, "changed": self.conclusion_changed,
                           "with_last_years_answers_on_the_new_tree": self.migrated_conclusion},
            "form": {"before": form(self.form_before), "after": form(self.form_after), "changed": self.tree_changed},
            "because_of_new_tree": self.cause in ("tree", "tree-and-answers") if self.tree_changed else False,
            "cause": self.cause, "text": self.describe(lang),
        }


def cause_text(cause: str | None, lang: str, change: TreeChange | None = None) -> str:
    """The cause in words: did the new tree, the owner's answers, or both change the outcome?"""
    version = ""
    if change is not None:
        version = f"{change.form_before[1] or '?'} → {change.form_after[1] or '?'}"
    texts = {
        "tree": ("door de nieuwe versie van de beslisboom", "because of the new version of the decision tree"),
        "answers": ("nieuwe versie van de beslisboom, maar de verandering komt door andere antwoorden",
                    "new version of the decision tree, but the change comes from other answers"),
        "tree-and-answers": ("door de nieuwe versie van de beslisboom én andere antwoorden",
                             "because of the new version of the decision tree and other answers"),
        "unknown": ("met een nieuwe versie van de beslisboom; de oorzaak kan niet worden nagegaan",
                    "with a new version of the decision tree; the cause cannot be traced"),
    }
    nl, en = texts.get(cause or "unknown", texts["unknown"])
    text = en if lang == "en" else nl
    return f"{text}, {version}" if version else text


def _conclusion_key(sub: SubmissionInfo) -> str | None:
    return sub.conclusion_ref or sub.conclusion


def _lineage(repo: Any, current: Sequence[SubmissionInfo], links: Mapping[int, SubmissionLink],
             previous_round: str) -> dict[int, tuple[SubmissionInfo, bool]]:
    """For each current submission (row id): its record in the previous round, and whether the package named it."""
    before = repo.list_submissions(previous_round)
    by_alg = {s.algorithm_id: s for s in before}
    out: dict[int, tuple[SubmissionInfo, bool]] = {}
    from algoinventaris.storage.errors import NotFound

    for sub in current:
        link = links.get(sub.id)
        if link is not None and link.previous:
            try:
                named = repo.get_submission(link.previous)
            except NotFound:
                named = None
            if named is not None:
                # the newest record of that algorithm in its round (a correction may have superseded the one named)
                latest = next((s for s in before if s.algorithm_id == named.algorithm_id), named)
                out[sub.id] = (latest, True)
                continue
        prev = by_alg.get(sub.algorithm_id)
        if prev is not None:
            out[sub.id] = (prev, False)
    return out


def lineage_map(repo: Any, round_name: str, previous_round: str, current: Sequence[SubmissionInfo] | None = None) -> dict[str, str]:
    """This round's algorithm id -> the previous round's algorithm id, following the packages' `previous` links."""
    subs = current if current is not None else repo.list_submissions(round_name)
    pairs = _lineage(repo, subs, repo.submission_links(round_name), previous_round)
    return {sub.algorithm_id: pairs[sub.id][0].algorithm_id for sub in subs if sub.id in pairs}


class _TreeReplay:
    """Replays last year's answers on this year's tree through the round's maps (the CDO's copies)."""

    def __init__(self, repo: Any, round_name: str) -> None:
        self.repo = repo
        self.round_name = round_name
        self._forms: list[Form] | None = None
        self._maps: list[MigrationMap] | None = None
        self._tmp = tempfile.TemporaryDirectory()

    def close(self) -> None:
        self._tmp.cleanup()

    def _load(self) -> None:
        from algoinventaris.cdo.forms_index import bundled_index
        from algoinventaris.formengine.errors import FormLoadError
        from algoinventaris.formengine.loader import load_form
        from algoinventaris.formengine.migration import MigrationMapError, load_map

        forms: dict[str, Form] = dict(bundled_index().by_hash)
        maps: list[MigrationMap] = []
        folder = Path(self._tmp.name)
        number = 0
        for info in self.repo.list_rounds():
            details = self.repo.round_details(info.name)
            for f in details.files:
                number += 1
                if f.role == "map":
                    file = folder / f"map-{number}.yaml"
                    file.write_bytes(f.data)
                    with contextlib.suppress(MigrationMapError):
                        maps.append(load_map(file))
                elif f.sha256 not in forms:
                    sub = folder / f"form-{number}"
                    sub.mkdir()
                    (sub / "form.yaml").write_bytes(f.data)
                    with contextlib.suppress(FormLoadError):
                        form = load_form(sub)
                        forms[form.content_hash] = form
        self._forms = list(forms.values())
        self._maps = maps

    def form(self, sha256: str | None) -> Form | None:
        if self._forms is None:
            self._load()
        assert self._forms is not None
        return next((f for f in self._forms if f.content_hash == sha256), None)

    def migrate(self, old_sha: str | None, new_sha: str | None, answers: Mapping[str, Sequence[str]]) -> Any:
        """The migration result of last year's answers on the new tree, or None when no run of maps connects them."""
        from algoinventaris.formengine.migration import MigrationError, Migrator, migrate_chain

        old, new = self.form(old_sha), self.form(new_sha)
        if old is None or new is None:
            return None
        assert self._forms is not None and self._maps is not None
        steps = [(m, s, t) for m in self._maps for s in self._forms if not m.source.mismatches(s)
                 for t in self._forms if not m.target.mismatches(t)]
        frontier: list[tuple[Form, list[tuple[MigrationMap, Form, Form]]]] = [(old, [])]
        seen = {old.content_hash}
        route: list[tuple[MigrationMap, Form, Form]] | None = None
        while frontier and route is None:
            nxt = []
            for form, path in frontier:
                for m, s, t in steps:
                    if s.content_hash == form.content_hash and t.content_hash not in seen:
                        if t.content_hash == new.content_hash:
                            route = [*path, (m, s, t)]
                            break
                        seen.add(t.content_hash)
                        nxt.append((t, [*path, (m, s, t)]))
                if route is not None:
                    break
            frontier = nxt
        if route is None:
            return None
        try:
            return migrate_chain([Migrator(s, t, m) for m, s, t in route], answers)
        except MigrationError:
            return None


def _answers_of(documents: Mapping[str, Any], sha256: str | None) -> dict[str, list[str]] | None:
    answers = documents.get("answers") if isinstance(documents, Mapping) else None
    for entry in (answers or {}).get("forms") or []:
        if isinstance(entry, dict) and (entry.get("form") or {}).get("sha256") == sha256:
            return {str(a["question"]): [str(x) for x in a.get("answers") or []] for a in entry.get("answers") or []
                    if isinstance(a, dict) and "question" in a}
    return None


def tree_changes(repo: Any, round_name: str, *, organisation: str | None = None) -> list[TreeChange]:
    """Every algorithm of the round whose category or AI-Act conclusion differs from the previous round's record."""
    info = repo.get_round(round_name)
    previous = repo.previous_round(info.name)
    if previous is None:
        return []
    current = repo.list_submissions(info.name, organisation=organisation)
    links = repo.submission_links()
    pairs = _lineage(repo, current, links, previous.name)
    replay = _TreeReplay(repo, info.name)
    out: list[TreeChange] = []
    try:
        for sub in current:
            found = pairs.get(sub.id)
            if found is None:
                continue
            prev, linked = found
            if _conclusion_key(prev) == _conclusion_key(sub) and prev.category == sub.category:
                continue
            lb, la = links.get(prev.id), links.get(sub.id)
            form_before = (lb.ai_form_id, lb.ai_form_version, lb.ai_form_sha256) if lb else (None, None, None)
            form_after = (la.ai_form_id, la.ai_form_version, la.ai_form_sha256) if la else (None, None, None)
            change = TreeChange(sub.algorithm_name, sub.unit, sub.id, sub.submission_id, prev.submission_id, prev.round,
                                prev.category, sub.category, _conclusion_key(prev), _conclusion_key(sub), form_before,
                                form_after, linked, None)
            if change.tree_changed:
                change = _explain(repo, replay, change, prev, sub)
            out.append(change)
    finally:
        replay.close()
    return sorted(out, key=lambda c: (name_key(c.unit), c.algorithm.casefold()))


def _explain(repo: Any, replay: _TreeReplay, change: TreeChange, prev: SubmissionInfo, sub: SubmissionInfo) -> TreeChange:
    """Replay last year's answers on the new tree: does the tree alone give the new conclusion (and category)?"""
    import dataclasses

    answers = _answers_of(repo.documents(prev.id), change.form_before[2])
    result = replay.migrate(change.form_before[2], change.form_after[2], answers) if answers is not None else None
    if result is None:
        return dataclasses.replace(change, cause="unknown")
    migrated = result.new_conclusion
    migrated_key = (migrated.ref or migrated.id) if migrated is not None else None
    if not result.conclusion_changed:
        cause = "answers"        # last year's answers give the same conclusion on the new tree
    elif migrated is None or migrated_key == change.conclusion_after:
        cause = "tree"           # the new tree gives this conclusion, or asks a new question that led to it
    else:
        cause = "tree-and-answers"
    return dataclasses.replace(change, cause=cause, migrated_conclusion=migrated_key)


def describe_files(details: RoundDetails, lang: str = "nl") -> Iterable[str]:
    """Lines about a round's forms, earlier forms and maps, for the CLI."""
    en = lang == "en"
    for f in details.with_role("form"):
        yield f"  {'form' if en else 'vragenlijst'} {f.form_id} {f.version} ({f.sha256[:12]})"
    for f in details.with_role("previous"):
        yield f"  {'earlier form' if en else 'eerdere vragenlijst'} {f.form_id} {f.version} ({f.sha256[:12]})"
    for f in details.with_role("map"):
        yield f"  {'map' if en else 'migratietabel'} {f.name} → {f.form_id} {f.version}"
