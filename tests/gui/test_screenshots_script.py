"""The screenshots script runs from start to end (it walks the whole owner app: list, wizard, export, drafts)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXPECTED = ("01-", "17-register-prefilled", "18-export-first-time", "19-export-done", "21-about", "22-draft-dialog",
            "23-draft-hint", "24-draft-summary")


def test_the_screenshots_script_makes_every_picture(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ALGOINVENTARIS_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "algoinventaris.ui.screenshots", str(tmp_path / "shots")],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    names = sorted(p.name for p in (tmp_path / "shots").glob("*.png"))
    for prefix in EXPECTED:
        assert any(n.startswith(prefix) for n in names), (prefix, names)
    assert all((tmp_path / "shots" / n).stat().st_size > 5000 for n in names)
