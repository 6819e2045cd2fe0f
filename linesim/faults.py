"""Scripted failures of the emulated API: error statuses, latency, and accepted-but-dropped responses."""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass
class Fault:
    """What to do to the next matching request(s) of one endpoint.

    `times=None` applies the fault to every request until `FaultPlan.clear()`.
    """

    endpoint: str
    status: int | None = None
    message: str | None = None
    latency_s: float = 0.0
    drop_after_accept: bool = False
    times: int | None = 1


class FaultPlan:
    """The queue of faults, consumed first-in first-out per endpoint."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, endpoint: str, *, status: int | None = None, message: str | None = None,
            latency_s: float = 0.0, drop_after_accept: bool = False, times: int | None = 1) -> Fault:
        """Schedule a fault for `endpoint` (reply, push, multicast, profile, content, loading, ...)."""
        fault = Fault(endpoint=endpoint, status=status, message=message, latency_s=latency_s,
                      drop_after_accept=drop_after_accept, times=times)
        with self._lock:
            self._faults.append(fault)
        return fault

    def take(self, endpoint: str) -> Fault | None:
        """The fault that applies to this request of `endpoint`, if any, counting it as used."""
        with self._lock:
            for fault in self._faults:
                if fault.endpoint != endpoint:
                    continue
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                return fault
        return None

    def clear(self) -> None:
        """Forget every scheduled fault."""
        with self._lock:
            self._faults.clear()

    @property
    def pending(self) -> list[Fault]:
        """Faults not yet used up."""
        with self._lock:
            return list(self._faults)
