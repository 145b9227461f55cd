"""Time, CPU and peak memory of a process: a command run to its end (its own rusage, from
``wait4``), or a long-running one watched through /proc (Linux)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.e2e.processes import AUTOPOST

from benchmarks.machine import machine_cpu_ticks


@dataclass(frozen=True)
class CommandRun:
    seconds: float
    cpu_seconds: float
    peak_rss_mib: float
    exit_code: int
    output: str


def run_autopost(args: list[str], env: Mapping[str, str], cwd: Path, log: Path) -> CommandRun:
    """``autopost ARGS`` to its end. The peak RSS is this child's own (``wait4``), not the
    maximum over every child this benchmark has reaped, as ``RUSAGE_CHILDREN`` would give."""
    with log.open("w+b") as output:
        started = time.perf_counter()
        child = subprocess.Popen(
            [*AUTOPOST, *args],
            env={**os.environ, **env},
            cwd=cwd,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode(errors="replace")
    return CommandRun(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        exit_code=child.returncode,
        output=text,
    )


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a running process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime and stime are fields 14 and 15 of stat; after the ")" they are at 11 and 12.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _status_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


@dataclass
class MemoryWatch:
    before_mib: float
    peak_mib: float = 0.0
    samples: int = 0
    hwm_reset: bool = False
    _stop: threading.Event = field(default_factory=threading.Event)


@contextmanager
def watching_memory(pid: int, every: float = 0.02) -> Iterator[MemoryWatch]:
    """The peak RSS of a running process during the block: its VmHWM, reset at the start
    through clear_refs when allowed, and VmRSS sampled every ``every`` seconds besides."""
    watch = MemoryWatch(before_mib=_status_kib(pid, "VmRSS") / 1024)
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")  # 5: reset the peak RSS
        watch.hwm_reset = True
    except OSError:
        pass

    def sample() -> None:
        while not watch._stop.is_set():
            watch.peak_mib = max(watch.peak_mib, _status_kib(pid, "VmRSS") / 1024)
            watch.samples += 1
            watch._stop.wait(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield watch
    finally:
        watch._stop.set()
        sampler.join()
        if watch.hwm_reset:
            watch.peak_mib = max(watch.peak_mib, _status_kib(pid, "VmHWM") / 1024)


@dataclass
class MachineLoad:
    """Busy CPU time of the whole machine during a block, all cores; what the measured
    programs did not use of it was someone else's, and made the figures noisy."""

    busy_cpu_seconds: float = 0.0
    busy_percent: float = 0.0

    def others(self, ours: float) -> float:
        return round(max(0.0, self.busy_cpu_seconds - ours), 2)


@contextmanager
def measuring_machine() -> Iterator[MachineLoad]:
    load = MachineLoad()
    before = machine_cpu_ticks()
    try:
        yield load
    finally:
        after = machine_cpu_ticks()
        busy, total = after[0] - before[0], after[1] - before[1]
        load.busy_cpu_seconds = round(busy / os.sysconf("SC_CLK_TCK"), 2)
        load.busy_percent = round(100 * busy / total, 1) if total else 0.0


def own_cpu_seconds() -> float:
    """This benchmark's CPU time so far (its client threads), children excluded."""
    own = os.times()
    return own.user + own.system


def wait_for_quiet(max_wait: float, below_percent: float = 20.0) -> float:
    """Wait, at most ``max_wait`` seconds, for a second in which the machine is less busy than
    ``below_percent`` (other programs' benchmarks or tests); the busy percent of the last one."""
    deadline = time.monotonic() + max_wait
    while True:
        with measuring_machine() as load:
            time.sleep(1.0)
        if load.busy_percent < below_percent or time.monotonic() >= deadline:
            return load.busy_percent
