"""Command line: `veiligheidsdialoog init | demo | run | indicators | import | deliveries | rollback | values |
fetch | session | participants | assign | notes | report | handout | user | privacy | backup | restore`.

Every command honours DATABASE_URL; without it the SQLite file in the user's data
directory is used. A refusal (`UserError`: a session that does not exist, a file that cannot be imported, ...)
is printed in Dutch on stderr and the command exits with status 2.
"""

import argparse
import getpass
import os
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy.engine import make_url

from core.access import SYSTEM, Actor, Role
from core.accounts import create_user
from core.backup import BackupError, restore_portable_backup, sqlite_copy, write_portable_backup
from core.db import database_url, make_engine, optimise_after_bulk_load, transaction, write_transaction
from core.demo_logins import active_demo_accounts
from core.errors import UserError
from core.export_safety import safe_cell
from core.formatting import format_datetime, format_int
from indicators.catalogue import CATALOGUE_COLUMNS, catalogue_frame
from indicators.importing.apply import rollback_delivery
from indicators.importing.candidates import MERGE_FORMER, REFUSE_FORMER
from indicators.importing.deliveries import delivery_status, list_deliveries
from indicators.importing.issues import ImportRejected
from indicators.importing.kwb import AGGREGATE_MUNICIPALITY
from indicators.importing.live_statline import POLITIE_CATALOG, fetch_as_file
from indicators.importing.pipeline import ImportRequest, run_import
from indicators.importing.plan import conflict_lines
from indicators.importing.tabular import MAX_UPLOAD_MB
from indicators.normalisation import indicator_values
from indicators.setup import has_catalogue, initialise
from sessions.demo import build_demo_database
from sessions.demo_accounts import demo_accounts_notice
from sessions.dialogue import create_dialogue, get_dialogue
from sessions.documents import REPORT_FORMATS, handout_document, report_document
from sessions.notes import dialogue_export
from sessions.participants import import_participants
from sessions.privacy import pseudonymise_expired
from sessions.seating import ROUND_ONE_SECONDS, assign_round_one, fill_round, round_overview

APP_SCRIPT = Path(__file__).resolve().parent / "app.py"
LARGE_IMPORT_ROWS = 10_000  # refresh planner statistics after imports this large
CONFLICTS_SHOWN = 200  # changed values listed one by one; the rest are counted


def _cmd_init(_args: argparse.Namespace) -> int:
    engine = make_engine()
    counts = initialise(engine)
    print(f"Database klaar ({_safe_url()}): {counts.indicators} indicatoren in de catalogus.")
    return 0


def _cmd_demo(_args: argparse.Namespace) -> int:
    engine = make_engine()
    report = build_demo_database(engine)
    print(f"Demodatabase klaar ({_safe_url()}).")
    print(report.summary())
    with transaction(engine) as db:
        demo_notice = demo_accounts_notice(db=db, actor=SYSTEM)
    print(demo_notice or "Geen demo-accounts: deze database heeft een echte beheerder.")
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    engine = make_engine()
    if not has_catalogue(engine):
        print("Nog geen database gevonden: de demodatabase wordt eerst gebouwd …", flush=True)
        print(build_demo_database(engine).summary(), flush=True)
    else:
        initialise(engine)  # upgrade the schema and catalogue of an existing database
    with transaction(engine) as db:
        expired = pseudonymise_expired(db=db)
        demo_notice = demo_accounts_notice(db=db, actor=SYSTEM)
    if demo_notice:
        print(demo_notice)
    if expired:
        print(f"Bewaartermijn verstreken: namen gepseudonimiseerd in sessie(s) {', '.join(map(str, expired))}.")
    engine.dispose()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_SCRIPT),
        "--server.port",
        str(args.port),
        "--server.address",
        args.address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
        "--server.maxUploadSize",
        str(MAX_UPLOAD_MB),
        "--server.enableXsrfProtection",
        "true",
        "--server.enableCORS",
        "true",
        # No watching of the app's source files for changes: a running installation does not edit itself.
        "--server.fileWatcherType",
        "none",
        # Never a traceback, file path or SQL in the browser (the app shows Dutch messages and logs the detail);
        # VEILIGHEIDSDIALOOG_DEBUG=1 shows them, for development.
        "--client.showErrorDetails",
        "full" if os.environ.get("VEILIGHEIDSDIALOOG_DEBUG") == "1" else "none",
    ]
    env = os.environ | {"DATABASE_URL": database_url()}
    sys.stdout.flush()
    # Become the Streamlit server (as a shell's `exec` does): a service manager's or a test's SIGTERM then
    # stops the server itself; a child process would be left running without its parent.
    os.execve(sys.executable, command, env)


def _cmd_indicators(args: argparse.Namespace) -> int:
    with transaction(make_engine()) as db:
        frame = catalogue_frame(db=db, status=None if args.all else "actief")
    frame = frame[[*CATALOGUE_COLUMNS, "definition"]]
    if args.format == "json":
        print(frame.to_json(orient="records", force_ascii=False, indent=2))
    else:
        frame.to_csv(sys.stdout, index=False)
    return 0


def _read(file: str) -> tuple[bytes, str] | None:
    """The file's bytes and name, or None (with a message on stderr) when it does not exist."""
    path = Path(file)
    if not path.is_file():
        print(f"Bestand niet gevonden: {path}", file=sys.stderr)
        return None
    return path.read_bytes(), path.name


def _cmd_import(args: argparse.Namespace) -> int:
    read = _read(args.file)
    return 2 if read is None else _import_bytes(*read, args)


def _topics(pairs: list[str]) -> dict[str, str] | None:
    """'--onderwerp "Gemiddeld vermogen=GCC-I05"' as {topic: code}; None (after saying why) when one is malformed."""
    topics: dict[str, str] = {}
    for pair in pairs:
        topic, _, code = pair.rpartition("=")
        if not topic.strip() or not code.strip():
            print(f"--onderwerp '{pair}': schrijf ONDERWERP=CODE, bijv. 'Gemiddeld vermogen=GCC-I05'", file=sys.stderr)
            return None
        topics[topic.strip()] = code.strip()
    return topics


def _import_bytes(data: bytes, file_name: str, args: argparse.Namespace) -> int:
    topics = _topics(getattr(args, "onderwerp", None) or [])
    if topics is None:
        return 2
    request = ImportRequest(
        data=data,
        file_name=file_name,
        supplier=args.supplier,
        indicator=args.indicator,
        year=args.jaar,
        topics=topics or None,
        aggregate=getattr(args, "aggregate", None),
        former_municipalities=args.voormalige_gemeenten,
    )
    engine = make_engine()
    try:
        with transaction(engine) as db:
            result = run_import(
                actor=Actor(args.user, SYSTEM.roles),
                db=db,
                request=request,
                dry_run=args.dry_run,
                conflicts="replace" if args.replace else "keep",
            )
            if args.dry_run:
                db.rollback()
    except ImportRejected as rejected:
        print(f"Bestand afgewezen, er is niets opgeslagen.\n{rejected.summary(limit=50)}", file=sys.stderr)
        return 2
    print(result.summary())
    if result.delivery is not None and result.delivery.row_count >= LARGE_IMPORT_ROWS:
        optimise_after_bulk_load(engine)
    if result.plan is not None and result.plan.conflicts:
        count = format_int(len(result.plan.conflicts))
        if args.replace:
            heading = (
                f"{count} afwijkende waarden {'zouden worden' if args.dry_run else 'zijn'} vervangen (oud → nieuw):"
            )
        else:
            heading = f"{count} waarden wijken af van wat er al stond en zijn behouden (opgeslagen → in dit bestand):"
        print(heading)
        for line in conflict_lines(result.plan, limit=CONFLICTS_SHOWN):
            print(f"  {line}")
        if not args.replace:
            print("Gebruik --replace om ze te vervangen.")
    return 0


def _former_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--voormalige-gemeenten",
        choices=[REFUSE_FORMER, MERGE_FORMER],
        default=REFUSE_FORMER,
        help="waarden van een opgeheven gemeente voor jaren na de herindeling: weigeren (de opvolger wordt genoemd) "
        "of aantallen optellen bij de opvolger (samenvoegen)",
    )


def _cmd_deliveries(_args: argparse.Namespace) -> int:
    with transaction(make_engine()) as db:
        deliveries = list_deliveries(db=db)
        statuses = [delivery_status(d, when=format_datetime) for d in deliveries]
    if not deliveries:
        print("Nog geen leveringen.")
        return 0
    rows = [["nr", "datum", "leverancier", "bestand", "waarden", "status"]]
    for d, status in zip(deliveries, statuses, strict=True):
        rows.append(
            [str(d.id), format_datetime(d.imported_at), d.supplier, d.file_name, format_int(d.row_count), status]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [
            cell.rjust(w) if i in (0, 4) else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
    return 0


def _cmd_rollback(args: argparse.Namespace) -> int:
    with transaction(make_engine()) as db:
        delivery = rollback_delivery(actor=Actor(args.user, SYSTEM.roles), db=db, delivery_id=args.delivery)
        name, supplier = delivery.file_name, delivery.supplier
    print(f"Levering {args.delivery} ({name}, {supplier}) is teruggedraaid; vervangen waarden zijn hersteld.")
    return 0


def _cmd_fetch(args: argparse.Namespace) -> int:
    try:
        data, name = fetch_as_file(
            args.table, filters=args.filters, select=args.select, catalog_url=POLITIE_CATALOG if args.politie else None
        )
    except Exception as error:  # network or service failure: say so, change nothing
        print(f"Ophalen van {args.table} bij StatLine mislukt: {error}", file=sys.stderr)
        return 2
    return _import_bytes(data, name, args)


def _cmd_values(args: argparse.Namespace) -> int:
    with transaction(make_engine()) as db:
        try:
            frame = indicator_values(
                db=db,
                code=args.indicator,
                area_codes=[args.area] if args.area else None,
                per_capita=args.per_10k,
            )
        except KeyError as error:
            print(error.args[0], file=sys.stderr)
            return 2
    columns = ["area_code", "area_name", "year", "breakdown", "value", "source"]
    if args.format == "json":
        print(frame[columns].to_json(orient="records", force_ascii=False, indent=2))
    else:
        frame[columns].to_csv(sys.stdout, index=False)
    return 0


def _cmd_session_create(args: argparse.Namespace) -> int:
    try:
        when = date.fromisoformat(args.date)
    except ValueError:
        print(f"Ongeldige datum '{args.date}' (gebruik JJJJ-MM-DD)", file=sys.stderr)
        return 2
    engine = make_engine()
    initialise(engine)
    with transaction(engine) as db:
        dialogue = create_dialogue(
            actor=SYSTEM, db=db, name=args.name, session_date=when, kind=args.kind, seats_per_table=args.seats
        )
    print(dialogue.id)
    return 0


def _cmd_participants_import(args: argparse.Namespace) -> int:
    read = _read(args.file)
    if read is None:
        return 2
    data, name = read
    try:
        with transaction(make_engine()) as db:
            people = import_participants(actor=SYSTEM, db=db, dialogue_id=args.session, data=data, file_name=name)
    except ImportRejected as rejected:
        print(f"Lijst afgewezen, er is niets opgeslagen.\n{rejected.summary(limit=50)}", file=sys.stderr)
        return 2
    print(f"{len(people)} genodigden toegevoegd aan sessie {args.session}.")
    return 0


def _cmd_assign(args: argparse.Namespace) -> int:
    with write_transaction(make_engine()) as db:
        if args.round == 1:
            assignment = assign_round_one(
                actor=SYSTEM, db=db, dialogue_id=args.session, time_limit=args.time_limit or ROUND_ONE_SECONDS
            )
            quality = assignment.quality
            status = "optimaal" if assignment.optimal else f"nog {assignment.gap} punten van de grens"
            message = (
                f"Ronde 1: {len(assignment.seating)} mensen geplaatst ({status}); zelfde organisatie "
                f"aan tafel: {quality.collisions} (onvermijdelijk: {quality.min_collisions}); "
                f"voorkeuren: {quality.preferences_met} van {quality.preferences_total}."
            )
        else:
            result = fill_round(
                actor=SYSTEM,
                db=db,
                dialogue_id=args.session,
                round_number=args.round,
                time_limit=args.time_limit,
            )
            message = result.summary(args.round)
        frame = round_overview(actor=SYSTEM, db=db, dialogue_id=args.session, round_number=args.round)
    export = frame.assign(ronde=args.round).rename(columns={"tafelnummer": "tafelnr"})
    export["thema"] = export["tafel"]
    export["tafel"] = export["tafelnr"]
    columns = ["naam", "organisatie", "organisatietype", "rol", "ronde", "thema", "tafel"]
    text = export[columns].map(safe_cell).to_csv(index=False)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(message)
    else:
        print(text, end="")
        print(message, file=sys.stderr)
    return 0


def _cmd_notes(args: argparse.Namespace) -> int:
    with transaction(make_engine()) as db:
        get_dialogue(db=db, dialogue_id=args.session)  # a session that does not exist is refused (DialogueError)
        frame = dialogue_export(actor=SYSTEM, db=db, dialogue_id=args.session)
    if args.format == "json":
        print(frame.to_json(orient="records", force_ascii=False, indent=2))
    else:
        frame.map(safe_cell).to_csv(sys.stdout, index=False)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    with transaction(make_engine()) as db:
        document = report_document(
            actor=SYSTEM,
            db=db,
            dialogue_id=args.session,
            fmt=args.format,
            municipality=args.municipality,
            with_names=args.names,
        )
    Path(args.out).write_bytes(document)
    print(f"Verslag geschreven naar {args.out}.")
    return 0


def _cmd_handout(args: argparse.Namespace) -> int:
    with transaction(make_engine()) as db:
        document = handout_document(
            actor=SYSTEM, db=db, dialogue_id=args.session, theme_code=args.theme, fmt=args.format
        )
    Path(args.out).write_bytes(document)
    print(f"Handout geschreven naar {args.out}.")
    return 0


def _cmd_user_add(args: argparse.Namespace) -> int:
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
    if password is None and not args.no_password:
        password = getpass.getpass("Wachtwoord (minstens 10 tekens): ")
        if getpass.getpass("Nog een keer: ") != password:
            print("De wachtwoorden verschillen.", file=sys.stderr)
            return 2
    with transaction(make_engine()) as db:
        demo_before = active_demo_accounts(db=db)
        user = create_user(
            db=db,
            actor=Actor(os.environ.get("USER") or "systeem", SYSTEM.roles),
            username=args.username,
            display_name=args.name or args.username,
            password=password,
            roles=args.role,
            email=args.email,
            municipalities=args.municipality,
        )
        print(f"Gebruiker '{user.username}' aangemaakt ({', '.join(user.roles) or 'geen rollen'}).")
        retired = sorted(set(demo_before) - set(active_demo_accounts(db=db)))
    if retired:
        print(f"Demo-accounts uitgeschakeld, want er is nu een echte beheerder: {', '.join(retired)}.")
    return 0


def _cmd_privacy(args: argparse.Namespace) -> int:
    with transaction(make_engine()) as db:
        expired = pseudonymise_expired(db=db)
    print(
        f"Gepseudonimiseerd: sessie(s) {', '.join(map(str, expired))}."
        if expired
        else "Geen sessies met een verstreken bewaartermijn."
    )
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    target = Path(args.file)
    engine = make_engine()
    try:
        if target.suffix == ".sqlite":
            sqlite_copy(engine, target)
            print(f"SQLite-kopie geschreven naar {target}.")
        else:
            counts = write_portable_backup(engine, target)
            rows = format_int(sum(counts.values()))
            print(f"Backup geschreven naar {target}: {rows} rijen in {len(counts)} tabellen.")
    finally:
        engine.dispose()
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    source = Path(args.file)
    if not source.exists():
        print(f"{source}: bestand bestaat niet.", file=sys.stderr)
        return 2
    engine = make_engine()
    try:
        if source.suffix == ".sqlite":  # a copy made with `backup X.sqlite`: via the portable form
            with tempfile.TemporaryDirectory() as folder:
                portable = Path(folder) / "backup.zip"
                copy = make_engine(f"sqlite:///{source}")
                write_portable_backup(copy, portable)
                copy.dispose()
                counts = restore_portable_backup(engine, portable, replace=args.replace)
        else:
            counts = restore_portable_backup(engine, source, replace=args.replace)
    except (BackupError, zipfile.BadZipFile) as error:
        print(f"Niet teruggezet (de database is ongewijzigd): {error}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"Teruggezet uit {source}: {format_int(sum(counts.values()))} rijen in {len(counts)} tabellen.")
    return 0


def _safe_url() -> str:
    return make_url(database_url()).render_as_string(hide_password=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="veiligheidsdialoog",
        description="Veiligheidsdialoog: van Monitor Integrale Veiligheid naar dialoog en jaarplan.",
        epilog="De database komt uit DATABASE_URL; zonder die variabele een SQLite-bestand in de gebruikersmap.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init", help="maak of upgrade het databaseschema en laad de catalogus").set_defaults(
        handler=_cmd_init
    )
    commands.add_parser(
        "demo", help="bouw de demodatabase (catalogus, gebieden, CBS-cijfers, fictieve demodata)"
    ).set_defaults(handler=_cmd_demo)
    run = commands.add_parser("run", help="start de app (bouwt eerst de demodatabase als er nog niets is)")
    run.add_argument("--port", type=int, default=8501)
    run.add_argument("--address", default="127.0.0.1")
    run.set_defaults(handler=_cmd_run)
    indicators = commands.add_parser("indicators", help="druk de indicatorencatalogus af")
    indicators.add_argument("--format", choices=["csv", "json"], default="csv")
    indicators.add_argument("--all", action="store_true", help="ook vervallen en voorgestelde indicatoren")
    indicators.set_defaults(handler=_cmd_indicators)
    importer = commands.add_parser(
        "import", help="importeer een levering of open-databestand (CSV/XLSX); alles of niets"
    )
    importer.add_argument("file", help="het bestand (sjabloon, brede tabel, StatLine-export)")
    importer.add_argument("--indicator", help="indicatorcode, voor brede tabellen en StatLine-bestanden met labels")
    importer.add_argument(
        "--onderwerp",
        action="append",
        metavar="ONDERWERP=CODE",
        help="StatLine-bestand met labels: koppel een onderwerp aan een indicator (herhaalbaar)",
    )
    importer.add_argument("--supplier", help="leverancier (anders afgeleid uit de indicatoren of de bron)")
    importer.add_argument("--jaar", type=int, help="jaar, voor bestanden zonder periodekolom")
    importer.add_argument(
        "--aggregate",
        choices=[AGGREGATE_MUNICIPALITY],
        help="CBS Kerncijfers wijken en buurten: het aantal inwoners per gemeente optellen uit de buurten",
    )
    importer.add_argument("--dry-run", action="store_true", help="alleen controleren en tonen wat er zou veranderen")
    importer.add_argument("--replace", action="store_true", help="afwijkende waarden vervangen (anders behouden)")
    _former_option(importer)
    importer.add_argument("--user", default=os.environ.get("USER", "systeem"), help=argparse.SUPPRESS)
    importer.set_defaults(handler=_cmd_import)
    deliveries = commands.add_parser("deliveries", help="toon de leveringen (nummer, datum, leverancier, bestand)")
    deliveries.set_defaults(handler=_cmd_deliveries)
    rollback = commands.add_parser(
        "rollback", help="draai levering N terug: haal haar waarden weg en zet vervangen waarden terug"
    )
    rollback.add_argument("delivery", type=int, metavar="N", help="het leveringsnummer (zie 'deliveries')")
    rollback.add_argument("--user", default=os.environ.get("USER", "systeem"), help=argparse.SUPPRESS)
    rollback.set_defaults(handler=_cmd_rollback)
    fetch = commands.add_parser("fetch", help="haal een StatLine-tabel live op (cbsodata) en importeer die")
    fetch.add_argument("table", help="tabel-id, bijv. 83648NED")
    fetch.add_argument("--filters", help="OData-filter, bijv. \"RegioS eq 'GM0748'\"")
    fetch.add_argument("--select", nargs="*", help="kolommen om op te halen")
    fetch.add_argument("--politie", action="store_true", help="politietabel (catalogus dataderden.cbs.nl)")
    fetch.add_argument("--indicator")
    fetch.add_argument(
        "--aggregate", choices=[AGGREGATE_MUNICIPALITY], help="inwoners per gemeente optellen uit de buurten"
    )
    fetch.add_argument("--dry-run", action="store_true")
    fetch.add_argument("--replace", action="store_true")
    _former_option(fetch)
    fetch.add_argument("--user", default=os.environ.get("USER", "systeem"), help=argparse.SUPPRESS)
    fetch.set_defaults(handler=_cmd_fetch, supplier=None, jaar=None)
    session_parser = commands.add_parser("session", help="dialoogsessies")
    session_commands = session_parser.add_subparsers(dest="session_command", required=True)
    create = session_commands.add_parser("create", help="maak een dialoogsessie (drukt het id af)")
    create.add_argument("--name", required=True)
    create.add_argument("--date", required=True, help="JJJJ-MM-DD")
    create.add_argument("--kind", choices=["ambtelijk", "bestuurlijk"], default="ambtelijk")
    create.add_argument("--seats", type=int, default=10, help="plaatsen per tafel")
    create.set_defaults(handler=_cmd_session_create)
    participants = commands.add_parser("participants", help="genodigden")
    participant_commands = participants.add_subparsers(dest="participants_command", required=True)
    participant_import = participant_commands.add_parser("import", help="importeer een uitnodigingslijst")
    participant_import.add_argument("file")
    participant_import.add_argument("--session", type=int, required=True)
    participant_import.set_defaults(handler=_cmd_participants_import)
    assign = commands.add_parser("assign", help="deel een ronde in (ronde 1: solver; ronde 2: aanvullen)")
    assign.add_argument("--session", type=int, required=True)
    assign.add_argument("--round", type=int, required=True, choices=[1, 2])
    assign.add_argument("--out", help="CSV-bestand (anders naar de standaarduitvoer)")
    assign.add_argument("--time-limit", type=float, help=argparse.SUPPRESS)  # round 2: grows with the people
    assign.set_defaults(handler=_cmd_assign)
    notes = commands.add_parser("notes", help="notities en acties van een sessie exporteren")
    notes.add_argument("--session", type=int, required=True)
    notes.add_argument("--format", choices=["csv", "json"], default="csv")
    notes.set_defaults(handler=_cmd_notes)
    report = commands.add_parser(
        "report", help="duidingsverslag (docx, pdf, md) of actielijst (xlsx, csv) van een sessie"
    )
    report.add_argument("--session", type=int, required=True)
    report.add_argument("--format", choices=REPORT_FORMATS, default="docx")
    report.add_argument("--out", required=True)
    report.add_argument("--municipality", help="alleen het hoofdstuk van deze gemeente (CBS-code)")
    report.add_argument("--names", action="store_true", help="namen van de aanwezigen opnemen")
    report.set_defaults(handler=_cmd_report)
    handout = commands.add_parser("handout", help="handout voor de bestuurlijke dialoog (per thema, 1-2 pagina's)")
    handout.add_argument("--session", type=int, required=True, help="de ambtelijke sessie waar de handout uit put")
    handout.add_argument("--theme", help="themacode, bijv. VB (anders alle thema's, elk op een eigen pagina)")
    handout.add_argument("--format", choices=["docx", "pdf"], default="docx")
    handout.add_argument("--out", required=True)
    handout.set_defaults(handler=_cmd_handout)
    user = commands.add_parser("user", help="accounts")
    user_commands = user.add_subparsers(dest="user_command", required=True)
    user_add = user_commands.add_parser("add", help="een account aanmaken (het wachtwoord wordt gevraagd)")
    user_add.add_argument("--username", required=True)
    user_add.add_argument("--name", help="naam zoals die in de app verschijnt")
    user_add.add_argument("--email", help="e-mailadres voor inloggen via de organisatie (OIDC)")
    user_add.add_argument(
        "--role", action="append", default=[], choices=[str(r) for r in Role], help="rol (herhaalbaar), bijv. beheerder"
    )
    user_add.add_argument("--municipality", action="append", default=[], help="gemeentecode (beleidsmedewerker)")
    user_add.add_argument("--password-stdin", action="store_true", help="lees het wachtwoord van stdin")
    user_add.add_argument("--no-password", action="store_true", help="alleen inloggen via de organisatie (OIDC)")
    user_add.set_defaults(handler=_cmd_user_add)
    backup = commands.add_parser(
        "backup",
        help="backup maken: BESTAND.zip (draagbaar, ook naar PostgreSQL) of "
        "BESTAND.sqlite (kopie van een draaiende SQLite-database)",
    )
    backup.add_argument("file")
    backup.set_defaults(handler=_cmd_backup)
    restore = commands.add_parser("restore", help="backup terugzetten in de database van DATABASE_URL (alles of niets)")
    restore.add_argument("file", help="een .zip- of .sqlite-backup")
    restore.add_argument("--replace", action="store_true", help="bestaande gegevens eerst wissen")
    restore.set_defaults(handler=_cmd_restore)
    privacy = commands.add_parser("privacy", help="namen pseudonimiseren in sessies met een verstreken bewaartermijn")
    privacy.set_defaults(handler=_cmd_privacy)
    values = commands.add_parser("values", help="druk de opgeslagen waarden van een indicator af")
    values.add_argument("--indicator", required=True)
    values.add_argument("--area", help="CBS-code van een gebied, bijv. GM0748")
    values.add_argument("--per-10k", action="store_true", help="per 10.000 inwoners (of per 1.000 jongeren)")
    values.add_argument("--format", choices=["csv", "json"], default="csv")
    values.set_defaults(handler=_cmd_values)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except UserError as refused:  # refused input or state: the Dutch message, nothing half-done
        print(str(refused), file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
