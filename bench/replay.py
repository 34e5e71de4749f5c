"""Benchmark: replay every official path through forms/ai-act and print the time, the path count and a ratio.

The bare baseline, measured in the same run, is walking the same paths as plain dictionary look-ups
over pre-resolved (question, answer) -> next tables: the floor any decision runner has to beat.
Target (issue 3): the whole replay under 2 s on the project's 2-core machine.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from algoinventaris.formengine.beslishulp import import_file  # noqa: E402
from algoinventaris.formengine.loader import load_form  # noqa: E402
from algoinventaris.formengine.paths import explore, ref_steps  # noqa: E402
from algoinventaris.formengine.runner import run, steps_from_refs  # noqa: E402

TREE = ROOT.parent / "shared" / "reference" / "beslishulp-decision-tree.yaml"


def main() -> int:
    if not TREE.exists():
        print(f"skipped: {TREE} not found (../shared/reference is absent)")
        return 0
    _, official = import_file(TREE)
    paths = [ref_steps(official, p) for p in explore(official).paths]
    expected = [official.conclusion_map[p.end].ref for p in explore(official).paths]

    t0 = time.perf_counter()
    ours = load_form(ROOT / "forms" / "ai-act")
    load_s = time.perf_counter() - t0

    def replay() -> int:
        ok = 0
        for steps, want in zip(paths, expected, strict=True):
            decision = run(ours, steps_from_refs(ours, [(q, list(a)) for q, a in steps]), complete=True)
            ok += decision.conclusion is not None and decision.conclusion.ref == want
        return ok

    # bare baseline: the final hop of each path looked up in a dict (no labels, no conditions)
    final = {tuple((q, a) for q, a in steps): want for steps, want in zip(paths, expected, strict=True)}

    def bare() -> int:
        return sum(1 for steps in paths if final[tuple((q, a) for q, a in steps)] is not None)

    replay_times, bare_times = [], []
    matched = 0
    for _ in range(5):
        t = time.perf_counter()
        matched = replay()
        replay_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        bare()
        bare_times.append(time.perf_counter() - t)
    r, b = statistics.median(replay_times), statistics.median(bare_times)
    print(f"paths replayed          {matched} of {len(paths)} match the official conclusion")
    print(f"load forms/ai-act       {load_s * 1000:8.1f} ms")
    print(f"replay all paths        {r * 1000:8.1f} ms (median of 5)   target < 2000 ms: {'OK' if r < 2 else 'MISSED'}")
    print(f"bare dict baseline      {b * 1000:8.1f} ms")
    print(f"ratio replay / bare     {r / b:8.1f}x")
    print(f"per path                {r / len(paths) * 1e6:8.1f} µs")
    return 0 if matched == len(paths) else 1


if __name__ == "__main__":
    sys.exit(main())
