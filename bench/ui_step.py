"""Benchmark: one wizard step (answer -> saved -> next page built and painted), against a bare Qt page swap in the same run.

Walks routes through forms/ai-act on a real owner database (a temporary file) - each route drawn at
random from all of the form's complete routes (about 14 questions, then the summary) - timing each
step from the moment the owner confirms an answer (WizardView.go_next) until the next page has been
painted (the route is replayed, the page refilled from the field registry, the wizard repaints), and
until the answer is saved (one transaction, synchronous=FULL; it runs right after the paint, before
the next key press is handled). The baseline is what any Qt app pays for a page change: build a page
with a heading and as many radio buttons, swap it in, repaint. The wizard is made as the main window
makes it, with the flow that adds the summary's block about the whole algorithm (category, requirements,
export), and the other questionnaires loaded as the window loads them ahead. Wall-clock figures suffer when other
programs use the CPU; the CPU time of the UI thread is printed too, as a steadier figure.

    .venv/bin/python bench/ui_step.py [--steps 300] [--platform offscreen]

Target: p95 of a step under 16 ms (one frame at 60 Hz). Prints figures; never fails.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def describe(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (f"{name:<40} n={len(ms):4d}  median {statistics.median(ms):6.2f} ms  p95 {percentile(ms, 95):6.2f} ms"
            f"  max {max(ms):6.2f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=300, help="how many steps to time (default 300)")
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = args.platform
    tmp = Path(tempfile.mkdtemp(prefix="bench-ui-step-"))
    os.environ["ALGOINVENTARIS_DATA_DIR"] = str(tmp)

    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QRadioButton, QScrollArea, QVBoxLayout, QWidget

    from algoinventaris import config
    from algoinventaris.formengine.loader import load_form
    from algoinventaris.formengine.paths import explore
    from algoinventaris.storage import open_owner_db
    from algoinventaris.ui.controller import WizardController
    from algoinventaris.ui.flow import AlgorithmFlow
    from algoinventaris.ui.form_cache import FormCache
    from algoinventaris.ui.question_page import QuestionPage
    from algoinventaris.ui.theme import Theme
    from algoinventaris.ui.wizard import WizardView

    app = QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    Theme(app).apply()
    form = load_form(config.form_path("ai-act"))
    repo = open_owner_db(tmp / "owner.sqlite3")
    forms = FormCache()  # the other questionnaires and the requirements, for the summary's overview block
    forms.preload()
    rng = random.Random(args.seed)
    all_routes = [p.steps for p in explore(form).paths if p.end_kind == "conclusion"]

    # -- the app: real steps ------------------------------------------------------------------------
    window = QMainWindow()
    window.resize(1000, 700)
    window.show()
    app.processEvents()
    step_times: list[float] = []
    step_cpu: list[float] = []
    saved_times: list[float] = []
    summary_steps = 0
    to_summary: list[float] = []
    to_question: list[float] = []
    routes = 0
    shown_at: list[float] = []
    while len(step_times) < args.steps:
        alg = repo.create_algorithm(f"Route {routes + 1}", "Bench", "Team", "Inventarisatie")
        controller = WizardController(repo, alg.id, form)
        controller.resume()
        wizard = WizardView(controller, "nl", alg.name, lambda err, what: print("error:", what, err),
                            flow=AlgorithmFlow(repo, forms, alg.id))  # as MainWindow.open_algorithm makes it
        wizard.page_shown.connect(lambda: shown_at.append((time.perf_counter(), time.thread_time())))
        window.setCentralWidget(wizard)
        wizard.show_current()
        wizard.prepare_summary()  # as MainWindow.open_algorithm does right after the first page shows
        wizard.prepare_overview()  # and a moment later
        window.repaint()
        app.processEvents()
        routes += 1
        route = dict(rng.choice(all_routes))  # one of the form's complete routes, each equally likely
        while len(step_times) < args.steps:
            page = wizard.current_page()
            if not isinstance(page, QuestionPage):
                break
            page.set_answer(route[page.question.id])
            shown_at.clear()
            t0, c0 = time.perf_counter(), time.thread_time()
            wizard.go_next()
            t_saved = time.perf_counter()
            if not shown_at:
                print("the step did not show a page")
                continue
            step_times.append(shown_at[0][0] - t0)
            step_cpu.append(shown_at[0][1] - c0)
            saved_times.append(t_saved - t0)
            on_summary = not isinstance(wizard.current_page(), QuestionPage)
            summary_steps += on_summary
            (to_summary if on_summary else to_question).append(step_times[-1])
            app.processEvents()  # what the event loop does between two key presses (deferred deletes, timers)
    repo.close()

    # -- the baseline: a bare page swap with the same number of radio buttons -----------------------
    bare = QMainWindow()
    bare.resize(1000, 700)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    bare.setCentralWidget(scroll)
    bare.show()
    app.processEvents()
    sizes = [len(q.answers) for q in form.questions]
    bare_times: list[float] = []
    for i in range(args.steps):
        t0 = time.perf_counter()
        page_widget = QWidget()
        layout = QVBoxLayout(page_widget)
        layout.addWidget(QLabel(f"<h2>Vraag {i}</h2>"))
        for n in range(sizes[i % len(sizes)]):
            layout.addWidget(QRadioButton(f"Antwoord {n + 1}"))
        layout.addStretch(1)
        old = scroll.takeWidget()
        scroll.setWidget(page_widget)
        if old is not None:
            old.deleteLater()
        bare.repaint()
        bare_times.append(time.perf_counter() - t0)
        app.processEvents()

    print(f"forms/ai-act {form.version}: {routes} routes of {len(all_routes)}, {len(step_times)} steps "
          f"({summary_steps} ending on the summary), "
          f"platform {args.platform}")
    print(describe("bare Qt page swap (baseline)", bare_times))
    print(describe("wizard: answer -> next page painted", step_times))
    print(describe("  of which: to the next question", to_question))
    if to_summary:
        print(describe("  of which: to the summary", to_summary))
    print(describe("  the same in CPU time of the UI thread", step_cpu))
    print(describe("wizard: answer -> saved (after paint)", saved_times))
    p95 = percentile(step_times, 95) * 1000
    ratio = statistics.median(step_times) / statistics.median(bare_times)
    print(f"median ratio wizard step / bare swap: {ratio:.2f}")
    verdict = "within" if p95 < 16 else "OVER"
    print(f"p95 answer -> painted {p95:.2f} ms: {verdict} the 16 ms target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
