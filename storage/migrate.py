"""Alembic migrations, run by the app's own CLI (`flask --app app db …`, in bot/cli/db.py)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)


def new_revision(engine: Engine, message: str, *, autogenerate: bool) -> None:
    command.revision(alembic_config(engine), message=message, autogenerate=autogenerate)


def show_current(engine: Engine) -> None:
    command.current(alembic_config(engine))
