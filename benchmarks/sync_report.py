"""The sync benchmark's targets checked against its figures, and the table it prints."""

from __future__ import annotations

from typing import Any

FIRST_SYNC_MEDIA_PER_S = 2000.0
RESYNC_SPEEDUP = 5.0
DEEP_OVER_FIRST = 1.5
# "Flat": ten times the media may not cost anything near ten times the memory.
MEMORY_GROWTH = 2.0


def targets(runs: list[dict[str, Any]]) -> dict[str, Any]:
    checks: dict[str, Any] = {}
    for run in runs:
        n = run["media"]
        for path in ("cli", "http"):
            sync = run[path]
            checks[f"first_sync_{path}_{n}"] = _check(
                sync["first"]["media_per_s"], ">=", FIRST_SYNC_MEDIA_PER_S
            )
            checks[f"resync_speedup_{path}_{n}"] = _check(
                sync["resync_speedup"], ">=", RESYNC_SPEEDUP
            )
        listing = run["listing"]
        if "pages" in listing:
            depth = listing["walk"]["rows"]
            checks[f"deep_page_p50_{depth}"] = _check(
                listing["pages"]["deep_over_first_p50"], "<=", DEEP_OVER_FIRST
            )
    by_size = sorted(runs, key=lambda r: r["media"])
    if len(by_size) >= 2:
        small, large = by_size[0], by_size[-1]
        for path in ("cli", "http"):
            ratio = large[path]["first"]["peak_rss_mib"] / small[path]["first"]["peak_rss_mib"]
            checks[f"memory_flat_{path}_{small['media']}_to_{large['media']}"] = _check(
                round(ratio, 2), "<=", MEMORY_GROWTH
            )
    return checks


def _check(value: float, relation: str, target: float) -> dict[str, Any]:
    met = value >= target if relation == ">=" else value <= target
    return {"value": value, "target": f"{relation} {target:g}", "met": met}


def print_table(result: dict[str, Any]) -> None:
    print(f"\nInstagram sync on {result['config']['db']} ({result['machine']['cpus']} CPUs)")
    # "others": CPU seconds other programs took during the first sync; far from 0, it was noisy.
    header = ("media", "path", "first/s", "peak MiB", "re-sync s", "speed-up", "full/s", "others")
    print("  ".join(f"{h:>10}" for h in header))
    for run in result["runs"]:
        for path in ("cli", "http"):
            sync = run[path]
            row = (
                run["media"],
                path,
                sync["first"]["media_per_s"],
                sync["first"]["peak_rss_mib"],
                sync["resync"]["median_seconds"],
                sync["resync_speedup"],
                sync["full"]["media_per_s"],
                sync["first"]["other_programs_cpu_seconds"],
            )
            print("  ".join(f"{v:>10}" for v in row))
    for run in result["runs"]:
        listing = run["listing"]
        walk = listing["walk"]
        print(
            f"\n{run['media']} media: cursor walk {walk['rows']} rows in {walk['pages']} pages, "
            f"{walk['seconds']} s (p50 {walk['per_request']['p50_ms']} ms; first tenth "
            f"{walk['first_tenth']['p50_ms']} ms, last tenth {walk['last_tenth']['p50_ms']} ms)"
        )
        if "pages" in listing:
            first, deep = listing["pages"]["first"], listing["pages"]["deep"]
            print(
                f"  first page p50 {first['p50_ms']} ms p95 {first['p95_ms']} ms; "
                f"{walk['rows']} deep p50 {deep['p50_ms']} ms p95 {deep['p95_ms']} ms"
            )
    print("\ntargets:")
    for name, check in result["targets"].items():
        verdict = "met   " if check["met"] else "MISSED"
        print(f"  {verdict} {name}: {check['value']} {check['target']}")
    print(f"\nresults: {result['path']}")
