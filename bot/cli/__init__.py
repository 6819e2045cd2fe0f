"""The app's command line (`flask --app app …`): one module per command group, registered here.

Domain code raises ValueError; these modules turn it into click's errors.
"""

from __future__ import annotations

from flask import Flask

from bot.cli.db import db_cli
from bot.cli.demo import demo_cli
from bot.cli.export import export_command
from bot.cli.privacy import privacy_cli
from bot.cli.richmenu import richmenu_cli
from bot.cli.staff import staff_command
from bot.cli.summary import clock_command, summary_command
from bot.cli.worker import worker_command


def register(app: Flask) -> None:
    for command in (db_cli, export_command, worker_command, richmenu_cli, demo_cli, privacy_cli, staff_command,
                    summary_command, clock_command):
        app.cli.add_command(command)
