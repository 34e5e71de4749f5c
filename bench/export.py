"""Benchmark: one signed submission package (canonical JSON + PDF + signature + zip, written atomically).

Uses the longest path through forms/ai-act and the applicable requirements, so the PDF is as long as
real ones get. Prints the one-time cost per process (importing reportlab, loading the fonts), the
first package, the median of the following ones with a breakdown per step, and the ratio to a bare
baseline measured in the same run: json.dumps of the same three documents and a zip of them in
memory, no PDF, no signature. Target (issue 6): one package under 300 ms on the project's 2-core
machine.
"""

from __future__ import annotations

import dataclasses
import io
import json
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from algoinventaris.domain.submission import AlgorithmInfo, Submission  # noqa: E402
from algoinventaris.formengine.loader import load_form  # noqa: E402
from algoinventaris.formengine.paths import explore  # noqa: E402
from algoinventaris.package.assemble import submission_from_answers  # noqa: E402
from algoinventaris.package.build import build_package, prepare_contents, write_atomic, zip_bytes  # noqa: E402
from algoinventaris.package.documents import answers_document, outcome_document, register_document  # noqa: E402
from algoinventaris.package.export import applicable_requirements  # noqa: E402
from algoinventaris.package.keys import KeyStore  # noqa: E402

TARGET_MS = 300.0
RUNS = 15


def longest_submission() -> Submission:
    form = load_form(ROOT / "forms" / "ai-act")
    path = max((p for p in explore(form).paths if p.end_kind == "conclusion"), key=lambda p: len(p.steps))
    stored = {question: list(answers) for question, answers in path.steps}
    algorithm = AlgorithmInfo("0f4c7d6e-8a61-4a4b-9d4e-1c2b3a4d5e6f", "Risicoscan bijstandsaanvragen",
                              "Gemeente Voorbeeld", "Werk en Inkomen", "Inventarisatie 2026")
    sub = submission_from_answers(form, stored, algorithm, owner="Anouk de Vries")
    return dataclasses.replace(sub, requirements=applicable_requirements(sub.ai_act.facts, "nl"))


def bare(sub: Submission) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, doc in (("answers.json", answers_document(sub)), ("outcome.json", outcome_document(sub)),
                          ("register.json", register_document(sub))):
            archive.writestr(name, json.dumps(doc, sort_keys=True, separators=(",", ":")))
    return buffer.getvalue()


def main() -> int:
    if not (ROOT / "forms" / "ai-act" / "form.yaml").exists():
        print("skipped: forms/ai-act is absent")
        return 0
    sub = longest_submission()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        signer = KeyStore(folder / "keys").create_ed25519("benchmark passphrase", "Benchmark")
        t = time.perf_counter()
        from algoinventaris.report.submission_pdf import warm_up

        warm_up()
        setup_ms = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        first = build_package(sub, signer, folder / "out")
        cold_ms = (time.perf_counter() - t) * 1000

        totals: list[float] = []
        bares: list[float] = []
        steps: dict[str, list[float]] = {"json + pdf + sign": [], "zip": [], "write": []}
        marks: list[float] = []
        for run in range(RUNS):
            t0 = time.perf_counter()
            contents = prepare_contents(sub, signer, progress=lambda d, n, w: marks.append(time.perf_counter()))
            t1 = time.perf_counter()
            data = zip_bytes(contents.members)
            t2 = time.perf_counter()
            write_atomic(folder / "out", f"run-{run}.zip", data)
            t3 = time.perf_counter()
            totals.append((t3 - t0) * 1000)
            steps["json + pdf + sign"].append((t1 - t0) * 1000)
            steps["zip"].append((t2 - t1) * 1000)
            steps["write"].append((t3 - t2) * 1000)
            t = time.perf_counter()
            bare(sub)
            bares.append((time.perf_counter() - t) * 1000)
        pdf_size = len(dict(contents.members)["report.pdf"])
    median = statistics.median(totals)
    base = statistics.median(bares)
    print(f"package: {first.name}, {len(sub.answers[0].steps)} answers, {len(sub.requirements)} requirements, "
          f"PDF {pdf_size // 1024} KiB")
    print(f"once per process: import reportlab, load fonts: {setup_ms:7.1f} ms")
    print(f"first package in this process:                  {cold_ms:7.1f} ms")
    print(f"one package, median of {RUNS}:                     {median:7.1f} ms  (target < {TARGET_MS:.0f} ms: "
          f"{'OK' if median < TARGET_MS else 'OVER'})")
    for name, values in steps.items():
        print(f"  {name:<18} {statistics.median(values):7.1f} ms")
    print(f"bare baseline (json.dumps + zip in memory): {base:7.2f} ms; ratio {median / base:6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
