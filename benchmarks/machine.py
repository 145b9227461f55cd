"""What the benchmark ran on, and how busy the whole machine was (Linux /proc)."""

from __future__ import annotations

import os
import platform
import timeit
from pathlib import Path
from typing import Any


def machine() -> dict[str, Any]:
    memory = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        ),
        "0",
    )
    return {
        "cpus": os.cpu_count(),
        "memory_gib": round(int(memory) / 1024**2, 1),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def machine_cpu_ticks() -> tuple[int, int]:
    """Busy and total CPU time of the whole machine so far, all cores, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle and iowait
    return sum(values) - idle, sum(values)


def service_cpu_seconds(names: tuple[str, ...] = ("postgres", "redis-server")) -> float:
    """CPU time so far of the database and broker servers on this machine, whoever uses them:
    their processes and the children they have reaped (PostgreSQL's ended backends)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        if name in names:
            fields = text.rsplit(")", 1)[1].split()
            ticks += sum(int(v) for v in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def reference_ms() -> float:
    """How long this machine takes, today, for a fixed piece of plain Python (the best of five
    runs, in ms): the same code measured on two days is compared after dividing by it, since
    the machines a benchmark runs on are not all equally fast."""
    return 1000 * min(timeit.repeat("sorted(str(n) for n in range(1000))", number=100, repeat=5))
