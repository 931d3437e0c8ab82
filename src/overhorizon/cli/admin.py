"""``overhorizon admin``: organisations, users, need-to-know groups, API tokens, partner exports.

Commands act as the local operator, or as the user whose API token is in $OVERHORIZON_TOKEN
(the same variable makes every other command read as that user); what a user may do is
decided in ``overhorizon.policy.admin``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from overhorizon.cli.app import DatabaseOption, app, console, errors
from overhorizon.errors import InvalidValueError
from overhorizon.model.statement import TLP_LEVELS
from overhorizon.policy.admin import Admin
from overhorizon.policy.clearance import ROLES
from overhorizon.store import open_store

admin = typer.Typer(
    help="Organisations, users, need-to-know groups and API tokens.", no_args_is_help=True
)
orgs = typer.Typer(help="Organisations and what each may receive.", no_args_is_help=True)
users = typer.Typer(help="Users of organisations.", no_args_is_help=True)
groups = typer.Typer(help="Need-to-know groups.", no_args_is_help=True)
tokens = typer.Typer(help="API tokens (set OVERHORIZON_TOKEN to act as their user).")
admin.add_typer(orgs, name="org")
admin.add_typer(users, name="user")
admin.add_typer(groups, name="group")
admin.add_typer(tokens, name="token", no_args_is_help=True)
app.add_typer(admin, name="admin", help="Manage organisations, users, groups and API tokens.")

_LEVELS = ", ".join(TLP_LEVELS)


def _level(value: str) -> str:
    level = value.strip().lower()
    if level not in TLP_LEVELS:
        raise typer.BadParameter(f"{value!r} is not one of {_LEVELS}")
    return level


def _role(value: str) -> str:
    if value not in ROLES:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(ROLES)}")
    return value


GroupOption = Annotated[
    list[str] | None, typer.Option("--group", "-g", help="A need-to-know group (repeatable).")
]
PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from standard input.")
]


def _password(from_stdin: bool, *, confirm: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\n")
        if not password:
            raise InvalidValueError("no password on standard input")
        return password
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=confirm))


@orgs.command("add")
def org_add(
    name: Annotated[str, typer.Argument(help="Short name: a-z, 0-9 and '-'.")],
    title: Annotated[str | None, typer.Option(help="Full name.")] = None,
    max_tlp: Annotated[
        str, typer.Option(callback=_level, help="The most it may receive of what others own.")
    ] = "clear",
    group: GroupOption = None,
    db: DatabaseOption = None,
) -> None:
    """Add a partner organisation (platform admins), with its maximum shareable marking."""
    with open_store(db) as store:
        org = Admin(store).add_organisation(
            name, title=title, max_tlp=max_tlp, max_groups=group or ()
        )
    console.print(f"added {org.name} (may receive up to TLP:{org.max_tlp.upper()})")


@orgs.command("ceiling")
def org_ceiling(
    name: Annotated[str, typer.Argument(help="The organisation.")],
    max_tlp: Annotated[str, typer.Option(callback=_level, help="The highest TLP it may receive.")],
    group: GroupOption = None,
    db: DatabaseOption = None,
) -> None:
    """Set the maximum shareable marking of an organisation: TLP and groups it may receive."""
    with open_store(db) as store:
        org = Admin(store).set_ceiling(name, max_tlp, group or ())
    console.print(f"{org.name} may receive up to TLP:{org.max_tlp.upper()}")


@orgs.command("list")
def org_list(db: DatabaseOption = None) -> None:
    """Organisations you may see, with what each may receive."""
    with open_store(db) as store:
        found = Admin(store).organisations()
    table = Table("name", "title", "local", "max TLP", "max groups")
    for org in found:
        table.add_row(
            org.name,
            org.title or "",
            "yes" if org.local else "",
            org.max_tlp,
            ", ".join(sorted(org.max_groups)),
        )
    console.print(table)


@orgs.command("export")
def org_export(
    name: Annotated[str, typer.Argument(help="The partner organisation.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; default: stdout.")
    ] = None,
    producer: Annotated[str | None, typer.Option(help="Your organisation's name.")] = None,
    db: DatabaseOption = None,
) -> None:
    """A STIX 2.1 bundle for a partner: nothing above its maximum shareable marking."""
    from overhorizon.policy.partners import export_for_partner
    from overhorizon.sharing import validation_errors

    with open_store(db) as store:
        result = export_for_partner(store, name, producer=producer)
    problems = validation_errors(result.bundle)
    if problems:
        raise InvalidValueError("the bundle fails strict STIX validation: " + problems[0])
    if output is None:
        typer.echo(result.json(), nl=False)
    else:
        output.write_text(result.json(), encoding="utf-8")
    counts = ", ".join(f"{n} {t}" for t, n in sorted(result.objects.items())) or "no objects"
    errors.print(f"wrote {counts} for {name}", highlight=False)


@users.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Login name.")],
    org: Annotated[str, typer.Option(help="The user's organisation.")],
    role: Annotated[str, typer.Option(callback=_role, help=", ".join(ROLES))] = "reader",
    clearance: Annotated[
        str, typer.Option(callback=_level, help="The highest TLP the user may read.")
    ] = "clear",
    group: GroupOption = None,
    default_tlp: Annotated[
        str, typer.Option(callback=_level, help="The least TLP of what the user writes.")
    ] = "clear",
    password_stdin: PasswordStdin = False,
    no_password: Annotated[bool, typer.Option("--no-password", help="Token access only.")] = False,
    db: DatabaseOption = None,
) -> None:
    """Add a user to an organisation (prompts for a password)."""
    password = None if no_password else _password(password_stdin, confirm=True)
    with open_store(db) as store:
        user = Admin(store).add_user(
            name,
            org=org,
            role=role,
            clearance=clearance,
            groups=group or (),
            password=password,
            default_tlp=default_tlp,
        )
    console.print(f"added {user.name} ({user.id}) to {user.org} as {user.role}")


@users.command("list")
def user_list(
    org: Annotated[str | None, typer.Option(help="Only this organisation.")] = None,
    db: DatabaseOption = None,
) -> None:
    """Users of the organisations you manage."""
    with open_store(db) as store:
        found = Admin(store).users(org)
    table = Table("name", "id", "org", "role", "clearance", "groups", "active")
    for user in found:
        table.add_row(
            user.name,
            user.id,
            user.org,
            user.role,
            user.clearance,
            ", ".join(sorted(user.groups)),
            "yes" if user.active else "no",
        )
    console.print(table)


@users.command("set")
def user_set(
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str | None, typer.Option(help=", ".join(ROLES))] = None,
    clearance: Annotated[str | None, typer.Option(help="The highest TLP to read.")] = None,
    active: Annotated[bool | None, typer.Option("--active/--inactive")] = None,
    password: Annotated[bool, typer.Option("--password", help="Set a new password.")] = False,
    password_stdin: PasswordStdin = False,
    db: DatabaseOption = None,
) -> None:
    """Change a user's role, clearance, state or password."""
    secret = _password(password_stdin, confirm=True) if password or password_stdin else None
    with open_store(db) as store:
        user = Admin(store).change_user(
            name,
            role=_role(role) if role else None,
            clearance=_level(clearance) if clearance else None,
            active=active,
            password=secret,
        )
    console.print(f"{user.name}: {user.role}, TLP:{user.clearance.upper()}, active={user.active}")


@groups.command("add")
def group_add(
    name: Annotated[str, typer.Argument(help="Group name, unique across organisations.")],
    org: Annotated[str, typer.Option(help="The owning organisation.")],
    db: DatabaseOption = None,
) -> None:
    """Add a need-to-know group owned by an organisation."""
    with open_store(db) as store:
        Admin(store).add_group(name, org=org)
    console.print(f"added group {name} of {org}")


@groups.command("member")
def group_member(
    group: Annotated[str, typer.Argument(help="The group.")],
    user: Annotated[str, typer.Argument(help="The user to add.")],
    db: DatabaseOption = None,
) -> None:
    """Add a user to a need-to-know group."""
    with open_store(db) as store:
        Admin(store).add_member(group, user)
    console.print(f"{user} is in {group}")


@groups.command("list")
def group_list(db: DatabaseOption = None) -> None:
    """Groups of the organisations you manage."""
    with open_store(db) as store:
        found = Admin(store).groups()
    for name, org in found:
        console.print(f"{name}  [dim]{org}[/]", highlight=False)


@tokens.command("create")
def token_create(
    user: Annotated[str, typer.Argument(help="Whose token.")],
    expires: Annotated[int, typer.Option(help="Days until it expires.", min=1)] = 90,
    label: Annotated[str | None, typer.Option(help="What it is for.")] = None,
    db: DatabaseOption = None,
) -> None:
    """Make an API token and print it once (only its hash is kept)."""
    with open_store(db) as store:
        token_id, token = Admin(store).create_token(user, days=expires, label=label)
    errors.print(f"token {token_id} for {user}, valid {expires} days; it is shown only now:")
    typer.echo(token)


@tokens.command("revoke")
def token_revoke(
    token_id: Annotated[str, typer.Argument(help="The token's id (tok-...).")],
    db: DatabaseOption = None,
) -> None:
    """Revoke an API token now."""
    with open_store(db) as store:
        Admin(store).revoke_token(token_id)
    console.print(f"revoked {token_id}")


@tokens.command("list")
def token_list(
    user: Annotated[str | None, typer.Argument(help="Only this user's.")] = None,
    db: DatabaseOption = None,
) -> None:
    """Tokens (never the tokens themselves): id, user, expiry, revocation."""
    with open_store(db) as store:
        found = Admin(store).tokens(user)
    table = Table("id", "user", "label", "created", "expires", "revoked")
    for row in found:
        cells = [row["created_at"], row["expires_at"], row["revoked_at"]]
        dates = [f"{c:%Y-%m-%d}" if c else "" for c in cells]
        table.add_row(row["id"], row["name"], row["label"] or "", *dates)
    console.print(table)


@admin.command("login")
def login_command(
    user: Annotated[str, typer.Argument(help="Login name.")],
    expires: Annotated[int, typer.Option(help="Days the token lives.", min=1)] = 1,
    password_stdin: PasswordStdin = False,
    db: DatabaseOption = None,
) -> None:
    """Log in with a password and print a short-lived token for OVERHORIZON_TOKEN."""
    from overhorizon.policy.identity import login, store_for_user

    password = _password(password_stdin, confirm=False)
    with open_store(db) as store:
        who = login(store, user, password)
        token_id, token = Admin(store_for_user(store, who)).create_token(
            who.name, days=expires, label="login"
        )
    errors.print(f"logged in as {who.name}; token {token_id}, valid {expires} day(s):")
    typer.echo(token)


@admin.command("audit")
def audit_command(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 50,
    action: Annotated[str | None, typer.Option(help="Only this action.")] = None,
    db: DatabaseOption = None,
) -> None:
    """The audit log as you may read it (admins: their organisation's entries)."""
    from overhorizon.policy.audit_view import audit_entries

    with open_store(db) as store:
        found = audit_entries(store, limit=limit, action=action)
    for entry in found:
        console.print(
            f"{entry.seq}  {entry.at}  {entry.actor}  {entry.action}  {' '.join(entry.objects)}",
            highlight=False,
            markup=False,
        )
