"""A settable clock, so token lifetimes can be tested without sleeping."""

from __future__ import annotations

import threading
import time


class Clock:
    """Wall-clock seconds plus an adjustable offset; `set()` freezes it at a point in time."""

    def __init__(self, frozen_at: float | None = None) -> None:
        self._lock = threading.Lock()
        self._offset_s = 0.0
        self._frozen_at = frozen_at

    def now(self) -> float:
        """Current emulated time in seconds since the epoch."""
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            return time.time() + self._offset_s

    def now_ms(self) -> int:
        """Current emulated time in milliseconds, as LINE puts it in `timestamp`."""
        return int(self.now() * 1000)

    def advance(self, seconds: float) -> None:
        """Move time forward (works whether the clock is frozen or running)."""
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at += seconds
            else:
                self._offset_s += seconds

    def set(self, epoch_s: float) -> None:
        """Freeze the clock at `epoch_s`; `advance()` still moves it."""
        with self._lock:
            self._frozen_at = epoch_s

    def resume(self) -> None:
        """Let a frozen clock run again from where it stands."""
        with self._lock:
            if self._frozen_at is not None:
                self._offset_s = self._frozen_at - time.time()
                self._frozen_at = None
