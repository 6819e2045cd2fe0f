"""Persistence: engine and sessions, typed models, query functions, migrations."""
