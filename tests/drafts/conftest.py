"""Fixtures for the drafts tests: the real register records, the CDO database on SQLite and PostgreSQL, keys, drafts."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from typing import Any

from algoinventaris.domain.drafts import SOURCE_REGISTER, Draft, DraftDeviation
from algoinventaris.package.bundle import DRAFTS_JSON, ROUND_JSON, ROUND_SIG
from algoinventaris.package.canonical import canonical_json
from algoinventaris.package.keys import Ed25519Signer
from tests.cdo.conftest import pg_server, repo, sqlite_repo  # noqa: F401  (CDO database on SQLite and PostgreSQL)
from tests.register_import.conftest import raw_records, record_files, titles  # noqa: F401  (the 27 real records)
from tests.rounds.conftest import (  # noqa: F401  (real CDO and owner keys, owner database)
    ORG,
    ROUND,
    cdo_pem,
    cdo_signer,
    owner,
    rezip,
    stranger_signer,
    trusting,
    zip_members,
)


def draft(name: str, *, unit: str = "Directie A", organisation: str = ORG, round_name: str = ROUND, revision: int = 1,
          answers: Mapping[str, str] | None = None, kind: str = "organisation+name", value: str = "",
          not_mapped: Mapping[str, str] | None = None, draft_id: str | None = None) -> Draft:
    """A small draft as the CDO would hand it out."""
    return Draft(id=draft_id or str(uuid.uuid4()), organisation=organisation, unit=unit, round=round_name, name=name,
                 source=SOURCE_REGISTER, origin=f"test.json, record {name}", match_kind=kind,
                 match_value=value or f"{organisation} / {name}", revision=revision,
                 answers=dict(answers or {"name": name, "description_short": f"Wat {name} doet."}),
                 not_mapped=dict(not_mapped or {"type": "Regelgebaseerd"}),
                 deviations=(DraftDeviation("not_mapped", "type", "Regelgebaseerd", "type: niet overgenomen"),))


def resign(members: dict[str, bytes], signer: Ed25519Signer, *, document_changes: Mapping[str, Any] | None = None) -> bytes:
    """The bundle again after its members were changed: round.json's hashes and sizes updated, signed again by the CDO."""
    document = json.loads(members[ROUND_JSON])
    for entry in document["files"]:
        content = members[entry["name"]]
        entry["sha256"], entry["size"] = hashlib.sha256(content).hexdigest(), len(content)
    document.update(document_changes or {})
    raw = canonical_json(document)
    out = dict(members)
    out[ROUND_JSON], out[ROUND_SIG] = raw, signer.sign(raw)
    return rezip(out)


__all__ = ["DRAFTS_JSON", "ORG", "ROUND", "draft", "resign", "zip_members"]
