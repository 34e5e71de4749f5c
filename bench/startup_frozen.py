"""Benchmark: cold start of the frozen app to its first painted window vs a frozen bare PySide6 window (ratio ≤ 1.5).

Both are PyInstaller one-dir builds made the same way (windowed, stripped on Linux, the same Qt
modules left out), measured in the same run: process start until the first paint event of the
main window, printed as `first-painted` on stdout. The app must have been built first
(`make dist`); the bare window is built here into a temporary folder (about half a minute).

    .venv/bin/python bench/startup_frozen.py [--runs 15] [--platform offscreen]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dist" / "algoinventaris" / "algoinventaris"

BARE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


    class Probe(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
                self.done = True
                sys.stdout.write("first-painted\\n")
                sys.stdout.flush()
                QTimer.singleShot(0, QApplication.instance().quit)
            return False


    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.setCentralWidget(QLabel("Hallo"))
    window.resize(960, 640)
    probe = Probe()
    window.installEventFilter(probe)
    window.show()
    sys.exit(app.exec())
    """
)


def build_bare(work: Path) -> Path:
    """Build the bare window with PyInstaller, one-dir, windowed, like build.spec."""
    script = work / "bare.py"
    script.write_text(BARE, encoding="utf-8")
    excludes = []
    for mod in ("QtQml", "QtQuick", "QtNetwork", "QtOpenGL", "QtSql", "QtTest", "QtDBus", "QtXml", "QtPrintSupport"):
        excludes += ["--exclude-module", f"PySide6.{mod}"]
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--onedir", "--windowed", "--log-level", "ERROR",
           "--distpath", str(work / "dist"), "--workpath", str(work / "build"), "--specpath", str(work), *excludes]
    if sys.platform.startswith("linux"):
        cmd.append("--strip")
    subprocess.run([*cmd, str(script)], check=True, cwd=work)
    return work / "dist" / "bare" / "bare"


def time_to_paint(exe: Path, env: dict[str, str]) -> float:
    """Seconds from process start to the `first-painted` line."""
    start = time.perf_counter()
    proc = subprocess.Popen([str(exe)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "first-painted":
            elapsed = time.perf_counter() - start
            break
    else:
        proc.wait()
        raise RuntimeError(f"{exe} ended without painting a window")
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args()
    if not APP.exists():
        print(f"skipped: {APP} not found; run `make dist` first")
        return 0
    if shutil.which("pyinstaller") is None and not (Path(sys.executable).parent / "pyinstaller").exists():
        print("skipped: PyInstaller is not installed in this environment (make dist installs it)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bare = build_bare(work)
        data = work / "data"
        data.mkdir()
        env = dict(os.environ, QT_QPA_PLATFORM=args.platform, ALGOINVENTARIS_DATA_DIR=str(data),
                   ALGOINVENTARIS_STARTUP_PROBE="1")
        # one warm-up of each (file cache), then alternate so both see the same machine load
        time_to_paint(bare, env)
        time_to_paint(APP, env)
        bare_t, app_t = [], []
        for _ in range(args.runs):
            bare_t.append(time_to_paint(bare, env))
            app_t.append(time_to_paint(APP, env))
    b, a = statistics.median(bare_t), statistics.median(app_t)
    size = sum(f.stat().st_size for f in APP.parent.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6
    print(f"frozen bare PySide6 window   {b * 1000:7.1f} ms  (median of {args.runs})")
    print(f"frozen algoinventaris        {a * 1000:7.1f} ms  (median of {args.runs})")
    print(f"ratio app / bare             {a / b:7.2f}   target <= 1.5: {'OK' if a / b <= 1.5 else 'MISSED'}")
    print(f"app folder size              {size:7.1f} MB  target < 200 MB: {'OK' if size < 200 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
