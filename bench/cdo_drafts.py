"""Benchmark: the CDO window's drafts list over 10,000 drafts in one round, against a bare SELECT of the same rows.

10,000 drafts with register answers of a realistic size (a dozen fields, short and long texts, values
that were not taken, a deviation), over twelve units, go into one round of a fresh SQLite CDO database
(plus 500 deleted ones and 2,000 in another round, which the list must leave out). Then, alternating:
what the Concepten tab reads on a tab switch (`list_drafts(round)` and `list_draft_meta(round)`), and
one bare `SELECT` of every column of the same rows with the sqlite3 module on the same file (rows
only, nothing decoded). Prints the median of each and the ratio. Target: the list well under 0.5 s.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from algoinventaris.domain.drafts import SOURCE_REGISTER, SOURCE_SPREADSHEET, Draft, DraftDeviation  # noqa: E402
from algoinventaris.storage.cdo import open_cdo_db  # noqa: E402

TARGET_MS = 500.0
RUNS = 7
ROUND = "Inventarisatie 2026"
OTHER = "Inventarisatie 2025"
ORG = "Ministerie van Voorbeeldzaken"
UNITS = [""] + [f"Directie {name}" for name in ("Toeslagen", "Vergunningen", "Handhaving", "Belastingen", "Subsidies",
                                                "Wonen", "Zorg", "Onderwijs", "Verkeer", "Veiligheid", "Natuur")]
PLAIN = ("SELECT drafts.*, rounds.name FROM drafts JOIN rounds ON rounds.id = drafts.round_id "
         "WHERE rounds.name_key = ? AND drafts.deleted_at IS NULL")
WORDS = ["het", "algoritme", "ondersteunt", "medewerkers", "bij", "de", "beoordeling", "van", "aanvragen", "op", "basis",
         "gegevens", "uit", "basisregistraties", "en", "eerdere", "besluiten", "waarbij", "een", "medewerker", "altijd",
         "laatste", "woord", "heeft"]


def _text(rnd: random.Random, words: int) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(words)).capitalize() + "."


def drafts(count: int, round_name: str, rnd: random.Random) -> list[Draft]:
    out = []
    for number in range(count):
        name = f"Algoritme {round_name[-4:]}-{number:05d}"
        answers = {"name": name, "description-short": _text(rnd, 40), "goal": _text(rnd, 60),
                   "proportionality": _text(rnd, 50), "human-intervention": _text(rnd, 45), "risks": _text(rnd, 50),
                   "lawful-basis": "Algemene wet bestuursrecht, artikel 4:1", "methods-and-models": _text(rnd, 30),
                   "provider": "Eigen ontwikkeling", "status": "In gebruik", "begin-date": "2023-01",
                   "contact-email": "algoritmes@example.nl", "website": "https://example.nl/algoritmes",
                   "source-data": _text(rnd, 20), "lars": f"{10000000 + number}"}
        lars = number % 3 == 0
        out.append(Draft(
            id=str(uuid.UUID(int=rnd.getrandbits(128), version=4)), organisation=ORG, unit=UNITS[number % len(UNITS)],
            round=round_name, name=name, source=SOURCE_REGISTER if lars else SOURCE_SPREADSHEET,
            origin=f"inventaris-2025.xlsx, rij {number + 2}", match_kind="lars" if lars else "organisation+name",
            match_value=answers["lars"] if lars else f"{ORG} / {name}", revision=1 + number % 2, answers=answers,
            not_mapped={"type": "Regelgebaseerd", "Opmerking intern": _text(rnd, 12)},
            deviations=(DraftDeviation("not_mapped", "type", "Regelgebaseerd", "type: niet overgenomen"),)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    rnd = random.Random(11)
    with tempfile.TemporaryDirectory(prefix="bench-cdo-drafts-") as tmp:
        path = Path(tmp) / "cdo.sqlite3"
        repo = open_cdo_db(path)
        try:
            start = time.perf_counter()
            for name in (ROUND, OTHER):
                repo.set_round_details(name, organisation=ORG, deadline=None, units=UNITS[1:], files=(), actor="bench")
            listed = drafts(args.count, ROUND, rnd)
            deleted = drafts(500, ROUND, rnd)
            repo.save_drafts(listed + deleted + drafts(2_000, OTHER, rnd), [], actor="bench")
            for d in deleted:
                repo.delete_draft(d.id, actor="bench")
            print(f"{len(listed)} drafts (+ {len(deleted)} deleted, + 2000 in another round) stored in "
                  f"{time.perf_counter() - start:.1f} s")
            plain = sqlite3.connect(path)
            assert len(plain.execute(PLAIN, (ROUND.casefold(),)).fetchall()) == len(listed)
            got = repo.list_drafts(ROUND)
            assert sorted(d.id for d in got) == sorted(d.id for d in listed), "the list is not the round's drafts"
            assert {d.id: d for d in got} == {d.id: d for d in listed}, "a listed draft differs from the stored one"
            assert len(repo.list_draft_meta(ROUND)) == len(listed) + len(deleted)
            drafts_ms: list[float] = []
            meta_ms: list[float] = []
            plain_ms: list[float] = []
            for _ in range(RUNS):
                t0 = time.perf_counter()
                repo.list_drafts(ROUND)
                t1 = time.perf_counter()
                repo.list_draft_meta(ROUND)
                t2 = time.perf_counter()
                plain.execute(PLAIN, (ROUND.casefold(),)).fetchall()
                t3 = time.perf_counter()
                drafts_ms.append((t1 - t0) * 1000)
                meta_ms.append((t2 - t1) * 1000)
                plain_ms.append((t3 - t2) * 1000)
            plain.close()
            listing, meta, bare = statistics.median(drafts_ms), statistics.median(meta_ms), statistics.median(plain_ms)
            both = listing + meta
            print(f"bare SELECT of the same rows (sqlite3):   {bare:7.1f} ms")
            print(f"list_drafts(round):                      {listing:7.1f} ms  (ratio {listing / bare:.2f})")
            print(f"list_draft_meta(round):                  {meta:7.1f} ms  (ratio {meta / bare:.2f})")
            print(f"the Concepten tab's reads together:      {both:7.1f} ms  (target < {TARGET_MS:.0f} ms: "
                  f"{'OK' if both < TARGET_MS else 'MISSED'}; ratio {both / bare:.2f})")
        finally:
            repo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
