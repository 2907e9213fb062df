"""The command line: `python -m dashboard COMMAND`. Every command uses the store in $DASHBOARD_DB."""

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from dashboard import access
from dashboard.access import StoreBusy


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
    parser.add_argument(
        "--status", action="append", default=[], metavar="S", help="follow-up status of proposals, repeatable"
    )


def add_language_argument(parser: argparse.ArgumentParser, what: str) -> None:
    from dashboard.i18n import DEFAULT, LANGUAGES

    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT, help=f"{what}: {', '.join(LANGUAGES)}")


def filters_from_args(args: argparse.Namespace):
    from dashboard.filters import FilterError, checked

    try:
        parsed = checked(
            regions=args.region,
            themes=args.theme,
            event_types=args.type,
            statuses=args.status,
            date_from=args.date_from,
            date_to=args.date_to,
            include_demo=not args.no_demo,
            strict=True,
        )
    except FilterError as error:
        raise UsageError(str(error)) from None
    return parsed.filters


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
        "title": record.title if record.headline else None,
        "date": record.date.isoformat() if record.date else None,
        "region": record.region,
        "city": record.city,
        "venue": record.venue,
        "moderator": record.moderator,
        "participants_total": record.participants_total,
        "participants_women": record.participants_women,
        "participants_men": record.participants_men,
        "proposals": [
            {"text": text, "themes": theme_ids_of(text), "span": list(span) if span else None}
            for text, span in zip(
                record.proposals,
                [*record.proposal_spans, *[None] * (len(record.proposals) - len(record.proposal_spans))],
                strict=True,
            )
        ],
        "language": record.language,
        "topic": record.topic,
        "event_type": record.event_type,
        "organiser": record.organiser,
        "purpose": record.purpose,
        "participant_categories": record.participant_categories,
        "speakers": [{"name": speaker.name, "role": speaker.role} for speaker in record.speakers],
        "presentations": record.presentations,
        "warnings": record.warnings,
    }


def cmd_classify(args: argparse.Namespace) -> int:
    from dashboard.classifier import classify

    def render(text: str) -> str:
        labels = classify(text)
        if args.explain:
            return json.dumps(
                [
                    {
                        "theme": label.theme_id,
                        "score": label.score,
                        "evidence": label.evidence,
                        "confidence": label.confidence,
                    }
                    for label in labels
                ],
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


def cmd_train(args: argparse.Namespace) -> int:
    import duckdb

    from dashboard.classifier import reload_model, training
    from dashboard.config import database_path
    from dashboard.store import connect

    corpus = Path(args.corpus) if args.corpus else training.DEFAULT_CORPUS
    proposals = corpus / "proposals.jsonl"
    if args.corpus and not proposals.is_file():
        raise UsageError(f"{corpus}: no proposals.jsonl there")
    try:
        corpus_items = training.read_proposals(proposals) if proposals.is_file() else []
    except training.TrainingDataError as error:
        raise UsageError(str(error)) from None
    manual: list[dict] = []
    if database_path().exists():
        try:
            con = connect(read_only=True)
        except duckdb.Error as error:
            raise UsageError(f"cannot open the store {database_path()}: {str(error).splitlines()[0]}") from None
        manual = training.manual_examples(con)
        con.close()
    # A reviewer's label of a text replaces the corpus's label of the same text.
    corrected = {training.text_key(example["text"]) for example in manual}
    corpus_items = [item for item in corpus_items if training.text_key(item["text"]) not in corrected]
    if not corpus_items and not manual:
        raise UsageError(f"nothing to learn from: no {proposals} and no manual labels in {database_path()}")
    model = training.train(corpus_items + manual, {"corpus": len(corpus_items), "manual": len(manual)})
    model.save()
    reload_model()
    where = f"{len(corpus_items)} from {proposals}" if corpus_items else "none from a corpus"
    print(f"trained on {len(corpus_items) + len(manual)} examples: {where}, {len(manual)} manual labels from the store")
    if args.relabel:
        try:
            con = connect()
        except duckdb.Error as error:
            raise UsageError(f"cannot open the store {database_path()}: {str(error).splitlines()[0]}") from None
        count = training.relabel(con)
        con.close()
        print(f"relabelled {count} proposals in {database_path()}; manual labels kept")
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

        def progress(done: int, total: int) -> None:
            bar.set_postfix_str(f"the app has read {done} of {total}")

        try:
            summary = inbox.ingest_beside_app(database_path(), files, show, handover, progress)
        except (inbox.InboxTimeout, inbox.InboxError) as error:
            raise UsageError(str(error)) from None
        except duckdb.IOException as error:
            raise UsageError(f"cannot open the store {database_path()}: {str(error).splitlines()[0]}") from None
    print(summary.describe())
    return 1 if summary.failed else 0


def cmd_stats(args: argparse.Namespace) -> int:
    from dashboard.stats import summary

    filters = filters_from_args(args)
    with access.reading() as con:
        result = summary(con, filters)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    import time

    from dashboard.demo_data import DemoError, add_demo_events

    if args.events < 1:
        raise UsageError("--events must be at least 1")
    started = time.perf_counter()
    with access.writing(what_to_do="stop the app, add the demo events, then start it again") as con:
        try:
            added = add_demo_events(con, args.events, args.seed)
        except DemoError as error:
            raise UsageError(str(error)) from None
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


def _json_value(value):
    return value.isoformat() if isinstance(value, date) else value


def cmd_proposals(args: argparse.Namespace) -> int:
    from dashboard.sql import records

    filters = filters_from_args(args)
    with access.reading() as con:
        rows = records(con, "outcomes/proposals_list", filters.params())
    listed = [{key: _json_value(value) for key, value in row.items()} for row in rows]
    if args.json:
        print(json.dumps(listed, ensure_ascii=False))
    else:
        for row in listed:
            print(f"{row['id']}\t{row['date']}\t{row['region']}\t{row['status']}\t{row['text']}")
    return 0


def cmd_outcomes_template(args: argparse.Namespace) -> int:
    from dashboard.outcomes import OutcomeError, write_template

    path = Path(args.out)
    try:
        write_template(path)
    except OutcomeError as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"{path}: cannot write ({error.strerror or type(error).__name__})") from None
    print(f"wrote {path}")
    return 0


def cmd_outcomes_import(args: argparse.Namespace) -> int:
    from dashboard.audit import cli_user
    from dashboard.outcomes import OutcomeError, import_updates

    with access.writing(what_to_do="stop the app, import the updates, then start it again") as con:
        try:
            result = import_updates(con, Path(args.file), cli_user())
        except OutcomeError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    print(result.describe())
    return 0


def cmd_recurring(args: argparse.Namespace) -> int:
    from dashboard import recurring

    if args.min_events < 1:
        raise UsageError("--min-events must be at least 1")
    filters = filters_from_args(args)
    with access.reading() as con:
        groups = recurring.groups(con, filters, args.min_events)
    listed = [{key: _json_value(value) for key, value in group.items()} for group in groups]
    if args.json:
        print(json.dumps(listed, ensure_ascii=False))
    else:
        for group in listed:
            print(
                f"{group['size']} proposals at {group['events']} events, {group['first_date']} to "
                f"{group['last_date']}: {group['label']}"
            )
    return 0


def cmd_hash_password(args: argparse.Namespace) -> int:
    import getpass

    from dashboard.auth import ENV_VARIABLE, PasswordTooLong, hash_password

    password = sys.stdin.readline().rstrip("\n") if args.stdin else getpass.getpass("Editor password: ")
    if len(password) < 8:
        raise UsageError("use a password of at least 8 characters")
    try:
        print(hash_password(password))
    except PasswordTooLong as error:
        raise UsageError(str(error)) from None
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

    filters = filters_from_args(args)
    if args.fact_sheet and args.event is None and len(filters.regions) != 1:
        raise UsageError("--fact-sheet needs one --region R or an --event ID")
    pptx = args.format == "pptx"
    with access.reading() as con, i18n.using(args.lang):
        content = _brief_content(con, args, filters, pptx)
    path = Path(args.out)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    print(f"wrote {path}")
    return 0


def _brief_content(con, args: argparse.Namespace, filters, pptx: bool) -> bytes | str:
    from dashboard import briefing
    from dashboard.briefing import html_page as briefing_html
    from dashboard.briefing import pptx_deck as briefing_pptx

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

    filters = filters_from_args(args)
    with access.reading() as con, i18n.using(args.lang):
        try:
            written = export(con, filters, args.format, Path(args.out), args.min_count)
        except OSError as error:
            raise UsageError(f"{args.out}: cannot write ({error.strerror or type(error).__name__})") from None
    print("wrote " + ", ".join(str(path) for path in written))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from dashboard.backup import BackupError

    try:
        manifest = access.snapshot(Path(args.out))
    except BackupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
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


FLOORS = ("stated", "null", "recall", "precision", "f1")


def _floors(value: str) -> dict[str, float]:
    floors = {}
    for part in value.split(","):
        name, _, number = part.partition("=")
        name = name.strip()
        if name not in FLOORS:
            raise argparse.ArgumentTypeError(f"unknown floor {name!r}; known: {', '.join(FLOORS)}")
        try:
            floors[name] = float(number)
        except ValueError:
            raise argparse.ArgumentTypeError(f"floor {name} is not a number: {number!r}") from None
    return floors


def _share(value) -> str:
    return "  n/a" if value is None else f"{value:6.1%}"


def _report_lines(name: str, scores: dict) -> list[str]:
    proposals = scores["proposals"]
    return [
        f"{name}: {scores['files']} files, {scores['failed']} failed; "
        f"stated fields found {_share(scores['stated']['share'])} ({scores['stated']['found']}/"
        f"{scores['stated']['total']}); unstated kept null {_share(scores['null']['share'])} "
        f"({scores['null']['kept']}/{scores['null']['total']}); proposals recall {_share(proposals['recall'])} "
        f"({proposals['found']}/{proposals['gold']}), precision {_share(proposals['precision'])} "
        f"({proposals['correct']}/{proposals['extracted']})"
    ]


def render_evaluation(result: dict) -> str:
    lines = []
    reports = result.get("reports")
    if reports:
        lines.append("Reports")
        lines += _report_lines("  all", reports)
        for language, scores in reports["by_language"].items():
            lines += _report_lines(f"    {language}", scores)
        for part, split in reports.get("by_split", {}).items():
            lines += _report_lines(f"  {part}", split)
            for language, scores in split["by_language"].items():
                lines += _report_lines(f"    {language}", scores)
        lines.append("  per field (all)      found  stated   kept null  unstated")
        for name, row in reports["by_field"].items():
            lines.append(
                f"    {name:<20} {_share(row['share'])} {row['stated']:>6}   "
                f"{_share(row['null_share'])} {row['unstated']:>8}"
            )
        for failure in reports["failures"]:
            lines.append(f"  failed: {failure['file']}: {failure['error']}")
    themes = result.get("themes")
    if themes:
        micro = themes["micro"]
        how = f"{themes['folds']}-fold cross-validated" if themes.get("cross_validated") else "not cross-validated"
        lines.append(f"Themes ({themes['items']} proposals, {how})")
        lines.append(f"  micro F1 {micro['f1']:.3f} (precision {micro['precision']:.3f}, recall {micro['recall']:.3f})")
        for language, scores in themes["by_language"].items():
            lines.append(f"    {language}: micro F1 {scores['micro']['f1']:.3f} ({scores['items']} proposals)")
        for theme, row in themes["by_theme"].items():
            lines.append(
                f"    {theme:<24} F1 {row['f1']:.3f}  P {row['precision']:.3f}  "
                f"R {row['recall']:.3f}  n={row['support']}"
            )
    return "\n".join(lines)


def missed_floors(result: dict, floors: dict[str, float]) -> list[str]:
    """Each floor the result is under, as 'name value < floor'."""
    reports, themes = result.get("reports") or {}, result.get("themes") or {}
    actual = {
        "stated": reports.get("stated", {}).get("share"),
        "null": reports.get("null", {}).get("share"),
        "recall": reports.get("proposals", {}).get("recall"),
        "precision": reports.get("proposals", {}).get("precision"),
        "f1": themes.get("micro", {}).get("f1"),
    }
    missed = []
    for name, floor in floors.items():
        value = actual[name]
        if value is None or value < floor:
            shown = "not measured" if value is None else f"{value:.4f}"
            missed.append(f"{name} {shown} < {floor}")
    return missed


def cmd_evaluate(args: argparse.Namespace) -> int:
    from dashboard.evaluation.reports import EvaluationError, evaluate_reports, read_split

    if not args.reports and not args.proposals:
        raise UsageError("give --reports DIR and/or --proposals FILE.jsonl")
    if "f1" in args.fail_under and not args.proposals:
        raise UsageError("the f1 floor needs --proposals FILE.jsonl")
    result: dict = {}
    try:
        held_back = read_split(Path(args.split)) if args.split else None
        if args.reports:
            result["reports"] = evaluate_reports(Path(args.reports), held_back)
    except EvaluationError as error:
        raise UsageError(str(error)) from None
    if args.proposals:
        from dashboard.classifier import training
        from dashboard.evaluation.themes import evaluate_themes

        try:
            items = training.read_proposals(Path(args.proposals))
        except training.TrainingDataError as error:
            raise UsageError(str(error)) from None
        result["themes"] = evaluate_themes(items, args.folds)
        if held_back is not None:
            result["themes"]["by_split"] = {
                part: evaluate_themes(chosen, args.folds)
                for part, chosen in (
                    ("development", [item for item in items if item.get("source") not in held_back]),
                    ("held_back", [item for item in items if item.get("source") in held_back]),
                )
                if chosen
            }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, default=str))
    else:
        print(render_evaluation(result))
    missed = missed_floors(result, args.fail_under)
    for line in missed:
        print(f"evaluate: below the floor: {line}", file=sys.stderr)
    return 1 if missed else 0


def cmd_bench(args: argparse.Namespace) -> int:
    from dashboard import bench

    if args.events < 100 or min(args.runs, args.files, args.sessions, args.load_files) < 1:
        raise UsageError("--events must be at least 100, --runs, --files, --sessions and --load-files at least 1")
    result = bench.run(
        args.events,
        args.runs,
        args.files,
        progress=lambda step: print(f"bench: {step}", file=sys.stderr),
        sessions=args.sessions,
        load_files=args.load_files,
        skip=tuple(args.skip),
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
    classify.add_argument("--explain", action="store_true", help="include scores, confidence and evidence")
    classify.set_defaults(run=cmd_classify)

    train = commands.add_parser("train", help="retrain the theme model from the corpus and the store's manual labels")
    train.add_argument(
        "--corpus", metavar="DIR", help="folder with proposals.jsonl (default ../shared/corpus when present)"
    )
    train.add_argument(
        "--relabel", action="store_true", help="then label the stored proposals afresh (reviewers' labels are kept)"
    )
    train.set_defaults(run=cmd_train)

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

    proposals = commands.add_parser("proposals", help="list proposals with their follow-up status")
    add_filter_arguments(proposals)
    proposals.add_argument("--json", action="store_true", help="one JSON list")
    proposals.set_defaults(run=cmd_proposals)

    outcomes = commands.add_parser("outcomes", help="record what became of proposals (status updates)")
    outcome_commands = outcomes.add_subparsers(dest="outcomes_command", required=True, metavar="ACTION")
    outcomes_template = outcome_commands.add_parser("template", help="write the status update table template")
    outcomes_template.add_argument("--out", required=True, metavar="FILE", help="a .csv or .xlsx path")
    outcomes_template.set_defaults(run=cmd_outcomes_template)
    outcomes_import = outcome_commands.add_parser("import", help="store a table of status updates, all or nothing")
    outcomes_import.add_argument("file", metavar="FILE", help="a .csv or .xlsx table in the template's columns")
    outcomes_import.set_defaults(run=cmd_outcomes_import)

    recurring = commands.add_parser("recurring", help="groups of proposals that ask for the same thing")
    add_filter_arguments(recurring)
    recurring.add_argument("--min-events", type=int, default=2, metavar="K", help="groups raised at K events or more")
    recurring.add_argument("--json", action="store_true", help="one JSON list, largest group first")
    recurring.set_defaults(run=cmd_recurring)

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

    evaluate = commands.add_parser("evaluate", help="score the parser and the classifier on labelled real text")
    evaluate.add_argument("--reports", metavar="DIR", help="*.txt reports, each with a sibling *.expected.json")
    evaluate.add_argument("--proposals", metavar="FILE", help='JSONL of {"text", "themes", "language", "source"}')
    evaluate.add_argument("--split", metavar="FILE", help="split.json: score its check_sources separately")
    evaluate.add_argument("--folds", type=int, metavar="K", help="cross-validate what is learned, K folds by source")
    evaluate.add_argument(
        "--fail-under",
        type=_floors,
        default={},
        metavar="FLOORS",
        help="e.g. stated=0.85,null=0.97,recall=0.75,precision=0.75,f1=0.80; exit 1 when one is missed",
    )
    evaluate.add_argument("--json", action="store_true", help="the scores as one JSON object")
    evaluate.set_defaults(run=cmd_evaluate)

    bench = commands.add_parser("bench", help="measure pages, search, app start, ingest and demo against targets")
    bench.add_argument("--events", type=int, default=100_000, help="events in the large demo store")
    bench.add_argument("--runs", type=int, default=5, help="runs per measure (median and range)")
    bench.add_argument("--files", type=int, default=500, help="generated report files for the ingest measure")
    bench.add_argument(
        "--sessions", type=int, default=20, help="simultaneous sessions in the load test (3 filter sets each)"
    )
    bench.add_argument(
        "--load-files", type=int, default=200, help="report files imported through the app during the load test"
    )
    bench.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["browser", "load"],
        help="leave out a part in quick runs: 'browser' (filter changes in Chromium), 'load' (the load test)",
    )
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
    except StoreBusy as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
