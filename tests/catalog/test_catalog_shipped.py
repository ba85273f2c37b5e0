"""The shipped catalog validates, from the source tree and from a freshly installed wheel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]
REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    not (REPO / "catalog" / "models.yaml").exists(), reason="shipped catalog not written yet"
)
def test_shipped_catalog_validates(modelpick: Run) -> None:
    result = modelpick("catalog", "validate", "--format", "json")
    report = json.loads(result.stdout)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert result.returncode == 0, errors
    assert report["valid"] is True
    text = modelpick("catalog", "validate")
    assert text.returncode == 0
    assert text.stdout.splitlines()[-1].startswith(f"catalog {report['catalog_version']}: 0 errors")


@pytest.mark.slow
@pytest.mark.skipif(
    not (REPO / "catalog" / "models.yaml").exists(), reason="shipped catalog not written yet"
)
def test_wheel_installs_and_validates(tmp_path: Path) -> None:
    started = time.monotonic()
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (wheel,) = dist.glob("modelpick-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=60)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    pip = subprocess.run(
        [
            str(bindir / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert pip.returncode == 0, pip.stderr
    exe = shutil.which("modelpick", path=str(bindir))
    assert exe is not None and Path(exe).parent == bindir
    # Run from elsewhere so nothing can come from the source tree.
    validate = subprocess.run(
        [exe, "catalog", "validate"], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert "site-packages" in validate.stdout or " 0 errors" in validate.stdout
    version = subprocess.run(
        [exe, "--version"], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    catalog_version = json.loads(
        subprocess.run(
            [exe, "catalog", "validate", "--format", "json"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
        ).stdout
    )["catalog_version"]
    assert version.stdout.startswith("modelpick ")
    assert f"(catalog {catalog_version})" in version.stdout
    print(f"wheel build + install + run: {time.monotonic() - started:.1f}s")
