"""Pytest fixtures for the emulator; enable with `pytest_plugins = ["linesim.pytest_plugin"]`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from linesim.platform import Platform
from linesim.server import BackgroundServer


@pytest.fixture
def line_platform() -> Iterator[Platform]:
    """A fresh Platform served on a free port; its base URL is `line_platform.server.url`."""
    platform = Platform()
    server = platform.serve(port=0)
    platform.server = server  # type: ignore[attr-defined]
    try:
        yield platform
    finally:
        server.stop()


@pytest.fixture
def line_server(line_platform: Platform) -> BackgroundServer:
    """The running API server of `line_platform` (use `.url` as the SDK's host)."""
    return line_platform.server  # type: ignore[attr-defined]
