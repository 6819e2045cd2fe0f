"""Shared fixtures: a real database per test, the LINE emulator, and the bot served over real HTTP.

SQLite (default): the migrations run once into a template file that each test copies.
PostgreSQL (TEST_DATABASE_URL set): the migrations run once; each test starts from emptied tables.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from linesim import Platform
from storage.migrate import upgrade
from storage.models import Base
from tests.harness import Bot, running_bot

pytest_plugins = ["linesim.pytest_plugin"]

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")


def pytest_report_header() -> str:
    return f"database: {'PostgreSQL (TEST_DATABASE_URL)' if TEST_DATABASE_URL else 'SQLite (temporary files)'}"


def _psycopg(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture(scope="session")
def _migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if TEST_DATABASE_URL:
        # A schema of its own per run, so two suites on one server (two developers, or CI and a
        # developer) never trip over each other; dropped at the end.
        schema = f"test_run_{os.getpid()}"
        admin = create_engine(_psycopg(TEST_DATABASE_URL))
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"))
        separator = "&" if "?" in TEST_DATABASE_URL else "?"
        url = f"{TEST_DATABASE_URL}{separator}options=-csearch_path%3D{schema}"
        engine = create_engine(_psycopg(url))
        upgrade(engine)
        engine.dispose()
        yield url
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()
        return
    template = tmp_path_factory.mktemp("db") / "template.sqlite3"
    engine = create_engine(f"sqlite:///{template}")
    upgrade(engine)
    engine.dispose()
    yield str(template)


@pytest.fixture
def database_url(_migrated_database: str, tmp_path: Path) -> str:
    if TEST_DATABASE_URL:
        engine = create_engine(_psycopg(_migrated_database))
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        engine.dispose()
        return _migrated_database
    copy = tmp_path / "test.sqlite3"
    shutil.copyfile(_migrated_database, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def bot(database_url: str, line_platform: Platform, tmp_path: Path) -> Iterator[Bot]:
    with running_bot(database_url, line_platform, tmp_path / "instance") as running:
        yield running


@pytest.fixture
def villager(bot: Bot) -> str:
    return bot.line.add_user(display_name="ป้าศรี")
