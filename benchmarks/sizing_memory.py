"""How much memory the processes hold and what the broker holds: read, never estimated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import redis


def rss_kib(pid: int) -> int:
    """VmRSS of the process and of its children (a server's worker processes), in KiB."""
    return _own_rss(pid) + sum(_own_rss(child) for child in _children(pid))


def broker_contents(url: str) -> dict[str, Any]:
    """The keys in the Redis database of this deployment, and the bytes each takes."""
    client = redis.Redis.from_url(url)
    try:
        keys = sorted(k.decode() for k in client.scan_iter(count=1000))
        sizes = {k: client.memory_usage(k) or 0 for k in keys[:50]}
        return {
            "keys": len(keys),
            "bytes": sum(sizes.values()),
            "messages": {k: _length(client, k) for k in keys[:50]},
        }
    finally:
        client.close()


def _length(client: redis.Redis, key: str) -> int:
    kind = client.type(key)
    name = kind.decode() if isinstance(kind, bytes) else str(kind)
    measure = {"list": client.llen, "zset": client.zcard, "hash": client.hlen, "set": client.scard}
    return int(measure[name](key)) if name in measure else 1


def _own_rss(pid: int) -> int:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith("VmRSS:")), 0)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found
