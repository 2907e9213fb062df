"""The command line: `python -m dashboard COMMAND`. Every command uses the store in $DASHBOARD_DB."""

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from dashboard import reference


class UsageError(Exception):
    """A command-line value the user has to correct."""


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", action="append", default=[], metavar="R", help="region name, repeatable")
    parser.add_argument("--theme", action="append", default=[], metavar="T", help="theme id, repeatable")
    parser.add_argument("--from", dest="date_from", type=_date, metavar="DATE", help="first date, YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help="last date, YYYY-MM-DD")
    parser.add_argument("--type", action="append", default=[], metavar="TYPE", help="event type, repeatable")
    parser.add_argument("--no-demo", action="store_true", help="leave out synthetic demo events")


def add_language_argument(parser: argparse.ArgumentParser, what: str) -> None:
    from dashboard.i18n import DEFAULT, LANGUAGES

    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT, help=f"{what}: {', '.join(LANGUAGES)}")


def filters_from_args(args: argparse.Namespace):
    from dashboard.filters import Filters

    regions = []
    for name in args.region:
        region = reference.region_by_name(name)
        if region is None:
            raise UsageError(f"unknown region {name!r}; known: {', '.join(reference.region_names())}")
        regions.append(region.name)
    for theme in args.theme:
        if theme not in reference.theme_ids():
            raise UsageError(f"unknown theme {theme!r}; known: {', '.join(reference.theme_ids())}")
    for kind in args.type:
        if kind not in reference.event_type_labels():
            raise UsageError(f"unknown event type {kind!r}; known: {', '.join(reference.event_type_labels())}")
    return Filters(
        regions=tuple(regions),
        themes=tuple(args.theme),
        date_from=args.date_from,
        date_to=args.date_to,
        event_types=tuple(args.type),
        include_demo=not args.no_demo,
    )


def cmd_parse(args: argparse.Namespace) -> int:
    from dashboard.classifier import theme_ids_of
    from dashboard.ingest import read_records
    from dashboard.report_parser import ReportError

    path = Path(args.file)
    try:
        records = read_records(path)
    except ReportError as error:
        print(f"error: {path}: {error}", file=sys.stderr)
        return 1
    documents = [parsed_json(record, theme_ids_of) for record in records]
    output = documents[0] if len(documents) == 1 else documents
    print(json.dumps(output, ensure_ascii=False, indent=None if args.json else 2))
    return 0


def parsed_json(record, theme_ids_of) -> dict:
    return {
        "title": record.title,
        "date": record.date.isoformat() if record.date else None,
        "region": record.region,
        "city": record.city,
        "venue": record.venue,
        "moderator": record.moderator,
        "participants_total": record.participants_total,
        "participants_women": record.participants_women,
        "participants_men": record.participants_men,
        "proposals": [{"text": text, "themes": theme_ids_of(text)} for text in record.proposals],
        "language": record.language,
        "topic": record.topic,
        "event_type": record.event_type,
        "organiser": record.organiser,
        "purpose": record.purpose,
        "participant_categories": record.participant_categories,
        "speakers": [{"name": speaker.name, "role": speaker.role} for speaker in record.speakers],
        "presentations": record.presentations,
    }


def cmd_classify(args: argparse.Namespace) -> int:
    from dashboard.classifier import classify

    def render(text: str) -> str:
        labels = classify(text)
        if args.explain:
            return json.dumps(
                [{"theme": label.theme_id, "score": label.score, "evidence": label.evidence} for label in labels],
                ensure_ascii=False,
            )
        return json.dumps([label.theme_id for label in labels])

    if args.jsonl:
        path = Path(args.jsonl)
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"{path}: cannot read ({type(error).__name__})") from None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                text = json.loads(line)["text"]
                if not isinstance(text, str):
                    raise TypeError
            except (json.JSONDecodeError, KeyError, TypeError):
                raise UsageError(f'{path}: line {number}: expected a JSON object with a "text" string') from None
            print(render(text))
        return 0
    if args.text is None:
        raise UsageError("give a TEXT to classify, or --jsonl FILE")
    print(render(args.text))
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    import duckdb
    from tqdm import tqdm

    from dashboard import inbox
    from dashboard.config import database_path
    from dashboard.ingest import expand

    files = expand(Path(path) for path in args.paths)
    with tqdm(total=len(files), unit="file", file=sys.stderr, disable=len(files) < 2 or args.quiet) as bar:

        def show(result) -> None:
            if result.failed:
                bar.write(f"error: {result.describe()}", file=sys.stderr)
            elif not args.quiet and len(files) < 2:
                bar.write(result.describe(), file=sys.stderr)
            bar.update()

        def handover() -> None:
            bar.write("the store is open in the running app: handing the files to it", file=sys.stderr)

        try:
            summary = inbox.ingest_beside_app(database_path(), files, show, handover)
        except inbox.InboxTimeout as timeout:
            raise UsageError(str(timeout)) from None
        except duckdb.IOException as error:
            raise UsageError(f"cannot open the store {database_path()}: {str(error).splitlines()[0]}") from None
    print(summary.describe())
    return 1 if summary.failed else 0


def cmd_stats(args: argparse.Namespace) -> int:
    from dashboard.stats import summary
    from dashboard.store import connect

    filters = filters_from_args(args)
    con = connect()
    result = summary(con, filters)
    con.close()
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    import time

    from dashboard.demo_data import DemoError, add_demo_events
    from dashboard.store import connect

    if args.events < 1:
        raise UsageError("--events must be at least 1")
    started = time.perf_counter()
    con = connect()
    try:
        added = add_demo_events(con, args.events, args.seed)
    except DemoError as error:
        raise UsageError(str(error)) from None
    finally:
        con.close()
    elapsed = time.perf_counter() - started
    print(f"added {added['events']} demo events, {added['proposals']} proposals in {elapsed:.1f} s")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from dashboard import i18n
    from dashboard.table_import import write_template

    path = Path(args.out)
    try:
        with i18n.using(args.lang):
            write_template(path)
    except ValueError as error:
        raise UsageError(str(error)) from None
    print(f"wrote {path}")
    return 0


def cmd_hash_password(args: argparse.Namespace) -> int:
    import getpass

    from dashboard.auth import ENV_VARIABLE, hash_password

    password = sys.stdin.readline().rstrip("\n") if args.stdin else getpass.getpass("Editor password: ")
    if len(password) < 8:
        raise UsageError("use a password of at least 8 characters")
    print(hash_password(password))
    print(f"put this hash in {ENV_VARIABLE} or in .streamlit/secrets.toml under [auth] password_hash", file=sys.stderr)
    return 0


def _min_count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if count < 2:
        raise argparse.ArgumentTypeError("must be at least 2 (1 would suppress nothing)")
    return count


def cmd_brief(args: argparse.Namespace) -> int:
    from dashboard import i18n
    from dashboard.store import connect

    filters = filters_from_args(args)
    if args.fact_sheet and args.event is None and len(filters.regions) != 1:
        raise UsageError("--fact-sheet needs one --region R or an --event ID")
    pptx = args.format == "pptx"
    con = connect()
    try:
        with i18n.using(args.lang):
            content = _brief_content(con, args, filters, pptx)
    finally:
        con.close()
    path = Path(args.out)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    print(f"wrote {path}")
    return 0


def _brief_content(con, args: argparse.Namespace, filters, pptx: bool) -> bytes | str:
    from dashboard import briefing, briefing_html, briefing_pptx

    if args.event is not None:
        try:
            sheet = briefing.event_sheet(con, args.event, args.min_count)
        except LookupError as error:
            raise UsageError(str(error)) from None
        return briefing_pptx.event_sheet_pptx(sheet) if pptx else briefing_html.event_sheet_html(sheet)
    content = briefing.build(con, filters, args.min_count)
    if args.fact_sheet:
        return briefing_pptx.region_sheet_pptx(content) if pptx else briefing_html.region_sheet_html(content)
    return briefing_pptx.briefing_pptx(content) if pptx else briefing_html.briefing_html(content)


def cmd_export(args: argparse.Namespace) -> int:
    from dashboard import i18n
    from dashboard.exports import export
    from dashboard.store import connect

    filters = filters_from_args(args)
    con = connect()
    try:
        with i18n.using(args.lang):
            written = export(con, filters, args.format, Path(args.out), args.min_count)
    except OSError as error:
        raise UsageError(f"{args.out}: cannot write ({error.strerror or type(error).__name__})") from None
    finally:
        con.close()
    print("wrote " + ", ".join(str(path) for path in written))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from dashboard.backup import BackupError, backup
    from dashboard.store import connect

    con = connect()
    try:
        manifest = backup(con, Path(args.out))
    except BackupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        con.close()
    rows = sum(entry["rows"] for entry in manifest["tables"].values())
    print(f"wrote {len(manifest['tables'])} tables, {rows} rows to {args.out}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from dashboard.backup import BackupError, restore
    from dashboard.config import database_path

    target = database_path()
    try:
        counts = restore(Path(args.folder), target)
    except BackupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"restored {counts['events']} events, {counts['proposals']} proposals into {target}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from dashboard import bench

    if args.events < 100 or args.runs < 1 or args.files < 1:
        raise UsageError("--events must be at least 100, --runs and --files at least 1")
    result = bench.run(
        args.events, args.runs, args.files, progress=lambda step: print(f"bench: {step}", file=sys.stderr)
    )
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else bench.markdown(result))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Dialogue Outcomes Dashboard. The store is $DASHBOARD_DB (default data/dialogue.duckdb).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parse = commands.add_parser("parse", help="parse one report and print what it states (stores nothing)")
    parse.add_argument("file")
    parse.add_argument("--json", action="store_true", help="one compact JSON object")
    parse.set_defaults(run=cmd_parse)

    classify = commands.add_parser("classify", help="print the themes of a proposal as a JSON list")
    classify.add_argument("text", nargs="?")
    classify.add_argument("--jsonl", metavar="FILE", help='lines of {"text": ...}; one JSON list per line')
    classify.add_argument("--explain", action="store_true", help="include scores and matched terms")
    classify.set_defaults(run=cmd_classify)

    ingest = commands.add_parser("ingest", help="store reports (.txt .md .docx) and tables (.csv .xlsx)")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    ingest.add_argument("--quiet", action="store_true", help="only errors and the summary")
    ingest.set_defaults(run=cmd_ingest)

    stats = commands.add_parser("stats", help="headline figures of the store under filters")
    add_filter_arguments(stats)
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(run=cmd_stats)

    demo = commands.add_parser("demo", help="add synthetic demo events, flagged as demo")
    demo.add_argument("--events", type=int, default=300)
    demo.add_argument("--seed", type=int, default=42)
    demo.set_defaults(run=cmd_demo)

    template = commands.add_parser("template", help="write the CSV/XLSX import template")
    template.add_argument("--out", required=True, metavar="FILE", help="a .csv or .xlsx path")
    add_language_argument(template, "the language of the XLSX column descriptions (column names stay as imported)")
    template.set_defaults(run=cmd_template)

    hash_password = commands.add_parser("hash-password", help="print a bcrypt hash of the editors' password")
    hash_password.add_argument("--stdin", action="store_true", help="read the password from standard input")
    hash_password.set_defaults(run=cmd_hash_password)

    brief = commands.add_parser("brief", help="write a briefing pack or fact sheet (.pptx or offline .html)")
    brief.add_argument("--format", choices=("pptx", "html"), required=True)
    brief.add_argument("--out", required=True, metavar="FILE")
    add_filter_arguments(brief)
    brief.add_argument("--fact-sheet", action="store_true", help="one page for the one --region given")
    brief.add_argument("--event", type=int, metavar="ID", help="a one-page fact sheet for this event")
    brief.add_argument("--min-count", type=_min_count, metavar="K", help="suppress counts below K (privacy)")
    add_language_argument(brief, "the language of the document")
    brief.set_defaults(run=cmd_brief)

    export = commands.add_parser("export", help="export the filtered tables (csv zip, xlsx, parquet folder)")
    export.add_argument("--format", choices=("csv", "xlsx", "parquet"), required=True)
    export.add_argument("--out", required=True, metavar="PATH", help="a file (csv, xlsx) or a folder (parquet)")
    add_filter_arguments(export)
    export.add_argument("--min-count", type=_min_count, metavar="K", help="suppress counts below K (privacy)")
    add_language_argument(export, "the language of sheet names and column headers (Parquet keeps the ids)")
    export.set_defaults(run=cmd_export)
    backup = commands.add_parser("backup", help="write every table as Parquet plus a manifest")
    backup.add_argument("--out", required=True, metavar="DIR", help="a new or empty folder")
    backup.set_defaults(run=cmd_backup)

    restore = commands.add_parser("restore", help="replace the store with a backup written by `backup`")
    restore.add_argument("folder", metavar="DIR")
    restore.set_defaults(run=cmd_restore)

    bench = commands.add_parser("bench", help="measure pages, search, app start, ingest and demo against targets")
    bench.add_argument("--events", type=int, default=100_000, help="events in the large demo store")
    bench.add_argument("--runs", type=int, default=5, help="runs per measure (median and range)")
    bench.add_argument("--files", type=int, default=500, help="generated report files for the ingest measure")
    bench.add_argument("--json", action="store_true", help="the figures as JSON instead of tables")
    bench.set_defaults(run=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
