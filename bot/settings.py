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


class ConfigurationError(RuntimeError):
    """The environment describes no safe way to run: the app refuses to start (gunicorn then exits)."""

    def __init__(self, message: str, missing: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.missing = missing


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
    # How much the worker's threads yield the CPU to webhooks (Unix niceness, 0 to 19, added to the
    # process's own). LINE gives a webhook about 2 s; processing an event can wait a moment.
    worker_niceness: int = 10
    public_base_url: str = ""
    secret_key: str = ""
    max_webhook_bytes: int = 1_000_000
    # Pushes cost quota; below this many remaining, notifications wait for a reply.
    push_reserve: int = 50
    # Personal data older than this is erased by `flask privacy purge` (the clock runs it nightly).
    retention_days: int = 730
    log_level: str = "INFO"
    # What the bot tells villagers who ask how to reach the PAO (the "ติดต่อ อบจ." menu panel). The
    # phone and address have no default on purpose: set them before launch; until then the bot
    # leaves those lines out rather than show a made-up number. Empty hours: Thai government hours.
    contact_phone: str = ""
    contact_address: str = ""
    office_hours: str = ""
    # National emergency numbers (medical 1669, police 191, fire 199, disaster 1784), comma-separated.
    urgent_numbers: tuple[str, ...] = ("1669", "191", "199", "1784")
    # Run against the built-in LINE emulator with the chat simulator, and random credentials. Only
    # ever by explicit choice (DEVELOPMENT=1, which `make run` sets): inferring it from missing
    # credentials once turned a forgotten variable in production into an unauthenticated admin door.
    development: bool = False
    # The web console's sign-in (LINE Login v2.1, a channel of its own under the same provider as the
    # Messaging API channel so user ids match). Without both the console is off and says why.
    line_login_channel_id: str = ""
    line_login_channel_secret: str = ""
    # The read-only Open311 GeoReport v2 API publishes requests: off unless chosen.
    open311_enabled: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)

    def check_line_mode(self) -> None:
        """Start only as DEVELOPMENT=1 without LINE credentials, or with both credentials and no DEVELOPMENT.

        Production needs both credentials. Development takes none: with DEVELOPMENT=1 left over on a
        real deploy, starting anyway would mount the simulator on the public host (and ignoring
        the flag would make it mean nothing), so both together stop the app too.
        """
        given = {"LINE_CHANNEL_SECRET": self.line_channel_secret,
                 "LINE_CHANNEL_ACCESS_TOKEN": self.line_channel_access_token}
        if self.development:
            present = tuple(name for name, value in given.items() if value.strip())
            if present:
                raise ConfigurationError(
                    f"DEVELOPMENT=1 runs against the built-in LINE emulator, but {' and '.join(present)} "
                    f"{'is' if len(present) == 1 else 'are'} also set. Unset DEVELOPMENT to serve the real "
                    "LINE channel, or unset the LINE credentials to develop locally.")
            return
        missing = tuple(name for name, value in given.items() if not value.strip())
        if missing:
            raise ConfigurationError(
                f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not set. The bot needs both "
                "LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN (LINE Developers Console, Messaging API "
                "tab). To develop locally against the built-in LINE emulator instead, set DEVELOPMENT=1 "
                "(`make run` does).", missing)

    @property
    def console_enabled(self) -> bool:
        """The console signs people in with LINE Login; without its channel it stays off (fail closed)."""
        return bool(self.line_login_channel_id.strip() and self.line_login_channel_secret.strip())

    @property
    def line_login_authorize_url(self) -> str:
        """LINE's authorize page is on access.line.me; an emulator serves it on its API origin."""
        if self.line_api_base_url == LINE_API_DEFAULT:
            return "https://access.line.me/oauth2/v2.1/authorize"
        return f"{self.line_api_base_url}/oauth2/v2.1/authorize"

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
        worker_niceness=int(env.get("WORKER_NICENESS", "") or defaults.worker_niceness),
        public_base_url=env.get("PUBLIC_BASE_URL", "").rstrip("/"),
        secret_key=env.get("SECRET_KEY", ""),
        push_reserve=int(env.get("PUSH_RESERVE", "") or defaults.push_reserve),
        retention_days=int(env.get("RETENTION_DAYS", "") or defaults.retention_days),
        log_level=env.get("LOG_LEVEL", "") or defaults.log_level,
        contact_phone=env.get("CONTACT_PHONE", "").strip(),
        contact_address=env.get("CONTACT_ADDRESS", "").strip(),
        office_hours=env.get("OFFICE_HOURS", "").strip(),
        urgent_numbers=tuple(n.strip() for n in env.get("URGENT_NUMBERS", "").split(",") if n.strip())
        or defaults.urgent_numbers,
        development=_flag(env.get("DEVELOPMENT"), defaults.development),
        line_login_channel_id=env.get("LINE_LOGIN_CHANNEL_ID", "").strip(),
        line_login_channel_secret=env.get("LINE_LOGIN_CHANNEL_SECRET", "").strip(),
        open311_enabled=_flag(env.get("OPEN311_ENABLED"), defaults.open311_enabled),
    )
