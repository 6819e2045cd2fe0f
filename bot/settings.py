"""Settings: one frozen object built from the environment; the only reader of os.environ."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LINE_API_DEFAULT = "https://api.line.me"


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """Everything the app can be told from outside. Documented in README's settings table."""

    line_channel_secret: str = ""
    line_channel_access_token: str = ""
    line_api_base_url: str = LINE_API_DEFAULT
    database_url: str = ""
    instance_path: Path = PROJECT_ROOT / "instance"
    port: int = 8000
    tz: str = "Asia/Bangkok"
    # Run the inbox/outbox worker as a thread inside each web process. A separate
    # `worker:` process (flask worker) can do the same job; both are safe together.
    worker_thread: bool = True
    public_base_url: str = ""
    secret_key: str = ""
    max_webhook_bytes: int = 1_000_000
    # Pushes cost quota; below this many remaining, notifications wait for a reply.
    push_reserve: int = 50
    # Personal data older than this is erased by `flask privacy purge` (the clock runs it nightly).
    retention_days: int = 730
    log_level: str = "INFO"
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def development(self) -> bool:
        """No LINE credentials: run against the built-in LINE emulator."""
        return not (self.line_channel_secret and self.line_channel_access_token)

    @property
    def sqlalchemy_url(self) -> str:
        url = self.database_url or f"sqlite:///{self.instance_path / 'lampang.sqlite3'}"
        # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants a driver name.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        return url

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def from_environment(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    defaults = Settings()
    return Settings(
        line_channel_secret=env.get("LINE_CHANNEL_SECRET", ""),
        line_channel_access_token=env.get("LINE_CHANNEL_ACCESS_TOKEN", ""),
        line_api_base_url=env.get("LINE_API_BASE_URL", "") or LINE_API_DEFAULT,
        database_url=env.get("DATABASE_URL", ""),
        instance_path=Path(env.get("INSTANCE_PATH", "") or defaults.instance_path),
        port=int(env.get("PORT", "") or defaults.port),
        tz=env.get("TZ", "") or defaults.tz,
        worker_thread=_flag(env.get("WORKER_THREAD"), defaults.worker_thread),
        public_base_url=env.get("PUBLIC_BASE_URL", "").rstrip("/"),
        secret_key=env.get("SECRET_KEY", ""),
        push_reserve=int(env.get("PUSH_RESERVE", "") or defaults.push_reserve),
        retention_days=int(env.get("RETENTION_DAYS", "") or defaults.retention_days),
        log_level=env.get("LOG_LEVEL", "") or defaults.log_level,
    )
