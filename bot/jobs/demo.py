"""`flask --app app demo seed`: a development database with realistic requests, staff and forum dates.

The request texts are drawn from the NLP package's labelled corpus (real-style villager messages),
so the queue, the exports and the weekly summary show something real without inventing new data.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import areas, texts
from nlp.corpus import read_corpus
from storage import audit, citizens, request_store
from storage.models import Citizen, Forum, Request, Role, Staff, Status

# Fixed ids so the simulator can act as these people (development only; not real LINE users).
DEMO_STAFF = tuple(zip(("U" + "a0" * 16, "U" + "b0" * 16, "U" + "c0" * 16), texts.DEMO_STAFF_NAMES,
                       (Role.ADMIN, Role.TRIAGER, Role.OFFICIAL), strict=True))
STATUS_MIX = ([Status.NEW] * 6 + [Status.ACCEPTED] * 2
              + [Status.REJECTED, Status.REFERRED, Status.PLANNED, Status.DONE])
REQUESTS = 48
VILLAGERS = 15


def seed_empty(session: Session, now: datetime, tz, rng: random.Random) -> dict[str, int]:  # noqa: ANN001
    """Seed, refusing a database that already has requests (ValueError)."""
    if session.scalar(select(func.count()).select_from(Request)):
        raise ValueError("the database already has requests; seed only an empty one")
    return seed(session, now, tz, rng)


def seed(session: Session, now: datetime, tz, rng: random.Random) -> dict[str, int]:  # noqa: ANN001
    for line_user_id, name, role in DEMO_STAFF:
        session.add(Staff(line_user_id=line_user_id, name=name, role=role, districts=[], created_at=now))
    forums = _forums(session, now.astimezone(tz).date(), now)
    villagers = [Citizen(key=citizens.new_citizen_key(), line_user_id="U" + f"{n:02x}" * 16, following=True,
                        consent_at=now - timedelta(days=60), created_at=now - timedelta(days=60))
                for n in range(1, VILLAGERS + 1)]
    session.add_all(villagers)
    session.flush()
    examples = [e for e in read_corpus() if e.is_request and e.district and e.category]
    rng.shuffle(examples)
    for index, example in enumerate(examples[:REQUESTS]):
        created = now - timedelta(days=rng.uniform(0, 42), minutes=index)
        request = request_store.create_request(
            session, citizen=rng.choice(villagers), text=example.text, created_at=created, tz=tz,
            district_code=example.district, tambon_code=example.tambon, category=example.category,
            confidence={"district": 0.95, "category": 0.8, "is_request": 0.97})
        _triage(session, request, rng.choice(STATUS_MIX), forums, created)
    return {"staff": len(DEMO_STAFF), "forums": len(forums), "villagers": VILLAGERS, "requests": REQUESTS}


def _forums(session: Session, today: date, now: datetime) -> dict[str, Forum]:
    forums = {}
    for offset, (code, name) in enumerate([*areas.districts(), (areas.PROVINCE, None)]):
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
    audit.record(session, request=request, action="demo_seed", before={"status": "new"},
                 after={"status": status.value}, at=changed_at)
