"""The one registry of staff commands: English names, Thai aliases, usage lines and who may run them."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot import texts

if TYPE_CHECKING:
    from bot.staff.context import Context


class Permission(enum.StrEnum):
    READ = "read"  # look at the queue, a request, forums, the summary
    TRIAGE = "triage"  # change requests and forums
    ADMIN = "admin"  # manage staff and groups


@dataclass(frozen=True)
class Command:
    name: str
    permission: Permission
    run: Callable[[Context], None]
    # Works in a group nobody has registered yet (only /group itself: that is how one registers).
    in_unregistered_groups: bool = False

    @property
    def aliases(self) -> tuple[str, ...]:
        return texts.STAFF_ALIASES.get(self.name, ())

    @property
    def usage(self) -> str:
        return texts.STAFF_USAGE[self.name]

    @property
    def purpose(self) -> str:
        return texts.STAFF_PURPOSE[self.name]


_COMMANDS: dict[str, Command] = {}


def command(name: str, permission: Permission, *, in_unregistered_groups: bool = False
            ) -> Callable[[Callable[[Context], None]], Callable[[Context], None]]:
    """Declare a command; its Thai aliases, usage and purpose come from bot.texts."""

    def register(run: Callable[[Context], None]) -> Callable[[Context], None]:
        if name in _COMMANDS:
            raise ValueError(f"command {name} declared twice")
        _COMMANDS[name] = Command(name, permission, run, in_unregistered_groups)
        return run

    return register


def commands() -> list[Command]:
    _load_families()
    return list(_COMMANDS.values())


def find(word: str) -> Command | None:
    """The command a typed word names: its English name (any case) or one of its Thai aliases."""
    word = word.lower()
    for candidate in commands():
        if word == candidate.name or word in candidate.aliases:
            return candidate
    return None


def _load_families() -> None:
    # Importing a family module runs its @command declarations; done once, on first use.
    from bot.staff import admin, reading, triaging  # noqa: F401
