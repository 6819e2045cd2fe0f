"""Staff commands typed in LINE chat (filled in by the staff triage work)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.dispatch import Turn


def handle(turn: Turn) -> bool:
    """Run a staff command if this event is one from staff; False lets the villager flow answer."""
    return False
