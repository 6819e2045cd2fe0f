"""`flask --app app demo seed`: a development database with realistic requests, staff and forum dates.

The request texts are drawn from the NLP package's labelled corpus (real-style villager messages),
so the queue, the exports and the weekly summary show something real without inventing new data.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import places, texts
from nlp.corpus import read_corpus
from storage import queries
from storage.db import transaction
from storage.models import AuditLog, Citizen, Forum, Request, Role, Staff, Status

# Fixed ids so the simulator can act as these people (development only; not real LINE users).
DEMO_STAFF = tuple(zip(("U" + "a0" * 16, "U" + "b0" * 16, "U" + "c0" * 16), texts.DEMO_STAFF_NAMES,
                       (Role.ADMIN, Role.TRIAGER, Role.OFFICIAL), strict=True))
STATUS_MIX = ([Status.NEW] * 6 + [Status.ACCEPTED] * 2
              + [Status.REJECTED, Status.REFERRED, Status.PLANNED, Status.DONE])
REQUESTS = 48
VILLAGERS = 15


demo_cli = AppGroup("demo", help="Development data.")


@demo_cli.command("seed")
@click.option("--seed", "seed_value", default=2569, show_default=True, help="Random seed (same seed, same data).")
def seed_command(seed_value: int) -> None:
    """Fill an empty development database with requests, staff and forum dates."""
    runtime = current_app.extensions["lampang"]
    with transaction(runtime.sessions) as session:
        if session.scalar(select(func.count()).select_from(Request)):
            raise click.ClickException("the database already has requests; seed only an empty one")
        counts = seed(session, runtime.now(), runtime.tz, random.Random(seed_value))
    click.echo("seeded: " + ", ".join(f"{n} {what}" for what, n in counts.items()))


def seed(session: Session, now: datetime, tz, rng: random.Random) -> dict[str, int]:  # noqa: ANN001
    for line_user_id, name, role in DEMO_STAFF:
        session.add(Staff(line_user_id=line_user_id, name=name, role=role, districts=[], created_at=now))
    forums = _forums(session, now.astimezone(tz).date(), now)
    citizens = [Citizen(key=queries.new_citizen_key(), line_user_id="U" + f"{n:02x}" * 16, following=True,
                        consent_at=now - timedelta(days=60), created_at=now - timedelta(days=60))
                for n in range(1, VILLAGERS + 1)]
    session.add_all(citizens)
    session.flush()
    examples = [e for e in read_corpus() if e.is_request and e.district and e.category]
    rng.shuffle(examples)
    for index, example in enumerate(examples[:REQUESTS]):
        created = now - timedelta(days=rng.uniform(0, 42), minutes=index)
        request = queries.create_request(
            session, citizen=rng.choice(citizens), text=example.text, created_at=created, tz=tz,
            district_code=example.district, tambon_code=example.tambon, category=example.category,
            confidence={"district": 0.95, "category": 0.8, "is_request": 0.97})
        _triage(session, request, rng.choice(STATUS_MIX), forums, created)
    return {"staff": len(DEMO_STAFF), "forums": len(forums), "villagers": VILLAGERS, "requests": REQUESTS}


def _forums(session: Session, today: date, now: datetime) -> dict[str, Forum]:
    forums = {}
    for offset, (code, name) in enumerate([*places.districts(), ("52", None)]):
        forum = Forum(district_code=code, held_on=today + timedelta(days=14 + 2 * offset),
                      venue=texts.demo_venue(name), updated_at=now)
        session.add(forum)
        forums[code] = forum
    session.flush()
    return forums


def _triage(session: Session, request: Request, status: Status, forums: dict[str, Forum], at: datetime) -> None:
    if status == Status.NEW:
        return
    changed_at = at + timedelta(days=1)
    request.status, request.status_changed_at, request.updated_at = status, changed_at, changed_at
    if status in (Status.ACCEPTED, Status.PLANNED, Status.DONE):
        request.forum = forums.get(request.district_code or "")
    if status == Status.REJECTED:
        request.status_reason = texts.DEMO_REJECT_REASON
    if status == Status.REFERRED:
        request.referred_to = texts.DEMO_REFERRED_TO
    session.add(AuditLog(request_id=request.id, action="demo_seed", before={"status": "new"},
                         after={"status": status.value}, at=changed_at))
