"""The one registry of staff commands: English names, Thai aliases, usage lines and who may run them.

A leaf: the command families (admin, reading, triaging, schedule) import it to declare their commands,
and the gate imports the families, so the registry never imports back. A subcommand ("forum set") is
a command of its own, with its own permission, usage and help line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot import texts
from bot.staff.permissions import Permission

if TYPE_CHECKING:
    from bot.staff.context import Context


@dataclass(frozen=True)
class Command:
    name: str
    permission: Permission
    run: Callable[[Context], None]
    # Works in a group nobody has registered yet (only /group itself: that is how one registers).
    in_unregistered_groups: bool = False

    @property
    def aliases(self) -> tuple[str, ...]:
        """Thai aliases: of the whole name, or for a subcommand of its last word (/ประชาคม ตั้ง)."""
        return texts.STAFF_ALIASES.get(self.name, ())

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.name.split())

    def matches(self, typed: list[str]) -> bool:
        """Whether the typed words (command word first, lower case) name this command."""
        if len(typed) < len(self.words):
            return False
        first, *rest = self.words
        if typed[0] != first and typed[0] not in texts.STAFF_ALIASES.get(first, ()):
            return False
        return not rest or typed[1] == rest[0] or typed[1] in self.aliases

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
    return list(_COMMANDS.values())


def find(word: str, rest: str) -> tuple[Command, str] | None:
    """The command typed and what follows its name; subcommands ("forum set") are tried first."""
    after = rest.split(maxsplit=1)
    typed = [word.lower(), *(w.lower() for w in after[:1])]
    for candidate in sorted(_COMMANDS.values(), key=lambda c: -len(c.words)):
        if candidate.matches(typed):
            return candidate, (after[1] if len(after) > 1 else "") if len(candidate.words) > 1 else rest
    return None
