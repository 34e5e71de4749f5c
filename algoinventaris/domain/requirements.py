"""Which Algoritmekader requirements apply to an algorithm, from the facts of its AI-Act outcome.

Implements the "proposed rule" of the Algoritmekader filtering notes (section 5):
- the profile P has, per dimension, the set of values from the outcome facts (unknown = empty);
- dimensions that do not apply are set to {niet-van-toepassing}: risicogroep and transparantieverplichting
  for an AI model for general purposes, systeemrisico for (general-purpose) AI systems;
- a requirement R applies iff for every dimension d with R[d] non-empty, P[d] is empty (unknown does not
  exclude) or R[d] and P[d] share a value;
- exceptions ('uitzondering') are honoured on the profile's explicit values only: R does not apply when
  every dimension of one of its exceptions has an explicit value in P that the exception lists;
- when the AI Act does not apply (our conclusions with ai-verordening = niet-van-toepassing) or the
  application is no algorithm (soort-toepassing = geen-algoritme), the AI-Act requirements (aia-*) are
  dropped and every other requirement (general law) is kept.
The data (ids, tags, our short titles) is forms/requirements.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

Text = Mapping[str, str]
DIMENSIONS = ("soort-toepassing", "risicogroep", "rol-ai-act", "transparantieverplichting", "systeemrisico", "open-source")
NOT_APPLICABLE = "niet-van-toepassing"
GPAI_MODEL = "ai-model-voor-algemene-doeleinden"
AI_SYSTEMS = frozenset({"ai-systeem", "ai-systeem-voor-algemene-doeleinden"})
AI_ACT_PREFIX = "urn:nl:ak:ver:aia-"

Profile = dict[str, frozenset[str]]


class RequirementsError(ValueError):
    """The requirements data file cannot be read or does not have the expected shape."""


@dataclass(frozen=True)
class Requirement:
    """One Algoritmekader requirement: its URN, short code, our short title and its tags per dimension."""

    id: str
    code: str
    title: Text
    tags: Mapping[str, frozenset[str]]
    exceptions: tuple[Mapping[str, frozenset[str]], ...] = ()

    @property
    def ai_act(self) -> bool:
        """True for the AI-Act requirements (aia-*); the others come from general law and policy."""
        return self.id.startswith(AI_ACT_PREFIX)

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title.get("nl") or self.code


@dataclass(frozen=True)
class RequirementSet:
    """All requirements of one data file, with where the facts come from."""

    requirements: tuple[Requirement, ...]
    source: Mapping[str, Any] = field(default_factory=dict)
    version: str = ""

    def by_id(self, rid: str) -> Requirement | None:
        for r in self.requirements:
            if r.id == rid or r.code == rid:
                return r
        return None


def default_path() -> Path:
    """forms/requirements.yaml in the bundled forms folder."""
    from algoinventaris.config import forms_dir

    return forms_dir() / "requirements.yaml"


def _tagset(value: Any, where: str) -> dict[str, frozenset[str]]:
    if not isinstance(value, Mapping):
        raise RequirementsError(f"{where}: expected a mapping of dimension: [values]")
    out: dict[str, frozenset[str]] = {}
    for dim, values in value.items():
        if dim not in DIMENSIONS:
            raise RequirementsError(f"{where}: unknown dimension '{dim}'")
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise RequirementsError(f"{where}.{dim}: expected a list of values")
        out[dim] = frozenset(values)
    return out


def parse_requirements(data: Any, origin: str = "requirements") -> RequirementSet:
    """Build a RequirementSet from parsed YAML/JSON data; RequirementsError names what is wrong."""
    if not isinstance(data, Mapping) or not isinstance(data.get("requirements"), list):
        raise RequirementsError(f"{origin}: expected a mapping with a 'requirements' list")
    reqs: list[Requirement] = []
    seen: set[str] = set()
    for i, item in enumerate(data["requirements"], start=1):
        where = f"{origin}: requirements[{i}]"
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), str):
            raise RequirementsError(f"{where}: expected a mapping with an 'id'")
        rid = item["id"]
        if rid in seen:
            raise RequirementsError(f"{where}: id '{rid}' appears twice")
        seen.add(rid)
        title = item.get("title") or {}
        if not isinstance(title, Mapping):
            raise RequirementsError(f"{where}.title: expected {{nl: ..., en: ...}}")
        exceptions = item.get("exceptions") or []
        if not isinstance(exceptions, list):
            raise RequirementsError(f"{where}.exceptions: expected a list")
        reqs.append(Requirement(
            id=rid,
            code=str(item.get("code") or rid.rsplit(":", 1)[-1]),
            title={str(k): str(v) for k, v in title.items()},
            tags=_tagset(item.get("tags", {}), f"{where}.tags"),
            exceptions=tuple(_tagset(e, f"{where}.exceptions") for e in exceptions),
        ))
    source = data.get("source") or {}
    return RequirementSet(tuple(reqs), source if isinstance(source, Mapping) else {}, str(data.get("version", "")))


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime: float) -> RequirementSet:
    file = Path(path)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except OSError as err:
        raise RequirementsError(f"{file}: cannot read: {err.strerror or err}") from err
    except yaml.YAMLError as err:
        raise RequirementsError(f"{file}: not valid YAML: {err}") from err
    return parse_requirements(data, str(file))


def load_requirements(path: str | Path | None = None) -> RequirementSet:
    """Read forms/requirements.yaml (or the given file); cached until the file changes."""
    file = Path(path) if path is not None else default_path()
    try:
        mtime = file.stat().st_mtime
    except OSError as err:
        raise RequirementsError(f"{file}: cannot read: {err.strerror or err}") from err
    return _load_cached(str(file), mtime)


def profile_from_facts(facts: Mapping[str, Sequence[str]]) -> Profile:
    """The profile of the proposed rule: values per dimension, with not-applicable dimensions filled in."""
    profile: Profile = {d: frozenset(facts.get(d, ())) for d in DIMENSIONS}
    kinds = profile["soort-toepassing"]
    if kinds == {GPAI_MODEL}:
        profile["risicogroep"] = frozenset({NOT_APPLICABLE})
        profile["transparantieverplichting"] = frozenset({NOT_APPLICABLE})
    elif kinds and kinds <= AI_SYSTEMS:
        profile["systeemrisico"] = frozenset({NOT_APPLICABLE})
    return profile


def matches(req: Requirement, profile: Profile) -> bool:
    """True when the requirement's tags fit the profile (OR within a dimension, AND across dimensions)."""
    for dim in DIMENSIONS:
        wanted = req.tags.get(dim, frozenset())
        have = profile.get(dim, frozenset())
        if wanted and have and not wanted & have:
            return False
    return True


def excepted(req: Requirement, profile: Profile) -> bool:
    """True when one of the requirement's exceptions holds on the profile's explicit values."""
    for exception in req.exceptions:
        if exception and all(profile.get(dim, frozenset()) & values for dim, values in exception.items()):
            return True
    return False


def ai_act_applies(facts: Mapping[str, Sequence[str]]) -> bool:
    """False when the outcome says the AI Act does not apply, or that the application is no algorithm."""
    if NOT_APPLICABLE in facts.get("ai-verordening", ()):
        return False
    return "geen-algoritme" not in facts.get("soort-toepassing", ())


def applicable(facts: Mapping[str, Sequence[str]], requirements: RequirementSet | Iterable[Requirement] | None = None, *,
               honour_exceptions: bool = True) -> list[Requirement]:
    """The requirements that apply for an outcome's facts (Decision.facts()), in the data file's order."""
    reqs = requirements if requirements is not None else load_requirements()
    items = reqs.requirements if isinstance(reqs, RequirementSet) else tuple(reqs)
    if not ai_act_applies(facts):
        return [r for r in items if not r.ai_act]
    profile = profile_from_facts(facts)
    return [r for r in items if matches(r, profile) and not (honour_exceptions and excepted(r, profile))]
