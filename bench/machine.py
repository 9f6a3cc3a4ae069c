"""The machine and the code a run measured: versions, CPU, load, the commit."""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from geo.io import PROJECT
from harness.browser import CHROMIUM

PACKAGES = (
    "streamlit",
    "streamlit-folium",
    "folium",
    "branca",
    "geopandas",
    "shapely",
    "pyproj",
    "numpy",
    "pandas",
    "mapclassify",
    "matplotlib",
    "xstatic-leaflet",
    "playwright",
)

LoadAverage = tuple[float, float, float]


@dataclass(frozen=True)
class Machine:
    """What a reader needs to weigh the figures: the code, the load, the hardware, the versions."""

    code_at_start: str
    code_at_end: str
    load_at_start: LoadAverage
    load_at_end: LoadAverage
    usable_cpus: int
    cpus: int | None
    cpu: str
    os: str
    python: str
    packages: dict[str, str]
    chromium_version: str

    def rows(self) -> dict[str, str]:
        """The machine's table in RESULTS.md."""
        code = self.code_at_start
        if self.code_at_end != self.code_at_start:
            code = f"at start {self.code_at_start}; at end {self.code_at_end}"
        return {
            "Code measured": code,
            "Load average (1/5/15 min) at start, at end": (
                f"{load_text(self.load_at_start)}; {load_text(self.load_at_end)}"
            ),
            "nproc": f"{self.usable_cpus} (of {self.cpus} CPUs)",
            "CPU": self.cpu,
            "OS": self.os,
            "Python": self.python,
            "Packages": ", ".join(f"{name} {version}" for name, version in self.packages.items()),
            "Chromium": f"{CHROMIUM} {self.chromium_version}".strip(),
        }


def load_text(load: LoadAverage) -> str:
    return " / ".join(f"{minutes:.1f}" for minutes in load)


def cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return platform.processor() or "unknown"
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "unknown")


def code_version() -> str:
    """The commit measured, and whether files outside bench/ differed from it."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=PROJECT, capture_output=True, text=True, check=False)
        return done.stdout

    head = git("log", "-1", "--format=%h %s").strip() or "unknown (not a git checkout?)"
    # porcelain lines are "XY path": two status columns, a space, the path
    changed = [
        line[3:] for line in git("status", "--porcelain").splitlines() if not line[3:].startswith("bench/")
    ]
    return f"{head}; uncommitted changes outside bench/: {', '.join(changed) or 'none'}"


def machine(chromium_version: str, load_at_start: LoadAverage, code_at_start: str) -> Machine:
    """The machine at the end of a run that started with ``load_at_start`` on ``code_at_start``."""
    return Machine(
        code_at_start=code_at_start,
        code_at_end=code_version(),
        load_at_start=load_at_start,
        load_at_end=os.getloadavg(),
        usable_cpus=len(os.sched_getaffinity(0)),
        cpus=os.cpu_count(),
        cpu=cpu_model(),
        os=platform.platform(),
        python=platform.python_version(),
        packages={name: metadata.version(name) for name in PACKAGES},
        chromium_version=chromium_version,
    )
