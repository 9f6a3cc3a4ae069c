"""What the place finder costs: building the matcher at start-up, and finding the places of a report.

    python -m bench.matcher

Prints the median of several runs over the committed layers and gazetteer and the reports of
tests/reports/news (wire copy of 60 to 120 words each) and the shipped seed.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from geo import io
from geo.article import parse_article, segment
from geo.mentions import build_matcher, find_mentions
from geo.story import _matcher_key

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def main() -> None:
    story = io.load_story(io.SEEDS_DIR, io.LAYERS_DIR, gazetteer_file=None)
    layer_places, towns = _matcher_key(dict(story.places)), io.load_gazetteer().towns
    builds = []
    for _ in range(RUNS):
        started = time.perf_counter()
        matcher = build_matcher(layer_places, towns)
        builds.append(time.perf_counter() - started)
    paths = [*sorted((ROOT / "tests" / "reports" / "news").glob("*.txt")), *io.SEEDS_DIR.glob("*.txt")]
    articles = [parse_article(path.read_text(encoding="utf-8"), source=path.name) for path in paths]
    work = [(a.text, [(s.start, s.end) for s in segment(a)]) for a in articles]
    finds = []
    for _ in range(RUNS):
        started = time.perf_counter()
        for text, segments in work:
            find_mentions(matcher, text, segments)
        finds.append((time.perf_counter() - started) / len(work))
    print(f"matcher built in {statistics.median(builds) * 1000:.0f} ms (median of {RUNS})")
    print(f"places of one report found in {statistics.median(finds) * 1000:.2f} ms ({len(work)} reports)")


if __name__ == "__main__":
    main()
