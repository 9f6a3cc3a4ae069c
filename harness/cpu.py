"""Processor time used by the processes this one started, by kind: the server, and the browser's parts.

For the load test and ``bench.click_cost``: on one machine the readers'
browsers and the server share the cores, and what each uses says which of
them a figure measures. Read from /proc (Linux), user and system time.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")
# what each of Chromium's processes is, from the --type= on its command line
CHROMIUM_KINDS = {
    "renderer": "the pages' renderers",
    "gpu-process": "GPU and compositor",
    "utility": "network and storage",
    "zygote": "the browser",
}
SERVER = "the server"


def processes() -> dict[int, tuple[int, str, float]]:
    """Every process: its parent, its command line and the processor seconds it has used."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc", entry, "stat").read_text().rsplit(")", 1)[1].split()
            command = Path("/proc", entry, "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # it ended while we looked
            continue
        found[int(entry)] = (int(stat[1]), command, (int(stat[11]) + int(stat[12])) / TICKS_PER_SECOND)
    return found


def descendants(root: int, table: dict[int, tuple[int, str, float]]) -> set[int]:
    """``root`` and every process under it."""
    children: dict[int, list[int]] = {}
    for pid, (parent, _command, _seconds) in table.items():
        children.setdefault(parent, []).append(pid)
    found, stack = set(), [root]
    while stack:
        pid = stack.pop()
        found.add(pid)
        stack += children.get(pid, [])
    return found


def kind_of(command: str) -> str:
    """What a process under this one is: the server, a part of Chromium, Playwright's driver, or other."""
    if re.search(r"-m streamlit run |streamlit run ", command):
        return SERVER
    match = re.search(r"--type=([\w-]+)", command)
    if match:
        return CHROMIUM_KINDS.get(match.group(1), match.group(1))
    if "chrom" in command:
        return "the browser"
    return "Playwright's driver" if "node" in command else "other"


def seconds_by_kind() -> Counter[str]:
    """Processor seconds used so far by each kind of process under this one (this one left out)."""
    table = processes()
    me = os.getpid()
    server = set()
    for pid in descendants(me, table):
        if pid != me and kind_of(table[pid][1]) == SERVER:
            server |= descendants(pid, table)
    used: Counter[str] = Counter()
    for pid in descendants(me, table) - {me}:
        used[SERVER if pid in server else kind_of(table[pid][1])] += table[pid][2]
    return used


def used_since(before: Counter[str]) -> Counter[str]:
    """Processor seconds by kind used since ``before`` (a ``seconds_by_kind`` reading)."""
    after = seconds_by_kind()
    return Counter({kind: after[kind] - before[kind] for kind in after})
