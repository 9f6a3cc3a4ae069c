"""Many reports: 2,000 generated reports against the shipped seed alone (``python -m bench.many_reports``).

The reports are made of real sentences (the seed's and tests/reports') in
which the town a sentence names is swapped for another real town of the
region, so that the matcher and the gazetteer do real work. Each run
measures, in one process and one after the other so that noise hits both:

- ``python -m geo export`` in a fresh Python, seed alone and 2,000 reports;
- the app's cold first run in AppTest (every cache cleared, the parsed
  reports' too) and a click's rerun, one report and 2,000 reports;
- the map's first payload, gzipped, when the map shows one report;

and once: what adding one report to the 2,000 re-reads and re-parses.
The figures go to stdout as Markdown, for bench/RESULTS.md.
"""

from __future__ import annotations

import gzip
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import UnknownElement

import streamlit_map
from geo import io, reports, story
from geo.article import parse_article, segment
from geo.io import PROJECT

TIMED_APP = PROJECT / "bench" / "timed_app.py"
RUN_SECONDS = "bench_run_seconds"
REPORTS = 2_000
RUNS = 3
GOALS = {"export": 4.0, "cold": 3.0, "click": 2.0}
SENTENCE_SOURCES = [io.SEEDS_DIR, PROJECT / "tests" / "reports"]
# real towns of the region the generated sentences name instead of the one they named
TOWNS = (
    "Baku",
    "Ganja",
    "Sumqayit",
    "Lankaran",
    "Goris",
    "Kapan",
    "Meghri",
    "Gyumri",
    "Vanadzor",
    "Yerevan",
    "Tbilisi",
    "Batumi",
    "Kutaisi",
    "Gori",
    "Tabriz",
    "Ardabil",
    "Marand",
    "Jolfa",
    "Urmia",
    "Tehran",
    "Igdir",
    "Erzurum",
    "Trabzon",
    "Ankara",
    "Istanbul",
    "Derbent",
    "Makhachkala",
    "Vladikavkaz",
    "Grozny",
    "Sochi",
    "Moscow",
    "Ordubad",
    "Sharur",
    "Stepanakert",
    "Aghdam",
    "Zangilan",
    "Lachin",
)
SWAPPED = re.compile(r"\b(Shusha|Fizuli|Kars|Nakhchivan|Washington|Tehran|Moscow|Goris|Baku)\b")


def real_sentences() -> list[str]:
    """Every sentence of the seed and the test reports, as written."""
    sentences = []
    for folder in SENTENCE_SOURCES:
        for path in sorted(folder.glob("*.txt")):
            article = parse_article(path.read_text(encoding="utf-8"), source=path.name)
            sentences += [article.text[s.start : s.end] for s in segment(article) if s.kind == "sentence"]
    return sentences


def generated_report(chance: random.Random, sentences: list[str]) -> str:
    """About 750 characters of real sentences, their towns swapped for others; most dated."""
    chosen = chance.sample(sentences, k=8)
    body = " ".join(SWAPPED.sub(lambda _m: chance.choice(TOWNS), sentence) for sentence in chosen)
    body = body[:1100]
    if chance.random() < 0.1:
        return body + "\n"
    date = f"{chance.randint(2021, 2026)}-{chance.randint(1, 12):02d}-{chance.randint(1, 28):02d}"
    return f" date {date} {body}\n"


def write_reports(folder: Path, count: int = REPORTS) -> int:
    """The seed and ``count`` generated reports in ``folder``; their size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in io.SEEDS_DIR.glob("*.txt"):
        shutil.copy(seed, folder)
    chance, sentences = random.Random(9), real_sentences()
    for number in range(1, count + 1):
        (folder / f"gen_{number:04d}.txt").write_text(generated_report(chance, sentences), encoding="utf-8")
    return sum(path.stat().st_size for path in folder.glob("*.txt"))


def export_seconds(seeds: Path, out: Path) -> float:
    """``python -m geo export`` in a fresh Python, as a user runs it."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "geo", "export", "--seeds", str(seeds), str(out)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"export failed: {done.stderr}")
    return seconds


def clear_caches() -> None:
    """Every cache a cold start must not find: Streamlit's and the library's own."""
    st.cache_resource.clear()
    st.cache_data.clear()
    reports.parse_report.cache_clear()
    story._matcher.cache_clear()
    io._cached_report.cache_clear()
    io._cached_gazetteer.cache_clear()


@contextmanager
def argv(args: list[str]) -> Iterator[None]:
    saved = sys.argv
    sys.argv = ["app.py", *args]
    try:
        yield
    finally:
        sys.argv = saved


@dataclass(frozen=True)
class AppFigures:
    cold: float
    click: float
    payload_gzipped: int


def _map_component(app: AppTest) -> UnknownElement:
    def walk(node):
        for child in getattr(node, "children", {}).values():
            yield child
            yield from walk(child)

    (found,) = [
        e
        for e in walk(app._tree)
        if isinstance(e, UnknownElement) and e.proto.DESCRIPTOR.name == "ComponentInstance"
    ]
    return found


def app_figures(seeds: Path) -> AppFigures:
    """A cold first run and a click's rerun (median of three clicks), script time; the map's payload."""
    clear_caches()
    app = AppTest.from_file(str(TIMED_APP), default_timeout=300)
    with argv(["--seeds", str(seeds)]):
        app.run()
        if app.exception:
            raise RuntimeError(app.exception[0].message)
        cold = app.session_state[RUN_SECONDS]
        payload = len(gzip.compress(_map_component(app).proto.json_args.encode(), 9))
        clicks = []
        for number, place_id in enumerate(("shusha", "fizuli", "kars"), start=1):
            widget = _map_component(app).proto.id.rsplit("-", 1)[-1]
            feature = {"type": "Feature", "properties": {"id": place_id}, "geometry": None}
            value = {"last_active_drawing": feature, "last_object_clicked_count": 100 + number}
            app.session_state[widget] = app.session_state[streamlit_map.KEY] = value
            app.run()
            clicks.append(app.session_state[RUN_SECONDS])
    return AppFigures(cold, statistics.median(clicks), payload)


def adding_one(seeds: Path) -> tuple[int, int, float, float]:
    """Reads, parses and the seconds of ``load_story`` after adding one report to the folder."""
    clear_caches()
    start = time.perf_counter()
    io.load_story(seeds)
    first = time.perf_counter() - start
    reads, parses = io.report_reads(), reports.parse_count()
    (seeds / "zz_added.txt").write_text(
        " date 2026-11-30 Talks in Goris and Kapan went on.\n", encoding="utf-8"
    )
    start = time.perf_counter()
    io.load_story(seeds)
    again = time.perf_counter() - start
    (seeds / "zz_added.txt").unlink()
    return io.report_reads() - reads, reports.parse_count() - parses, first, again


def ratio_row(name: str, one: float, many: float, goal: float, unit: str = "s") -> str:
    ratio = many / one
    verdict = "pass" if ratio <= goal else "**FAIL**"
    return f"| {name} | {one:.3f} {unit} | {many:.3f} {unit} | {ratio:.2f}x | <= {goal:.0f}x | {verdict} |"


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        many = Path(temp) / "seeds"
        size = write_reports(many)
        out = Path(temp) / "out.geojson"
        started = time.perf_counter()
        print(f"{REPORTS:,} generated reports and the seed: {size:,} bytes")
        print()
        print("| Run | Figure | seed alone | 2,000 reports | ratio | goal | result |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for run in range(1, RUNS + 1):
            export_one, export_many = export_seconds(io.SEEDS_DIR, out), export_seconds(many, out)
            one, lots = app_figures(io.SEEDS_DIR), app_figures(many)
            rows = [
                ratio_row("`python -m geo export`, wall", export_one, export_many, GOALS["export"]),
                ratio_row("app cold first run, script", one.cold, lots.cold, GOALS["cold"]),
                ratio_row("click rerun, script (median of 3)", one.click, lots.click, GOALS["click"]),
            ]
            for row in rows:
                print(f"| {run} {row}")
            print(
                f"| {run} | map payload, gzipped (one report shown) | {one.payload_gzipped:,} B | "
                f"{lots.payload_gzipped:,} B | | | |"
            )
        reads, parses, first, again = adding_one(many)
        print()
        print(
            f"Adding one report to the {REPORTS:,}: {reads} file read and {parses} report parsed; "
            f"`load_story` {first:.2f} s cold, {again:.2f} s after the addition."
        )
        print(f"\n_Time: {time.perf_counter() - started:.0f} s._")


if __name__ == "__main__":
    main()
