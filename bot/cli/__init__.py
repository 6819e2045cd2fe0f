"""The app's command line (`flask --app app …`): one module per command group, registered here.

Domain code raises ValueError; these modules turn it into click's errors.

Registered lazily: every process builds the app, gunicorn's web processes included, and the command
modules import most of the bot (migrations, exports, the summary, the worker and its NLP). A command's
module is imported only when the `flask` command line asks for that command (click's lazy group).
"""

from __future__ import annotations

from importlib import import_module

import click
from flask import Flask
from flask.cli import AppGroup

# Command name -> (module, attribute). tests/test_layout.py checks each names its own command.
COMMANDS = {
    "db": ("bot.cli.db", "db_cli"),
    "demo": ("bot.cli.demo", "demo_cli"),
    "export": ("bot.cli.export", "export_command"),
    "privacy": ("bot.cli.privacy", "privacy_cli"),
    "richmenu": ("bot.cli.richmenu", "richmenu_cli"),
    "staff": ("bot.cli.staff", "staff_command"),
    "summary": ("bot.cli.summary", "summary_command"),
    "clock": ("bot.cli.summary", "clock_command"),
    "worker": ("bot.cli.worker", "worker_command"),
}


class LazyAppGroup(AppGroup):
    """The app's command group, importing a command's module when that command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS and name not in self.commands:
            module, attribute = COMMANDS[name]
            self.add_command(getattr(import_module(module), attribute), name)
        return super().get_command(ctx, name)


def register(app: Flask) -> None:
    lazy = LazyAppGroup(app.cli.name)
    lazy.commands.update(app.cli.commands)  # anything registered before (blueprints' commands)
    app.cli = lazy
