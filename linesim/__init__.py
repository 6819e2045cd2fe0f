"""A LINE platform emulator: signed webhooks to the bot and a validating Messaging API for it."""

from linesim.clock import Clock
from linesim.platform import Platform
from linesim.records import ApiCall, Delivered, Delivery
from linesim.validation import validate_messages
from linesim.webhook import sign

__all__ = ["ApiCall", "Clock", "Delivered", "Delivery", "Platform", "sign", "validate_messages"]
