"""Turning publish events into lateness figures and throughput, and printing them."""

from __future__ import annotations

import math
from collections import Counter
from datetime import datetime
from typing import Any

from benchmarks.post_load import Scheduled


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile: a value that was really observed."""
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


def lateness_summary(posts: list[Scheduled], events: list[dict[str, Any]]) -> dict[str, Any]:
    """Lateness of each post's first publish event behind its ``date_pub``, in seconds."""
    due = {p.caption: p.due for p in posts}
    per_caption = Counter(e["caption"] for e in events)
    first_publish: dict[str, datetime] = {}
    for event in events:
        at = datetime.fromisoformat(event["published_at"])
        caption = event["caption"]
        first_publish[caption] = min(at, first_publish.get(caption, at))
    late = sorted((at - due[c]).total_seconds() for c, at in first_publish.items())
    summary: dict[str, Any] = {
        "posts": len(posts),
        "published": len(first_publish),
        "duplicates": sum(n - 1 for n in per_caption.values() if n > 1),
        "missing": len(due.keys() - first_publish.keys()),
        "early": sum(1 for s in late if s < 0),
    }
    if late:
        summary |= {
            "min_s": late[0],
            "p50_s": percentile(late, 0.50),
            "p90_s": percentile(late, 0.90),
            "p99_s": percentile(late, 0.99),
            "max_s": late[-1],
            "mean_s": sum(late) / len(late),
        }
    return summary


def lateness_samples(
    posts: list[Scheduled], events: list[dict[str, Any]]
) -> list[tuple[float, float]]:
    """(seconds from the first due time to this post's, its lateness) for every publish event,
    in due order: to see when in a run the lateness built up."""
    due = {p.caption: p.due for p in posts}
    start = min(due.values())
    pairs = []
    for event in events:
        at = datetime.fromisoformat(event["published_at"])
        due_at = due[event["caption"]]
        pairs.append(
            (round((due_at - start).total_seconds(), 3), round((at - due_at).total_seconds(), 3))
        )
    return sorted(pairs)


def throughput_summary(posts: list[Scheduled], events: list[dict[str, Any]]) -> dict[str, Any]:
    """Publications per second from the first publish event to the last."""
    times = sorted(datetime.fromisoformat(e["published_at"]) for e in events)
    due = min(p.due for p in posts)
    summary: dict[str, Any] = {"posts": len(posts), "published": len(times)}
    if len(times) >= 2:
        span = (times[-1] - times[0]).total_seconds()
        summary |= {
            "first_after_due_s": (times[0] - due).total_seconds(),
            "all_published_after_due_s": (times[-1] - due).total_seconds(),
            "publish_span_s": span,
            "per_second": (len(times) - 1) / span if span > 0 else math.inf,
        }
    return summary


def request_summary(seconds: list[float], started: datetime, finished: datetime) -> dict[str, Any]:
    ordered = sorted(seconds)
    wall = (finished - started).total_seconds()
    return {
        "requests": len(ordered),
        "wall_s": wall,
        "per_second": len(ordered) / wall if wall > 0 else math.inf,
        "p50_s": percentile(ordered, 0.5),
        "p99_s": percentile(ordered, 0.99),
    }


def print_table(result: dict[str, Any]) -> None:
    config = result["config"]
    print(
        f"\nAutopost publishing benchmark, {config['mode']} mode "
        f"({config['workers']} worker process(es), worker threads: "
        f"{config['worker_threads'] or 'default'})"
    )
    delay = config.get("platform_delay_ms") or 0
    print(f"platform: every call answered after {delay:g} ms" if delay else "platform: no delay")
    source = result["source"]
    state = " with uncommitted changes" if source["uncommitted_changes"] else ""
    print(f"source: {source['src']} at {source['commit'] or 'an unknown commit'}{state}")
    for name, phase in result["phases"].items():
        print(f"\n[{name}] {phase['description']}")
        scheduling = phase["scheduling"]
        print(
            f"  scheduled {scheduling['requests']} posts in {scheduling['wall_s']:.1f} s "
            f"({scheduling['per_second']:.0f}/s, request p50 {ms(scheduling['p50_s'])}, "
            f"p99 {ms(scheduling['p99_s'])}); last answer "
            f"{phase['scheduled_ahead_s']:.1f} s before the first due time"
        )
        if phase["scheduled_ahead_s"] < 0:
            print("  WARNING: scheduling ran past the first due time; raise --lead")
        made = phase.get("containers_made_by_first_due")
        if made is not None:
            print(f"  containers made by the first due time: {made} / {phase['lateness']['posts']}")
        late = phase["lateness"]
        rows = [
            ("published", f"{late['published']} / {late['posts']}"),
            ("duplicates", str(late["duplicates"])),
            ("missing", str(late["missing"])),
            ("early (a bug)", str(late["early"])),
        ]
        if "p50_s" in late:
            rows += [
                (f"lateness {key}", ms(late[f"{key}_s"]))
                for key in ("min", "p50", "p90", "p99", "max")
            ]
        rate = phase["throughput"]
        if "per_second" in rate:
            rows += [
                ("publications/s", f"{rate['per_second']:.1f}"),
                ("all published after due", f"{rate['all_published_after_due_s']:.2f} s"),
            ]
        rows.append(("statuses", ", ".join(f"{k} {v}" for k, v in phase["statuses"].items())))
        rows.append(("CPU s by process", _cpu_line(phase["cpu_seconds"])))
        rows.append(
            (
                "Autopost CPU / publication",
                f"{phase['autopost_cpu_ms_per_publication']:.1f} ms from the end of scheduling, "
                f"{phase.get('autopost_cpu_ms_per_post_all_told', 0.0):.1f} ms all told "
                "(scheduling request and work done ahead included)",
            )
        )
        rows.append(
            (
                "machine CPU busy",
                f"{phase['machine_cpu_busy_percent']:.0f} % of all cores "
                f"({phase['other_programs_cpu_seconds']:.1f} CPU s by other programs)",
            )
        )
        width = max(len(label) for label, _ in rows)
        for label, value in rows:
            print(f"  {label:<{width}}  {value}")
    print(f"\nresult: {result['path']}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _cpu_line(cpu: dict[str, float]) -> str:
    return ", ".join(f"{name} {seconds:.1f}" for name, seconds in cpu.items())
