"""Command line: `python -m linesim serve --port 8080 --secret S --token T --webhook URL`."""

from __future__ import annotations

import argparse
import logging
import sys

from linesim.platform import Platform

log = logging.getLogger("linesim")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the chosen command."""
    parser = argparse.ArgumentParser(prog="python -m linesim", description="LINE platform emulator")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the Messaging API on 127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--secret", default="linesim-channel-secret", help="channel secret for signing")
    serve.add_argument("--token", default="linesim-access-token", help="channel access token to accept")
    serve.add_argument("--webhook", default=None, help="the bot's webhook URL, e.g. http://127.0.0.1:5000/callback")
    serve.add_argument("--quota", type=int, default=300, help="monthly message quota (-1: unlimited)")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    platform = Platform(channel_secret=args.secret, access_token=args.token, webhook_url=args.webhook,
                        quota=None if args.quota < 0 else args.quota)
    from werkzeug.serving import run_simple

    log.info("LINE emulator on http://%s:%d (bot user %s)", args.host, args.port, platform.bot_user_id)
    run_simple(args.host, args.port, platform.wsgi_app(), threaded=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
