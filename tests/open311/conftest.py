"""Open311 runs on the console's app fixtures (Open311 switched on)."""

from tests.console.conftest import bot, file_request  # noqa: F401
