"""Benchmark: cold start of the app against a bare PySide6 window in the same run (first paint, list with data, memory).

Each round starts fresh processes, one after the other:
  bare               - python, import PySide6.QtWidgets, show a QWidget; time until its first paint;
  algoinventaris     - `python -m algoinventaris gui`, the real command (it builds the command-line
                       parser first), on a database with 40 algorithms;
  algoinventaris.ui  - `python -m algoinventaris.ui`, the desktop app without the command line;
each app run is timed until the first paint (a) and until the list of algorithms shows data (b).
Times are wall clock in this process, from spawning the child to reading its report line. Memory is
the resident set of each process once idle (1.5 s after its last step), read from /proc.

The list comes from storage.quick_list (sqlite3 only); SQLAlchemy and Alembic are loaded when the owner
starts using the window. A third run per round shows that too: `algoinventaris.ui` with a simulated
first key press as soon as the list shows, timed until the full repository is open, with its memory
afterwards (the app as it is once the owner works in it). Each app run also reports whether a heavy
library (SQLAlchemy, Alembic, reportlab, PyYAML) was loaded by the time the list showed.

    .venv/bin/python bench/startup.py [--rounds 9] [--platform offscreen]

Targets: (a) first paint <= 1.5 x bare, (b) list with data <= 2.5 x bare, idle memory <= 1.5 x bare.
Prints the figures; never fails.

What the bare window pays, and what it does not: Python and PySide6's import, the QApplication,
QEvent's enums (its event filter) and one paint of an empty widget. It lays out no text (the first
text layout of a process costs about 6 ms) and never names Qt's `Qt` namespace or QStyle, whose
first use makes PySide6 build their enums (about 25 and 10 ms). The app paints text, so it pays the
first; it leaves the others until after its first paint (tests/gui/test_startup.py checks that).
The baseline stays as it is: a slower bare window would flatter every ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    def rss_kb():
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    class Watch(QObject):
        done = False
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                QTimer.singleShot(0, painted)
            return False

    def painted():
        print("first-painted", flush=True)
        QTimer.singleShot(1500, idle)

    def idle():
        print(f"idle-rss-kb {rss_kb()}", flush=True)
        app.quit()

    app = QApplication(sys.argv)
    window = QWidget()
    window.setWindowTitle("bare")
    window.resize(1000, 700)
    watch = Watch()
    window.installEventFilter(watch)
    window.show()
    app.exec()
""")


def run_child(cmd: list[str], env: dict[str, str], heavy: set[str] | None = None) -> dict[str, float]:
    """Spawn a child, note when each report line arrives (seconds after spawning) and the idle memory."""
    marks: dict[str, float] = {}
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    assert child.stdout is not None
    for line in child.stdout:
        now = time.perf_counter() - t0
        word, _, rest = line.strip().partition(" ")
        if word == "idle-rss-kb":
            marks["rss_kb"] = float(rest)
        elif word == "data-shown":
            marks[word] = now
            loaded = dict(part.partition("=")[::2] for part in rest.split()).get("heavy", "-")
            if heavy is not None and loaded != "-":
                heavy.update(loaded.split(","))
        elif word == "database-failed":
            print("  the app could not open its database:", rest)
            marks["failed"] = now
        elif word:
            marks[word] = now
    child.wait(timeout=60)
    return marks


def seed_database(data_dir: Path, count: int) -> None:
    """A realistic owner database: `count` algorithms, a few answered."""
    sys.path.insert(0, str(ROOT))
    from algoinventaris.storage import open_owner_db

    repo = open_owner_db(data_dir / "owner.sqlite3")
    try:
        for i in range(count):
            repo.create_algorithm(f"Algoritme {i + 1:02d}", "Gemeente Voorbeeld", f"Team {i % 5 + 1}",
                                  "Inventarisatie 2026")
    finally:
        repo.close()


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--algorithms", type=int, default=40)
    args = parser.parse_args(argv)

    data_dir = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    seed_database(data_dir, args.algorithms)
    # An installed app has its bytecode cached; give the children a cache of their own (outside the tree),
    # filled by the warm-up run, even where PYTHONDONTWRITEBYTECODE is set for development.
    env = dict(os.environ, QT_QPA_PLATFORM=args.platform, ALGOINVENTARIS_DATA_DIR=str(data_dir),
               ALGOINVENTARIS_STARTUP_PROBE="1", PYTHONPYCACHEPREFIX=str(data_dir / "pycache"))
    env.pop("ALGOINVENTARIS_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    bare_cmd = [sys.executable, "-c", BARE]
    entries = {
        "algoinventaris": [sys.executable, "-m", "algoinventaris", "gui"],  # the real command (CLI, then the GUI)
        "algoinventaris.ui": [sys.executable, "-m", "algoinventaris.ui"],  # the GUI alone
    }
    input_env = dict(env, ALGOINVENTARIS_STARTUP_PROBE="input")
    heavy: dict[str, set[str]] = {name: set() for name in entries}

    # one untimed run of each warms the file cache and the bytecode cache, so the rounds compare like with like
    run_child(bare_cmd, env)
    for cmd in entries.values():
        run_child(cmd, env)
    run_child(entries["algoinventaris.ui"], input_env)
    opened: list[float] = []
    opened_rss: list[float] = []
    bare_paint: list[float] = []
    bare_rss: list[float] = []
    paint: dict[str, list[float]] = {name: [] for name in entries}
    data: dict[str, list[float]] = {name: [] for name in entries}
    rss: dict[str, list[float]] = {name: [] for name in entries}
    for _ in range(args.rounds):
        bare = run_child(bare_cmd, env)
        if "first-painted" in bare:
            bare_paint.append(bare["first-painted"])
            bare_rss.append(bare.get("rss_kb", 0.0))
        for name, cmd in entries.items():
            app = run_child(cmd, env, heavy[name])
            if "first-painted" in app and "data-shown" in app:
                paint[name].append(app["first-painted"])
                data[name].append(app["data-shown"])
                rss[name].append(app.get("rss_kb", 0.0))
        used = run_child(entries["algoinventaris.ui"], input_env)
        if "repository-open" in used and "data-shown" in used:
            opened.append(used["repository-open"] - used["data-shown"])
            opened_rss.append(used.get("rss_kb", 0.0))
    if not bare_paint or not all(data.values()):
        print("no complete runs; nothing to compare")
        return 0

    b = median(bare_paint)
    bm = median(bare_rss) / 1024
    print(f"{args.rounds} rounds, platform {args.platform}, {args.algorithms} algorithms in the database")
    print(f"{'':44} {'median':>9} {'min':>9} {'max':>9}")
    rows = [("bare PySide6 window: first paint", bare_paint)]
    for name in entries:
        rows += [(f"{name}: first paint", paint[name]), (f"{name}: list with data shown", data[name])]
    for label, values in rows:
        print(f"{label:44} {median(values) * 1000:7.0f}ms {min(values) * 1000:7.0f}ms {max(values) * 1000:7.0f}ms")
    if opened:
        print(f"{'algoinventaris.ui: first input -> repository':44} {median(opened) * 1000:7.0f}ms "
              f"{min(opened) * 1000:7.0f}ms {max(opened) * 1000:7.0f}ms   (after the list showed)")
    print(f"{'bare PySide6 window: idle memory':44} {bm:7.1f}MB")
    for name in entries:
        print(f"{name + ': idle memory':44} {median(rss[name]) / 1024:7.1f}MB")
    if opened_rss:
        print(f"{'algoinventaris.ui: memory, repository open':44} {median(opened_rss) / 1024:7.1f}MB   (not idle: the owner works)")
    for name in entries:
        loaded = ", ".join(sorted(heavy[name])) or "no SQLAlchemy, Alembic, reportlab, PyYAML"
        print(f"{name + ': loaded when the list showed':44} {loaded}")
    for name in entries:
        ratios = ((f"{name}: (a) first paint / bare", median(paint[name]) / b, 1.5),
                  (f"{name}: (b) list with data / bare", median(data[name]) / b, 2.5),
                  (f"{name}: idle memory / bare", median(rss[name]) / 1024 / bm if bm else float("nan"), 1.5))
        for label, ratio, target in ratios:
            verdict = "within" if ratio <= target else "OVER"
            print(f"{label:44} {ratio:7.2f}   target <= {target}: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
