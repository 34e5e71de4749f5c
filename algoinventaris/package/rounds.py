"""The owner's side of yearly rounds: trust the CDO key, open round bundles, start this year's algorithm from last year's.

Qt-free; the CLI (`algoinventaris round ...`) and the wizard call these functions.

- `trust_cdo(repo, key_file, ...)` enrols the CDO's public key. An installation can carry it instead:
  a file `cdo-key.pem` next to the app (config.bundle_root()) or the PEM file named by
  ALGOINVENTARIS_CDO_KEY; it is used when no key was enrolled, and recorded on the first bundle opened.
- The owner's organisation is the one the CDO key is enrolled for (`trust-cdo --organisation`), else
  the organisation of the first bundle opened with that key (then pinned): a bundle for another
  organisation is refused.
- `open_bundle(repo, file)` checks the bundle (package/bundle.py), the organisation, and that it is not
  older than the newest bundle opened for the organisation; only then are its files installed under
  data_dir()/rounds/<round>/ and the round recorded. A refusal installs nothing.
- `start_from_last_year(repo, algorithm_id, round_name)` creates this year's algorithm (new id, linked to
  last year's) with every answer prefilled (status "prefilled"), carried through the round's migration
  maps when the questionnaire version differs; what cannot be carried is listed for review; the outcome
  is recomputed. One database transaction: nothing is stored when anything fails.
- `year_changes(repo, algorithm_id)` tells what changed since last year (domain/rounds.py).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from algoinventaris import config
from algoinventaris.domain.rounds import (
    CARRY_MIGRATED,
    CARRY_NONE,
    CARRY_SAME,
    CarryOver,
    FormCarry,
    InstalledRound,
    ReviewEntry,
    TrustedCdoKey,
    YearChanges,
    changes_since_last_year,
)
from algoinventaris.package.bundle import BundleError, CheckedBundle, Progress, check_contents, read_bundle, slug
from algoinventaris.package.errors import PackageError

if TYPE_CHECKING:
    from algoinventaris.domain.algorithm import AlgorithmSummary
    from algoinventaris.formengine.migration import MigrationMap, MigrationResult
    from algoinventaris.formengine.model import Form

CDO_KEY_ENV = "ALGOINVENTARIS_CDO_KEY"
CDO_KEY_FILE = "cdo-key.pem"
AI_ACT = "ai-act"
IMPACT = "impact"
# The form whose conclusion is the algorithm's AI-Act conclusion: ours, else the official tree imported as a form.
DECISION_FORMS = (AI_ACT, "beslishulp")
# The order in which an owner walks the forms (the wizard's order); others follow.
FORM_ORDER = (AI_ACT, "beslishulp", IMPACT, "register")


class RoundError(PackageError):
    """Starting or looking up a round failed; `code` names why ("not-opened", "already-started", ...)."""

    def __init__(self, code: str, nl: str, en: str) -> None:
        super().__init__(nl, en)
        self.code = code


def rounds_dir() -> Path:
    """Where opened round bundles are installed: data_dir()/rounds."""
    return config.data_dir() / "rounds"


def round_folder(installed: InstalledRound) -> Path:
    """The folder an opened round's files are in."""
    return rounds_dir() / installed.folder


def installed_file(installed: InstalledRound, member: str) -> Path:
    """The installed copy of a bundle member (e.g. forms/ai-act/form.yaml)."""
    return round_folder(installed).joinpath(*member.split("/"))


# --- the CDO key ---------------------------------------------------------------------------------


def _read_cdo_key(path: Path) -> tuple[bytes, str]:
    """(raw public key, fingerprint) from a PEM file; BundleError("no-cdo-key") naming the file when unusable."""
    from algoinventaris.package.errors import KeyStoreError
    from algoinventaris.package.keys import fingerprint_raw, load_public_key_file, raw_public_key

    try:
        raw = raw_public_key(load_public_key_file(path))
    except KeyStoreError as err:
        raise BundleError("no-cdo-key", f"De CDO-sleutel is onbruikbaar: {err.nl}", f"The CDO key cannot be used: {err.en}") from err
    return raw, fingerprint_raw(raw)


def installed_cdo_key_file() -> Path | None:
    """The CDO key the installation carries: ALGOINVENTARIS_CDO_KEY, else cdo-key.pem next to the app, else None."""
    env = os.environ.get(CDO_KEY_ENV)
    if env:
        return Path(env).expanduser()
    candidate = config.bundle_root() / CDO_KEY_FILE
    return candidate if candidate.is_file() else None


def trust_cdo(repo: Any, key_file: str | Path, *, organisation: str | None = None, replace: bool = False) -> TrustedCdoKey:
    """Enrol the CDO's public key (PEM); KeyConflict (storage) when another key is trusted and replace is False."""
    raw, fingerprint = _read_cdo_key(Path(key_file))
    return repo.trust_cdo_key(raw, fingerprint, organisation=organisation, source="enrolled", replace=replace)  # type: ignore[no-any-return]


def cdo_keys(repo: Any) -> list[TrustedCdoKey]:
    """The trusted CDO keys: the enrolled one, else the one the installation carries (not recorded yet)."""
    keys: list[TrustedCdoKey] = list(repo.cdo_keys())
    if keys:
        return keys
    file = installed_cdo_key_file()
    if file is None:
        return []
    import datetime as dt

    raw, fingerprint = _read_cdo_key(file)
    return [TrustedCdoKey(fingerprint, raw, None, "installed", dt.datetime.now(dt.UTC))]


# --- opening a bundle ----------------------------------------------------------------------------


@dataclass
class OpenResult:
    """What opening a bundle did: "installed" (new round), "updated" (newer bundle of a round) or "unchanged"."""

    status: str
    round: InstalledRound
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "round": self.round.to_json(), "warnings": list(self.warnings)}


def _key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def open_bundle(repo: Any, source: str | Path | bytes, *, progress: Progress | None = None) -> OpenResult:
    """Check a round bundle and install it; BundleError (with .code) says why it is refused, and nothing is installed.

    progress(done, total, what) follows the checks of the forms and maps (the slow part; run it off the UI thread).
    """
    if isinstance(source, bytes):
        data = source
    else:
        from algoinventaris.package.verify import MAX_PACKAGE_BYTES

        path = Path(source)
        try:
            if path.stat().st_size > MAX_PACKAGE_BYTES:
                raise BundleError("unsafe-zip", f"{path} is groter dan {MAX_PACKAGE_BYTES // 2**20} MB; geen rondebundel.",
                                  f"{path} is larger than {MAX_PACKAGE_BYTES // 2**20} MB; not a round bundle.")
            data = path.read_bytes()
        except OSError as err:
            raise BundleError("unreadable", f"{path} is onleesbaar: {err.strerror or err}",
                              f"{path} cannot be read: {err.strerror or err}") from err
    keys = cdo_keys(repo)
    if not keys:
        raise BundleError("no-cdo-key",
                          "Er is nog geen CDO-sleutel ingesteld, dus geen bundel kan worden gecontroleerd. Vraag de CDO om "
                          "de publieke sleutel en stel die in met 'algoinventaris round trust-cdo --key CDO.pem'.",
                          "No CDO key has been set up yet, so no bundle can be checked. Ask the CDO for its public key and "
                          "set it up with 'algoinventaris round trust-cdo --key CDO.pem'.")
    bundle = read_bundle(data, trusted_keys=[k.public_key for k in keys])
    key = next(k for k in keys if k.public_key == bundle.trusted_key)
    if key.organisation is not None and _key(key.organisation) != _key(bundle.organisation):
        raise BundleError("organisation",
                          f"Deze bundel is voor '{bundle.organisation}', maar deze app hoort bij '{key.organisation}'. "
                          "Er is niets geïnstalleerd.",
                          f"This bundle is for '{bundle.organisation}', but this app belongs to '{key.organisation}'. "
                          "Nothing was installed.")
    opened = repo.installed_rounds(bundle.organisation)
    same = next((r for r in opened if _key(r.name) == _key(bundle.name)), None)
    if same is not None and same.bundle_sha256 == bundle.sha256:
        return OpenResult("unchanged", same)
    newest = opened[0] if opened else None
    if newest is not None and bundle.sequence < newest.sequence:
        raise BundleError("older",
                          f"Deze bundel ({bundle.name}, bundel {bundle.sequence}) is ouder dan de bundel die al geopend is "
                          f"({newest.name}, bundel {newest.sequence}). Er is niets geïnstalleerd.",
                          f"This bundle ({bundle.name}, bundle {bundle.sequence}) is older than the bundle already opened "
                          f"({newest.name}, bundle {newest.sequence}). Nothing was installed.")
    clash = next((r for r in opened if r.sequence == bundle.sequence), None)
    if clash is not None:
        raise BundleError("conflict",
                          f"Er is al een andere bundel met nummer {bundle.sequence} geopend ({clash.name}); deze bundel heeft "
                          "dat nummer ook maar een andere inhoud. Vraag de CDO om een nieuwe bundel.",
                          f"Another bundle with number {bundle.sequence} was opened already ({clash.name}); this bundle has "
                          "that number too but other content. Ask the CDO for a new bundle.")
    base = rounds_dir()
    base.mkdir(parents=True, exist_ok=True)
    import tempfile

    work = Path(tempfile.mkdtemp(prefix=".opening-", dir=base))
    try:
        checked = check_contents(bundle, work, progress)
        installed = _install(repo, checked, key, same)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return OpenResult("updated" if same is not None else "installed", installed, checked.warnings)


def _install(repo: Any, checked: CheckedBundle, key: TrustedCdoKey, same: InstalledRound | None) -> InstalledRound:
    """Move the checked files into place and record the round; on failure the earlier state is put back."""
    bundle = checked.bundle
    base = rounds_dir()
    name = same.folder if same is not None else _free_folder(base, slug(bundle.name))
    target = base / name
    parked = base / f".replaced-{name}-{os.getpid()}"
    moved_old = False
    try:
        if target.exists():
            os.replace(target, parked)
            moved_old = True
        os.replace(checked.folder, target)
        if key.source == "installed" and not repo.cdo_keys():
            repo.trust_cdo_key(bundle.trusted_key, key.fingerprint, organisation=bundle.organisation, source="installed")
        elif key.organisation is None:
            repo.pin_cdo_organisation(key.fingerprint, bundle.organisation)
        installed = repo.record_round(
            name=bundle.name, organisation=bundle.organisation, sequence=bundle.sequence, created_at=bundle.created_at,
            deadline=bundle.deadline, units=bundle.units, forms=bundle.forms, previous_forms=bundle.previous_forms,
            maps=bundle.map_paths, round_json=bundle.round_json, signature=bundle.signature,
            signer_fingerprint=bundle.fingerprint, bundle_sha256=bundle.sha256, folder=name)
    except BaseException as err:
        with contextlib.suppress(OSError):
            if target.exists():
                shutil.rmtree(target)
            if moved_old:
                os.replace(parked, target)
        if isinstance(err, (PackageError, KeyboardInterrupt)):
            raise
        from algoinventaris.storage import StorageError

        if isinstance(err, (OSError, StorageError)):
            raise BundleError("install", f"De bundel kan niet worden geïnstalleerd in {target}: {err}. Er is niets veranderd.",
                              f"The bundle cannot be installed in {target}: {err}. Nothing was changed.") from err
        raise
    if moved_old:
        shutil.rmtree(parked, ignore_errors=True)
    return installed  # type: ignore[no-any-return]


def _free_folder(base: Path, wanted: str) -> str:
    candidate, number = wanted, 2
    while (base / candidate).exists():
        candidate, number = f"{wanted}-{number}", number + 1
    return candidate


# --- forms and maps the owner has ------------------------------------------------------------------


class FormLibrary:
    """Every questionnaire version the owner has (opened rounds, their earlier forms, the app's own) and every map."""

    def __init__(self, repo: Any, *, bundled: Path | None = None) -> None:
        self.repo = repo
        self.bundled_dir = bundled or config.forms_dir()
        self.rounds: list[InstalledRound] = list(repo.installed_rounds())
        self._files: dict[str, tuple[str, Path]] = {}   # content hash -> (form id, installed form.yaml)
        for r in self.rounds:
            for ref in (*r.forms, *r.previous_forms):
                self._files.setdefault(ref.sha256, (ref.id, installed_file(r, ref.path)))
        self._loaded: dict[str, Form] = {}
        self._bundled: dict[str, Form] | None = None
        self._bundled_one: dict[str, Form | None] = {}
        self._maps: list[tuple[str, MigrationMap]] | None = None

    def _load(self, path: Path) -> Form | None:
        from algoinventaris.formengine.errors import FormLoadError
        from algoinventaris.formengine.loader import load_form

        try:
            return load_form(path)
        except FormLoadError:
            return None

    def bundled(self) -> dict[str, Form]:
        """The app's own forms by id (forms/*/form.yaml), loaded once."""
        if self._bundled is None:
            self._bundled = {}
            for file in sorted(self.bundled_dir.glob("*/form.yaml")):
                form = self._load(file)
                if form is not None:
                    self._bundled[form.id] = form
                    self._loaded.setdefault(form.content_hash, form)
        return self._bundled

    def bundled_form(self, form_id: str) -> Form | None:
        """The app's own version of one form (forms/<id>/form.yaml), loaded once; None when the app has none."""
        if self._bundled is not None:
            return self._bundled.get(form_id)
        if form_id not in self._bundled_one:
            file = self.bundled_dir / form_id / "form.yaml"
            form = self._load(file) if file.is_file() else None
            self._bundled_one[form_id] = form if form is not None and form.id == form_id else None
            if form is not None:
                self._loaded.setdefault(form.content_hash, form)
        return self._bundled_one[form_id]

    def by_hash(self, sha256: str, form_id: str | None = None) -> Form | None:
        """The form version with this content hash, or None when the owner does not have it."""
        if sha256 in self._loaded:
            return self._loaded[sha256]
        found = self._files.get(sha256)
        if found is not None:
            form = self._load(found[1])
            if form is not None and form.content_hash == sha256:
                self._loaded[sha256] = form
                return form
        if form_id is not None:
            own = self.bundled_form(form_id)
            if own is not None and own.content_hash == sha256:
                return own
        for form in self.bundled().values():
            if form.content_hash == sha256:
                return form
        return None

    def round_form(self, installed: InstalledRound, form_id: str) -> Form | None:
        """The round's version of a form, else the app's own version (None: neither has it)."""
        ref = installed.form(form_id)
        if ref is not None:
            return self.by_hash(ref.sha256, form_id)
        return self.bundled_form(form_id)

    def maps(self) -> list[tuple[str, MigrationMap]]:
        """Every migration map of every opened round (each file once)."""
        if self._maps is None:
            from algoinventaris.formengine.migration import MigrationMapError, load_map

            self._maps = []
            seen: set[bytes] = set()
            for r in self.rounds:
                for member in r.maps:
                    file = installed_file(r, member)
                    try:
                        content = file.read_bytes()
                        if content in seen:
                            continue
                        seen.add(content)
                        self._maps.append((f"{r.name}: {member}", load_map(file)))
                    except (OSError, MigrationMapError):
                        continue
        return self._maps

    def candidates(self, form_id: str) -> list[Form]:
        """Every version of one form the owner can load (for matching the two ends of a map)."""
        own = self.bundled_form(form_id)
        out = [own] if own is not None else []
        for sha, (fid, _) in list(self._files.items()):
            if fid != form_id:
                continue
            form = self.by_hash(sha, fid)
            if form is not None and form not in out:
                out.append(form)
        return out

    def chain(self, old: Form, new: Form) -> list[tuple[str, MigrationMap, Form, Form]] | None:
        """The shortest run of maps from `old` to `new` (each step: map name, map, from-form, to-form), or None."""
        if old.content_hash == new.content_hash:
            return []
        forms = self.candidates(new.id)
        if new not in forms:
            forms.append(new)
        if old not in forms:
            forms.append(old)
        steps: list[tuple[str, MigrationMap, Form, Form]] = []
        for name, mapping in self.maps():
            sources = [f for f in forms if not mapping.source.mismatches(f)]
            targets = [f for f in forms if not mapping.target.mismatches(f)]
            steps.extend((name, mapping, s, t) for s in sources for t in targets)
        frontier: list[tuple[Form, list[tuple[str, MigrationMap, Form, Form]]]] = [(old, [])]
        seen = {old.content_hash}
        while frontier:
            nxt: list[tuple[Form, list[tuple[str, MigrationMap, Form, Form]]]] = []
            for form, route in frontier:
                for step in steps:
                    if step[2].content_hash != form.content_hash or step[3].content_hash in seen:
                        continue
                    path = [*route, step]
                    if step[3].content_hash == new.content_hash:
                        return path
                    seen.add(step[3].content_hash)
                    nxt.append((step[3], path))
            frontier = nxt
        return None


# --- starting this year's algorithm from last year's ----------------------------------------------


@dataclass
class FormStart:
    """One questionnaire carried over: how, the answers proposed, the review items and (when migrated) the result."""

    carry: FormCarry
    form: Form | None
    answers: dict[str, tuple[str, ...]]
    review: list[ReviewEntry]
    migration: MigrationResult | None = None
    old_form: Form | None = None
    old_answers: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class StartResult:
    """This year's algorithm, started from last year's."""

    algorithm: AlgorithmSummary
    previous: AlgorithmSummary
    carry: CarryOver
    forms: list[FormStart]

    @property
    def review(self) -> tuple[ReviewEntry, ...]:
        return self.carry.review

    @property
    def conclusion_changed(self) -> bool:
        c = self.carry
        return (c.old_conclusion_ref or c.old_conclusion) != (c.new_conclusion_ref or c.new_conclusion)

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        c = self.carry
        return {
            "algorithm": self.algorithm.to_json(), "previous": {"id": self.previous.id, "round": self.previous.round},
            "previous_submission": c.previous_submission,
            "forms": [f.carry.to_json() for f in self.forms],
            "conclusion": {"last_year": {"id": c.old_conclusion, "ref": c.old_conclusion_ref},
                           "this_year": {"id": c.new_conclusion, "ref": c.new_conclusion_ref},
                           "changed": self.conclusion_changed},
            "category": {"last_year": c.old_category, "this_year": self.algorithm.category},
            "prefilled": sum(len(f.answers) for f in self.forms),
            "review": [r.to_json() | {"text": r.text(lang)} for r in c.review],
        }


def _t(nl: str, en: str) -> dict[str, str]:
    return {"nl": nl, "en": en}


def _order(form_ids: Sequence[str]) -> list[str]:
    rank = {fid: i for i, fid in enumerate(FORM_ORDER)}
    return sorted(form_ids, key=lambda f: (rank.get(f, len(rank)), f))


def _usable(form: Form, stored: Mapping[str, Sequence[str]]) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """The stored answers that fit the form (question exists, answers exist); and the question ids that do not."""
    from algoinventaris.storage.repository import check_answers

    good: dict[str, tuple[str, ...]] = {}
    bad: list[str] = []
    for qid, given in stored.items():
        try:
            good[qid] = check_answers(form, qid, given)
        except ValueError:
            bad.append(qid)
    return good, bad


def _carry_form(fid: str, rows: Sequence[Any], library: FormLibrary, installed: InstalledRound) -> FormStart:
    """Carry one questionnaire's answers (the StoredAnswer rows of last year, set-aside ones left out)."""
    from algoinventaris.formengine.migration import MigrationError, Migrator, migrate_chain

    counts = Counter(r.form_hash for r in rows)
    old_hash = max(counts, key=lambda h: (counts[h], max(r.updated_at for r in rows if r.form_hash == h)))
    old_version = next(r.form_version for r in rows if r.form_hash == old_hash)
    stored = {r.question_id: tuple(r.answers) for r in rows}
    target = library.round_form(installed, fid)
    old = library.by_hash(old_hash, fid)
    if target is None:
        reason = _t(f"de ronde {installed.name} gebruikt vragenlijst {fid} niet meer; je antwoorden daarop zijn niet overgenomen",
                    f"the round {installed.name} no longer uses questionnaire {fid}; your answers to it were not carried over")
        carry = FormCarry(fid, CARRY_NONE, old_version, old_hash, None, None)
        return FormStart(carry, None, {}, [ReviewEntry(fid, "form_dropped", reason)], old_form=old, old_answers=stored)
    to = (target.version, target.content_hash)
    if old is not None and old.content_hash == target.content_hash:
        answers, bad = _usable(target, stored)
        review = [ReviewEntry(fid, "no_longer_fits", _t(f"je antwoord op vraag {q} past niet meer; beantwoord die opnieuw",
                                                        f"your answer to question {q} no longer fits; answer it again"),
                              question=q, old_question=q, old_answers=stored[q]) for q in bad]
        return FormStart(FormCarry(fid, CARRY_SAME, old_version, old_hash, *to, carried=len(answers)), target, answers, review,
                         old_form=old, old_answers=stored)
    route = library.chain(old, target) if old is not None else None
    if old is None or route is None:
        why = (_t(f"de versie van vragenlijst {fid} waarmee je vorig jaar antwoordde ({old_version}) is op deze computer niet "
                  "bekend", f"the version of questionnaire {fid} you answered last year ({old_version}) is not known on this "
                  "computer") if old is None else
               _t(f"de ronde bevat geen migratietabel van {fid} {old_version} naar {target.version}",
                  f"the round has no migration map from {fid} {old_version} to {target.version}"))
        reason = {lang: f"{why[lang]}; {'beantwoord de vragen opnieuw' if lang == 'nl' else 'answer the questions again'}"
                  for lang in ("nl", "en")}
        return FormStart(FormCarry(fid, CARRY_NONE, old_version, old_hash, *to), target, {}, [ReviewEntry(fid, "no_map", reason)],
                         old_form=old, old_answers=stored)
    answers, bad = _usable(old, stored)
    review = [ReviewEntry(fid, "unmapped", _t(f"je antwoord op vraag {q} paste al niet bij de versie van vorig jaar en is niet "
                                              "overgenomen", f"your answer to question {q} did not fit last year's version and "
                                              "was not carried over"), old_question=q, old_answers=stored[q]) for q in bad]
    try:
        result = migrate_chain([Migrator(a, b, m) for _, m, a, b in route], answers)
    except MigrationError as err:
        reason = _t(f"de migratie van {fid} {old_version} naar {target.version} lukt niet: {err}",
                    f"migrating {fid} {old_version} to {target.version} failed: {err}")
        return FormStart(FormCarry(fid, CARRY_NONE, old_version, old_hash, *to), target, {}, [ReviewEntry(fid, "no_map", reason)],
                         old_form=old, old_answers=stored)
    for item in result.review:
        review.append(ReviewEntry(fid, item.kind, dict(item.reason), question=item.new_question, old_question=item.old_question,
                                  old_answers=item.old_answers, proposed=item.proposed, choices=item.choices,
                                  options=item.options))
    carry = FormCarry(fid, CARRY_MIGRATED, old_version, old_hash, *to, carried=len(result.answers),
                      maps=tuple(name for name, *_ in route))
    return FormStart(carry, target, dict(result.answers), review, result, old_form=old, old_answers=stored)


def _outcome(forms: Mapping[str, Form], answers: Mapping[str, Mapping[str, Sequence[str]]]) -> tuple[Any, str | None]:
    """(the decision of the AI-Act form or None, the category A/B/C when the impact questions decide it)."""
    from algoinventaris.formengine.session import resolve

    decision = None
    for fid in DECISION_FORMS:
        if fid in forms:
            decision = resolve(forms[fid], answers.get(fid, {})).decision
            break
    category = None
    if decision is not None and decision.done and AI_ACT in forms and IMPACT in forms and answers.get(IMPACT):
        from algoinventaris.domain.category import assess

        impact = resolve(forms[IMPACT], answers[IMPACT])
        on_path = {q: tuple(answers[IMPACT][q]) for q in impact.on_path}
        category = assess(decision.facts(), on_path, ai_act_concluded=True, impact_complete=impact.done).category.category
    return decision, category


def start_from_last_year(repo: Any, algorithm_id: str, round_name: str, *, previous_submission: str | None = None,
                         library: FormLibrary | None = None) -> StartResult:
    """Create this year's algorithm from last year's (see the module docstring). RoundError or StorageError on refusal."""
    from algoinventaris.storage import NotFound

    try:
        installed = repo.installed_round(round_name)
    except NotFound as err:
        raise RoundError("not-opened", f"De ronde '{round_name}' is hier nog niet geopend: open eerst de rondebundel van de CDO "
                         "(algoinventaris round open BUNDEL.zip).",
                         f"The round '{round_name}' has not been opened here: open the CDO's round bundle first "
                         "(algoinventaris round open BUNDLE.zip).") from err
    previous = repo.get_algorithm(algorithm_id)
    if previous.deleted_at is not None:
        raise RoundError("deleted", f"'{previous.name}' staat in de prullenbak; zet het eerst terug.",
                         f"'{previous.name}' is in the bin; restore it first.")
    if _key(previous.round) == _key(installed.name):
        raise RoundError("same-round", f"'{previous.name}' hoort al bij {installed.name}.",
                         f"'{previous.name}' belongs to {installed.name} already.")
    for other in repo.successors(previous.id):
        if other.deleted_at is None and _key(other.round) == _key(installed.name):
            raise RoundError("already-started", f"'{previous.name}' is al overgenomen in {installed.name} (algoritme {other.id}).",
                             f"'{previous.name}' was already carried into {installed.name} (algorithm {other.id}).")
    library = library or FormLibrary(repo)
    rows_by_form: dict[str, list[Any]] = {}
    for row in repo.all_answers(previous.id):
        if row.status != "set_aside":
            rows_by_form.setdefault(row.form_id, []).append(row)
    starts = [_carry_form(fid, rows_by_form[fid], library, installed) for fid in _order(list(rows_by_form))]
    old_forms = {s.carry.form_id: s.old_form for s in starts if s.old_form is not None}
    old_answers = {s.carry.form_id: s.old_answers for s in starts}
    old_decision, _ = _outcome(old_forms, old_answers)
    new_forms = {s.carry.form_id: s.form for s in starts if s.form is not None}
    proposed = {s.carry.form_id: s.answers for s in starts if s.answers}
    new_decision, category = _outcome(new_forms, proposed)
    old_c = old_decision.conclusion if old_decision is not None else None
    new_c = new_decision.conclusion if new_decision is not None else None
    if previous_submission is None and previous.state == "exported":
        from algoinventaris.package.export import ExportLog

        previous_submission = ExportLog().last_submission(previous.id)
    review = tuple(item for s in starts for item in s.review)
    carry = CarryOver(
        algorithm_id="", previous_id=previous.id, previous_submission=previous_submission, round=installed.name,
        started_at=previous.updated_at, previous_answers=old_answers, proposed=proposed,
        forms=tuple(s.carry for s in starts), review=review,
        old_conclusion=old_c.id if old_c is not None else previous.conclusion,
        old_conclusion_ref=old_c.ref if old_c is not None else previous.conclusion_ref,
        old_category=previous.category,
        new_conclusion=new_c.id if new_c is not None else None, new_conclusion_ref=new_c.ref if new_c is not None else None)
    rows = [(s.form, qid, given) for s in starts if s.form is not None for qid, given in s.answers.items()]
    first = next((s for s in starts if s.form is not None), None)
    created = repo.start_from(
        previous.id, round_name=installed.name, answers=rows, carry=carry,
        conclusion=carry.new_conclusion, conclusion_ref=carry.new_conclusion_ref, category=category,
        current_form=first.form.id if first is not None and first.form is not None else None,
        current_question=first.form.start if first is not None and first.form is not None else None)
    stored = repo.carry_over(created.id)
    return StartResult(created, previous, stored, starts)


# --- what changed since last year -----------------------------------------------------------------


def forms_for(repo: Any, algorithm: Any, library: FormLibrary | None = None,
              form_ids: Sequence[str] | None = None) -> dict[str, Form]:
    """The questionnaires an algorithm is answered in: its round's versions where the round was opened, else the app's own.

    With form_ids only those are loaded; without, every form of the round and of the app.
    """
    library = library or FormLibrary(repo)
    installed = next((r for r in library.rounds if _key(r.name) == _key(algorithm.round)
                      and _key(r.organisation) == _key(algorithm.organisation)), None)
    wanted = list(form_ids) if form_ids is not None else list(dict.fromkeys(
        [*library.bundled(), *(ref.id for ref in (installed.forms if installed is not None else ()))]))
    forms: dict[str, Form] = {}
    for fid in wanted:
        form = library.round_form(installed, fid) if installed is not None else library.bundled_form(fid)
        if form is not None:
            forms[fid] = form
    return forms


def round_forms_for(repo: Any, algorithm: Any) -> dict[str, Form]:
    """The questionnaires the opened round of this algorithm provides (by id); {} when its round was not opened here.

    The export and the wizard use these instead of the app's own versions for an algorithm of that round.
    """
    finder = getattr(repo, "installed_rounds", None)
    if finder is None:
        return {}
    installed = next((r for r in finder() if _key(r.name) == _key(algorithm.round)
                      and _key(r.organisation) == _key(algorithm.organisation)), None)
    if installed is None:
        return {}
    from algoinventaris.formengine.errors import FormLoadError
    from algoinventaris.formengine.loader import load_form

    out: dict[str, Form] = {}
    for ref in installed.forms:
        try:
            form = load_form(installed_file(installed, ref.path))
        except FormLoadError as err:
            raise RoundError("round-damaged", f"De vragenlijst {ref.id} van {installed.name} is beschadigd: {err}. Open de "
                             "rondebundel opnieuw.", f"The questionnaire {ref.id} of {installed.name} is damaged: {err}. Open "
                             "the round bundle again.") from err
        if form.content_hash != ref.sha256:
            raise RoundError("round-damaged", f"De vragenlijst {ref.id} van {installed.name} is na het openen gewijzigd. Open de "
                             "rondebundel opnieuw.", f"The questionnaire {ref.id} of {installed.name} was changed after it was "
                             "opened. Open the round bundle again.")
        out[ref.id] = form
    return out


def round_form_paths(repo: Any, round_name: str, organisation: str | None = None) -> dict[str, Path]:
    """Form id -> installed form folder for an opened round (for the wizard and the export); {} when not opened."""
    from algoinventaris.storage import NotFound

    try:
        installed = repo.installed_round(round_name, organisation)
    except NotFound:
        return {}
    return {ref.id: installed_file(installed, ref.path).parent for ref in installed.forms}


def year_changes(repo: Any, algorithm_id: str, library: FormLibrary | None = None) -> YearChanges | None:
    """What changed since last year for an algorithm started from last year's (None when it was not)."""
    from algoinventaris.formengine.session import resolve

    carry = repo.carry_over(algorithm_id)
    if carry is None:
        return None
    algorithm = repo.get_algorithm(algorithm_id)
    form_ids = list(dict.fromkeys([*carry.proposed, *(r.form_id for r in repo.all_answers(algorithm_id))]))
    forms = forms_for(repo, algorithm, library, form_ids)
    current = {fid: repo.answers(algorithm_id, fid) for fid in form_ids}
    on_path: dict[str, list[str]] = {}
    for fid, stored in current.items():
        form = forms.get(fid)
        if form is None:
            continue
        state = resolve(form, {q: a.answers for q, a in stored.items() if a.status != "set_aside"})
        on_path[fid] = [*state.on_path, *([state.current.id] if state.current is not None else [])]
    return changes_since_last_year(carry, current, on_path=on_path, conclusion=algorithm.conclusion,
                                   conclusion_ref=algorithm.conclusion_ref, category=algorithm.category)


def previous_submission_for(repo: Any, algorithm_id: str) -> str | None:
    """Last year's submission id for an algorithm started from last year's (for the package's `previous`), or None."""
    finder = getattr(repo, "carry_over", None)
    if finder is None:
        return None
    carry = finder(algorithm_id)
    if carry is None:
        return None
    if carry.previous_submission:
        return str(carry.previous_submission)
    if carry.previous_id:
        from algoinventaris.package.export import ExportLog

        return ExportLog().last_submission(carry.previous_id)
    return None
