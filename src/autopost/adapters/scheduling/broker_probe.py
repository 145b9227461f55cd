"""Whether the broker answers, and how many messages wait in it.

The broker clients block: each question is asked on a thread, within a few seconds.
"""

from __future__ import annotations

import asyncio
from typing import Any

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.common import dq_name

from autopost.adapters.scheduling.broker import PUBLICATIONS_QUEUE
from autopost.application.ports.broker_probe import BrokerState

TIMEOUT_S = 5.0


class DramatiqBrokerProbe:
    """``own_process``: the embedded broker is this process's own, which can count what it
    holds; another process's (``autopost status`` beside a running ``autopost serve``)
    cannot be reached, and says so."""

    def __init__(
        self, broker: dramatiq.Broker, own_process: bool = True, queue: str = PUBLICATIONS_QUEUE
    ) -> None:
        self._broker = broker
        self._own_process = own_process
        self._queue = queue
        self._kind = _kind(broker)

    async def state(self) -> BrokerState:
        if isinstance(self._broker, StubBroker):
            if not self._own_process:
                return BrokerState("embedded", True, None)
            return BrokerState("embedded", True, _stub_waiting(self._broker, self._queue))
        try:
            async with asyncio.timeout(TIMEOUT_S):
                waiting = await asyncio.to_thread(self._waiting)
        except TimeoutError:
            return BrokerState(self._kind, False, error=f"no answer within {TIMEOUT_S:g} s")
        except Exception as failed:  # any client's error: the broker did not answer
            return BrokerState(self._kind, False, error=_said(failed))
        return BrokerState(self._kind, True, waiting)

    def _waiting(self) -> int:
        if isinstance(self._broker, RedisBroker):
            client: Any = self._broker.client
            namespace = self._broker.namespace
            queues = (self._queue, dq_name(self._queue))
            return sum(int(client.llen(f"{namespace}:{queue}")) for queue in queues)
        counts = getattr(self._broker, "get_queue_message_counts", None)
        if counts is None:
            raise TypeError(f"cannot ask a {type(self._broker).__name__} for its queues")
        ready, delayed, _dead = counts(self._queue)
        return int(ready) + int(delayed)


def _kind(broker: dramatiq.Broker) -> str:
    if isinstance(broker, StubBroker):
        return "embedded"
    if isinstance(broker, RedisBroker):
        return "redis"
    return "rabbitmq"


def _stub_waiting(broker: StubBroker, queue: str) -> int:
    queues = (queue, dq_name(queue))
    return sum(broker.queues[name].qsize() for name in queues if name in broker.queues)


def _said(failed: Exception) -> str:
    # The type and the first line: a client's message may name the URL, never its password.
    text = str(failed).strip().splitlines()[0] if str(failed).strip() else ""
    return f"{type(failed).__name__}: {text}"[:200] if text else type(failed).__name__
