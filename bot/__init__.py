"""The LINE bot: webhook, worker, conversation, staff commands and the outbox to LINE."""
