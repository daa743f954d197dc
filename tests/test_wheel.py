"""The built wheel carries the five roadmaps and works in a fresh venv, outside the checkout.

One wheel build and one venv for the whole module: the wheel is installed with
its dependencies (no --system-site-packages, nothing from the checkout) and the
`mlpath` script is run from a temporary folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds and installs a wheel: a minute or more

REPO = Path(__file__).resolve().parent.parent
ROADMAPS = REPO / "data" / "roadmaps"
IDS = ["beginner", "intermediate", "job-ready", "complete", "practical"]
BIN = "Scripts" if os.name == "nt" else "bin"


def clean_env() -> dict[str, str]:
    """This test's environment (isolated MLPATH_* folders) without any path into the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.pop("VIRTUAL_ENV", None)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def run(args: list[str | Path], cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, REPO],
        cwd=out,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (built,) = out.glob("mlpath-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("venv")
    proc = run([sys.executable, "-m", "venv", root], cwd=root, timeout=300)
    assert proc.returncode == 0, proc.stderr
    python = root / BIN / "python"
    proc = run([python, "-m", "pip", "install", "-q", wheel], cwd=root, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root


def test_the_wheel_holds_the_five_roadmaps(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for rid in IDS:
            member = f"mlpath/data/roadmaps/{rid}.yaml"
            assert member in names
            assert zf.read(member) == (ROADMAPS / f"{rid}.yaml").read_bytes()
        assert "mlpath/data/roadmaps/README.md" in names
        (entry_points,) = (n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert "mlpath = mlpath.__main__:main" in zf.read(entry_points).decode()


def test_installed_mlpath_lists_the_roadmaps_from_another_folder(
    venv: Path, tmp_path: Path
) -> None:
    proc = run([venv / BIN / "mlpath", "roadmaps", "--json"], cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["id"] for r in rows] == IDS
    for row in rows:  # read from the installed package, not from the checkout
        path = Path(row["path"]).resolve()
        assert path.is_relative_to(venv.resolve()), path
        assert not path.is_relative_to(REPO)

    proc = run(
        [venv / BIN / "python", "-c", "import mlpath; print(mlpath.__file__)"],
        cwd=tmp_path,
        timeout=120,
    )
    assert Path(proc.stdout.strip()).resolve().is_relative_to(venv.resolve())


def test_installed_mlpath_shows_complete(venv: Path, tmp_path: Path) -> None:
    proc = run(
        [venv / BIN / "mlpath", "roadmaps", "show", "complete", "--json"], cwd=tmp_path, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    detail = json.loads(proc.stdout)
    assert detail["id"] == "complete"
    assert [p["number"] for p in detail["phases"]] == list(range(8))
    assert all(p["topics"] or p["projects"] for p in detail["phases"])


def test_installed_python_m_mlpath_reports_usage_errors(venv: Path, tmp_path: Path) -> None:
    proc = run(
        [venv / BIN / "python", "-m", "mlpath", "roadmaps", "show", "complet"],
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "Did you mean complete?" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_installed_mlpath_rates_reviews_without_the_fsrs_package(
    venv: Path, tmp_path: Path
) -> None:
    """fsrs is a test tool (the reference core/fsrs_step.py is held to), not a dependency:
    the installed mlpath has no fsrs, and rates a card to the date the checkout's gives."""
    proc = run(
        [venv / BIN / "python", "-c", "import importlib.util as u; print(u.find_spec('fsrs'))"],
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.stdout.strip() == "None", proc.stdout + proc.stderr

    def rated(mlpath: list[str | Path], home: Path) -> dict[str, object]:
        steps = [
            ("2027-01-04", ["plan", "-r", "practical", "--start", "2027-01-04"]),
            ("2027-01-04", ["done", "python-libraries"]),
            ("2027-01-06", ["review", "python-libraries", "good", "--json"]),
        ]
        for today, args in steps:
            env = clean_env() | {"MLPATH_HOME": str(home), "MLPATH_TODAY": today}
            done = subprocess.run(
                [str(a) for a in [*mlpath, *args]],
                cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr
        reviewed: dict[str, object] = json.loads(done.stdout)["reviewed"]
        return reviewed

    installed = rated([venv / BIN / "mlpath"], tmp_path / "installed")
    checkout = rated([sys.executable, "-m", "mlpath"], tmp_path / "checkout")
    assert installed == checkout
    assert installed["on"] == "2027-01-06" and str(installed["next_due"]) > "2027-01-06"
