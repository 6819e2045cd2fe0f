"""`flask staff add|list|remove`: the staff registry from the command line (the first admin starts here)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from bot.richmenu import links
from bot.runtime import current_runtime
from bot.staff import roster
from storage import accounts, audit
from storage.db import transaction
from storage.models import Role


@click.group("staff", cls=AppGroup)
def staff_command() -> None:
    """Manage PAO staff who triage in LINE (admin, triager, official)."""


@staff_command.command("add")
@click.argument("user_id")
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--name", help="Name shown in the audit trail.")
@click.option("--district", "districts", multiple=True, help="Limit to this district (repeatable; code or name).")
def add(user_id: str, role: str, name: str | None, districts: tuple[str, ...]) -> None:
    """Add a staff member, or change their role, name or districts."""
    runtime = current_runtime()
    try:
        with transaction(runtime.sessions) as session:
            member, created = roster.enrol(session, line_user_id=user_id, role=role, name=name,
                                           districts=districts, now=runtime.now())
            audit.record(session, request=None, staff=None, action="staff_add", at=runtime.now(),
                         after={"staff_id": member.id, "role": member.role.value, "districts": member.districts},
                         note="cli")
            staff_id = member.id
    except roster.RosterError as error:
        raise click.BadParameter(str(error), param_hint=error.field) from error
    links.apply_due(runtime)  # show the staff menu now; if LINE is down the worker retries
    click.echo(f"staff {staff_id} {'added' if created else 'updated'} as {role}")


@staff_command.command("list")
def list_staff() -> None:
    """Staff and their roles (LINE ids shown: this is the admin's console)."""
    runtime = current_runtime()
    with runtime.sessions() as session:
        for member in accounts.all_staff(session):
            districts = ",".join(member.districts or []) or "all"
            click.echo(f"{member.line_user_id}\t{member.role.value}\t{districts}\t{member.name or ''}")


@staff_command.command("remove")
@click.argument("user_id")
def remove(user_id: str) -> None:
    """Remove a staff member; their past actions stay in the audit trail."""
    runtime = current_runtime()
    with transaction(runtime.sessions) as session:
        removed = roster.remove(session, user_id, runtime.now())
        if removed:
            audit.record(session, request=None, staff=None, action="staff_remove", at=runtime.now(), note="cli")
    if not removed:
        raise click.ClickException("no such staff member")
    links.apply_due(runtime)  # back to the villagers' menu now; if LINE is down the worker retries
    click.echo("removed")
