"""Command line: `veiligheidsdialoog init | demo | run | indicators`.

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
from indicators.db import database_url, make_engine, transaction
from sessions.demo import build_demo_database, initialise
from sessions.schema import has_catalogue

APP_SCRIPT = Path(__file__).resolve().parent / "app.py"


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
