"""Showing staff their rich menu: link it when they are enrolled, unlink it when they are removed.

Enrolment and removal only queue a `staff_menu_link` row in their own transaction; LINE is called
here, after the commit, by the worker (and once straight away by `flask staff`). A LINE outage or a
rate limit leaves the row pending for a later, jittered retry — it is never given up on — while a
refusal that asking again cannot change (an unknown user, say) marks it failed.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.runtime import Runtime
from storage import accounts, work
from storage.db import transaction
from storage.models import Staff, StaffMenuLink

log = logging.getLogger(__name__)

STAFF = "staff"  # the kind under which `flask richmenu deploy` remembers the staff menu's id
VILLAGER = "villager"
LEASE = timedelta(minutes=1)  # one LINE call with the messenger's timeouts fits well inside
RETRY_BASE, RETRY_CAP = timedelta(seconds=10), timedelta(minutes=30)


def apply_due(runtime: Runtime, limit: int = 20) -> int:
    """Link or unlink the staff menu for every due row, each leased to this worker; returns how many were tried."""
    return work.run_due(runtime.sessions, StaffMenuLink, lambda row_id: _apply_one(runtime, row_id),
                        pending="pending", now=runtime.now(), lease=LEASE, limit=limit)


def _apply_one(runtime: Runtime, link_id: int) -> None:
    with runtime.sessions() as session:
        link = session.get(StaffMenuLink, link_id)
        if link is None or link.state != "pending":
            return
        staff = session.get(Staff, link.staff_id)
        if staff is None:
            return
        generation, user_id, active = link.generation, staff.line_user_id, staff.removed_at is None
        menu_id = accounts.rich_menu_id(session, STAFF) if active else None
    if active and menu_id is None:
        # Nothing to link yet; deploying the staff menu queues every active staff member again.
        _finish(runtime, link_id, generation, state="failed", error="no staff menu deployed")
        log.info("staff menu link %d: no staff menu deployed (run `flask richmenu deploy`)", link_id)
        return
    result = (runtime.messenger.link_rich_menu(user_id, menu_id) if menu_id is not None
              else runtime.messenger.unlink_rich_menu(user_id))
    log.info("staff menu link %d: %s, status %d", link_id, "link" if active else "unlink", result.status)
    if result.ok:
        _finish(runtime, link_id, generation, state="done", error=None)
    elif result.retryable:
        _finish(runtime, link_id, generation, state="pending", error=f"status {result.status}", retry=True)
    else:
        _finish(runtime, link_id, generation, state="failed", error=f"status {result.status}")


def _finish(runtime: Runtime, link_id: int, generation: int, *, state: str, error: str | None,
            retry: bool = False) -> None:
    with transaction(runtime.sessions) as session:
        link = session.get(StaffMenuLink, link_id)
        if link is None or link.state != "pending":
            return
        link.lease_until = None
        if link.generation != generation:
            return  # enrolled or removed again meanwhile: the next round acts on the newer change
        link.state, link.error, link.updated_at = state, error, runtime.now()
        if retry:
            link.next_attempt_at = runtime.now() + work.backoff(link.attempts, base=RETRY_BASE, cap=RETRY_CAP)
