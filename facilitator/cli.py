"""Command line: `veiligheidsdialoog init | demo | run | indicators | import | values`.

Every command honours DATABASE_URL; without it the SQLite file in the user's data
directory is used.
"""

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import make_url

from indicators.catalogue import CATALOGUE_COLUMNS, catalogue_frame
from indicators.db import database_url, make_engine, optimise_after_bulk_load, transaction
from indicators.importing.issues import ImportRejected
from indicators.importing.live_statline import POLITIE_CATALOG, fetch_as_file
from indicators.importing.pipeline import ImportRequest, run_import
from indicators.normalisation import indicator_values
from sessions.demo import build_demo_database, initialise
from sessions.schema import has_catalogue

APP_SCRIPT = Path(__file__).resolve().parent / "app.py"
LARGE_IMPORT_ROWS = 10_000  # refresh planner statistics after imports this large


def _cmd_init(_args: argparse.Namespace) -> int:
    engine = make_engine()
    counts = initialise(engine)
    print(f"Database klaar ({_safe_url()}): {counts.indicators} indicatoren in de catalogus.")
    return 0


def _cmd_demo(_args: argparse.Namespace) -> int:
    report = build_demo_database(make_engine())
    print(f"Demodatabase klaar ({_safe_url()}).")
    print(report.summary())
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    engine = make_engine()
    if not has_catalogue(engine):
        print("Nog geen database gevonden: de demodatabase wordt eerst gebouwd …", flush=True)
        print(build_demo_database(engine).summary(), flush=True)
    else:
        initialise(engine)  # upgrade the schema and catalogue of an existing database
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
        "viewer",
    ]
    env = os.environ | {"DATABASE_URL": database_url()}
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0


def _cmd_indicators(args: argparse.Namespace) -> int:
    with transaction(make_engine()) as session:
        frame = catalogue_frame(session=session, status=None if args.all else "actief")
    frame = frame[[*CATALOGUE_COLUMNS, "definition"]]
    if args.format == "json":
        print(frame.to_json(orient="records", force_ascii=False, indent=2))
    else:
        frame.to_csv(sys.stdout, index=False)
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"Bestand niet gevonden: {path}", file=sys.stderr)
        return 2
    return _import_bytes(path.read_bytes(), path.name, args)


def _import_bytes(data: bytes, file_name: str, args: argparse.Namespace) -> int:
    request = ImportRequest(
        data=data, file_name=file_name, supplier=args.supplier, indicator=args.indicator, year=args.jaar
    )
    engine = make_engine()
    try:
        with transaction(engine) as session:
            result = run_import(
                session=session,
                request=request,
                dry_run=args.dry_run,
                conflicts="replace" if args.replace else "keep",
                user=args.user,
            )
            if args.dry_run:
                session.rollback()
    except ImportRejected as rejected:
        print(f"Bestand afgewezen, er is niets opgeslagen.\n{rejected.summary(limit=50)}", file=sys.stderr)
        return 2
    print(result.summary())
    if result.delivery is not None and result.delivery.row_count >= LARGE_IMPORT_ROWS:
        optimise_after_bulk_load(engine)
    if result.plan is not None and result.plan.conflicts and not args.replace:
        print(
            f"{len(result.plan.conflicts)} waarden wijken af van wat er al stond en zijn behouden; "
            "gebruik --replace om ze te vervangen."
        )
    return 0


def _cmd_fetch(args: argparse.Namespace) -> int:
    try:
        data, name = fetch_as_file(args.table, filters=args.filters, select=args.select,
                                   catalog_url=POLITIE_CATALOG if args.politie else None)  # fmt: skip
    except Exception as error:  # network or service failure: say so, change nothing
        print(f"Ophalen van {args.table} bij StatLine mislukt: {error}", file=sys.stderr)
        return 2
    return _import_bytes(data, name, args)


def _cmd_values(args: argparse.Namespace) -> int:
    with transaction(make_engine()) as session:
        try:
            frame = indicator_values(
                session=session,
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
    importer.add_argument("--supplier", help="leverancier (anders afgeleid uit de indicatoren of de bron)")
    importer.add_argument("--jaar", type=int, help="jaar, voor bestanden zonder periodekolom")
    importer.add_argument("--dry-run", action="store_true", help="alleen controleren en tonen wat er zou veranderen")
    importer.add_argument("--replace", action="store_true", help="afwijkende waarden vervangen (anders behouden)")
    importer.add_argument("--user", default=os.environ.get("USER", "systeem"), help=argparse.SUPPRESS)
    importer.set_defaults(handler=_cmd_import)
    fetch = commands.add_parser("fetch", help="haal een StatLine-tabel live op (cbsodata) en importeer die")
    fetch.add_argument("table", help="tabel-id, bijv. 83648NED")
    fetch.add_argument("--filters", help="OData-filter, bijv. \"RegioS eq 'GM0748'\"")
    fetch.add_argument("--select", nargs="*", help="kolommen om op te halen")
    fetch.add_argument("--politie", action="store_true", help="politietabel (catalogus dataderden.cbs.nl)")
    fetch.add_argument("--indicator")
    fetch.add_argument("--dry-run", action="store_true")
    fetch.add_argument("--replace", action="store_true")
    fetch.add_argument("--user", default=os.environ.get("USER", "systeem"), help=argparse.SUPPRESS)
    fetch.set_defaults(handler=_cmd_fetch, supplier=None, jaar=None)
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
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
