"""The `job-lsp` command: serve, check, format, schema. Each subcommand is a thin shell over
the core."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from .. import __version__
from ..names import did_you_mean, suggest
from ..messages import did_fr
from ..rules import is_french, rules_listing, rules_markdown

from .exits import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from .texts import environment_locale, say, text

def cmd_check(args: argparse.Namespace) -> int:
    from .check import check_paths, check_settings, report_github, report_json, report_sarif, report_statistics  # lazy: each subcommand loads only what it runs

    locale = args.locale or environment_locale()
    if not stdin_alone(args.paths, locale):
        return EXIT_USAGE
    settings = check_settings(args.config, args.isolated, args.select, args.ignore, args.severity, locale, args.locale is not None)
    if isinstance(settings, tuple):
        say(settings[0], locale, *settings[1:])
        return EXIT_USAGE
    workspace = azure_commands().WorkspaceCheck(args) if args.workspace else None
    report = check_paths(args.paths, only_azureml=args.only_azureml, stdin=sys.stdin.buffer, stdin_filename=args.stdin_filename, settings=settings, extra=workspace)
    for raw in report.missing:
        say("missing", report.locale or locale, raw)
    output_format = args.output_format or args.format
    if args.statistics:
        if report.diagnostics:
            print(report_statistics(report))
    elif output_format == "json":
        print(report_json(report))
    elif output_format == "sarif":
        print(report_sarif(report))
    elif output_format == "github":
        if report.diagnostics:
            print(report_github(report))
    else:
        for d in report.diagnostics:
            print(d.text())
    if output_format in ("text", "github") or args.statistics:
        print(report.summary(), file=sys.stderr)
    if report.missing:
        return EXIT_USAGE
    return EXIT_ERRORS if report.errors else EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    if args.markdown:
        sys.stdout.write(rules_markdown())
        return EXIT_OK
    locale = args.locale or environment_locale()
    listing = rules_listing(args.code, locale)
    if listing is None:
        say("unknown-code", locale, repr(args.code))
        return EXIT_USAGE
    print(listing.rstrip("\n"))
    return EXIT_OK


def azure_commands():  # noqa: ANN201 - the module job_lsp.cli.run
    """`run` and `check --workspace` (job_lsp.azure underneath)."""
    from . import run  # lazy: only `run` and `check --workspace` talk to the Azure CLI

    return run


def cmd_run(args: argparse.Namespace) -> int:
    return azure_commands().cmd_run(args)


def cmd_schema(args: argparse.Namespace) -> int:
    from .. import schemagen  # lazy: each subcommand loads only what it runs

    locale = args.locale or environment_locale()
    folder = Path(args.dir)
    if args.check and not folder.is_dir():
        # Outside the repository there is nothing to compare: every file would be "stale".
        say("no-schema-folder", locale, folder)
        return EXIT_USAGE
    if args.check:
        stale = schemagen.stale(folder)
        for name in stale:
            print(text("stale", locale, folder / name), file=sys.stderr)
        return EXIT_ERRORS if stale else EXIT_OK
    if args.write:
        written = schemagen.write(folder)
        print(text("schemas-written", locale, len(written), folder), file=sys.stderr)
        return EXIT_OK
    if args.type is not None and args.type not in schemagen.JOB_KINDS:
        hint = did_you_mean(suggest(args.type, schemagen.JOB_KINDS))
        hint = did_fr(hint) if is_french(locale) else hint
        say("unknown-type", locale, args.type, hint, ", ".join(schemagen.JOB_KINDS))
        return EXIT_USAGE
    files = schemagen.generate()
    name = schemagen.file_name(args.type) if args.type else schemagen.UMBRELLA
    sys.stdout.write(files[name])
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    # Few collections while the server's modules load: lsprotocol's ~570 classes make the
    # collector run many times for nothing (nearly all of it lives on). Measured (start-up,
    # idle RSS): default 435 ms, 50 MiB; this 408 ms, 48 MiB; off 392 ms, 57 MiB. The server
    # restores the default once it has answered `initialize` (lsp/server.py, settle_memory).
    gc.set_threshold(10_000, 10, 10)
    from ..lsp.server import main as serve  # lazy: lsprotocol takes ~0.3 s to import; check and format need none of it

    if args.tcp and ":" not in args.tcp:
        say("bad-tcp", args.locale or environment_locale())
        return EXIT_USAGE
    serve(args.tcp)
    return EXIT_OK


def cmd_format(args: argparse.Namespace) -> int:
    from .format import FormatOptions, project_format, run  # lazy: each subcommand loads only what it runs

    locale = args.locale or environment_locale()
    if args.indent is not None and not 2 <= args.indent <= 8:
        say("bad-indent", locale)
        return EXIT_USAGE
    if not stdin_alone(args.paths, locale):
        return EXIT_USAGE
    if args.config is not None and not Path(args.config).is_file():
        say("no-config", locale, args.config)
        return EXIT_USAGE
    # The command line's options win over the project's `[format]` table.
    named = [args.stdin_filename] if args.paths == ["-"] and args.stdin_filename else args.paths
    project, problems = project_format(named, args.config, args.isolated)
    for problem in problems:
        print(f"job-lsp: {problem.text()}", file=sys.stderr)
    options = FormatOptions(
        indent=args.indent if args.indent is not None else project.indent,
        reorder=not args.keep_order and project.reorder_keys,
        width=args.line_width if args.line_width is not None else project.line_width,
    )
    return run(args.paths, options, args.check, args.diff, only_azureml=args.only_azureml, stdin_filename=args.stdin_filename, locale=locale)


def stdin_alone(paths: list[str], locale: str | None = None) -> bool:
    """`-` (stdin) is the only path or not there; else say why not."""
    if "-" in paths and paths != ["-"]:
        say("stdin-mixed", locale)
        return False
    return True


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="job-lsp", description="Language server and tools for Azure ML job, component and schedule YAML files")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the language server (stdio by default)")
    serve.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default)")
    serve.add_argument("--tcp", metavar="HOST:PORT", help="listen on a TCP port instead")
    serve.add_argument("--locale", help="the language of messages: en or fr (default: LC_ALL/LC_MESSAGES/LANG)")
    serve.set_defaults(func=cmd_serve)

    check = sub.add_parser("check", help="validate job, component and schedule files (folders are searched for them)")
    check.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (their job, component and schedule files), or - for stdin")
    check.add_argument("--stdin-filename", metavar="PATH", help="with -: the name stdin is reported as, and whose folder its local paths (and its configuration) are relative to")
    check.add_argument("--format", choices=("text", "json", "sarif", "github"), default="text", help="sarif: SARIF 2.1.0, for GitHub code scanning; github: workflow annotations")
    # --only-jobs: the name from before components and schedules were checked, still accepted.
    check.add_argument("--only-azureml", "--only-jobs", dest="only_azureml", action="store_true", help="check files named too only when they are job, component or schedule files (as in folders); for pre-commit hooks")
    check.add_argument("--output-format", choices=("text", "json", "sarif", "github"), help="github: workflow annotations (::error file=...); the same as --format")
    check.add_argument("--statistics", action="store_true", help="print the number of diagnostics by code instead of the diagnostics")
    check.add_argument("--config", metavar="PATH", help="use this configuration file for every path (default: the nearest one above each file)")
    check.add_argument("--isolated", action="store_true", help="use no configuration file")
    check.add_argument("--select", action="append", metavar="CODES", help="report only these codes (comma-separated; `*` patterns, ALL); overrides the configuration")
    check.add_argument("--ignore", action="append", metavar="CODES", help="do not report these codes (comma-separated); overrides the configuration")
    check.add_argument("--severity", action="append", metavar="CODE=LEVEL", help="the level of a code: error, warning, information or hint (repeatable)")
    check.add_argument("--locale", help="the language of messages: en or fr (default: the configuration's, else LC_ALL/LC_MESSAGES/LANG)")
    check.add_argument("--workspace", action="store_true", help="also check the computes, environments, data, models and components named against the workspace, through a signed-in Azure CLI (warnings)")
    add_workspace_options(check)
    check.set_defaults(func=cmd_check)

    run = sub.add_parser("run", help="submit a job file to the workspace (az ml job create), refusing a file with errors; --stream follows its statuses")
    run.add_argument("file", metavar="FILE")
    run.add_argument("--stream", action="store_true", help="follow the job's statuses until it ends (exit 0 when it completes)")
    run.add_argument("--poll-seconds", type=float, default=5.0, help="seconds between two status checks (default 5)")
    add_workspace_options(run)
    run.set_defaults(func=cmd_run)

    rules = sub.add_parser("rules", help="list every code with its default severity, or explain one (job-lsp rules CODE)")
    rules.add_argument("code", nargs="?", metavar="CODE")
    rules.add_argument("--locale", help="en or fr (default: LC_ALL/LC_MESSAGES/LANG)")
    rules.add_argument("--markdown", action="store_true", help="print docs/rules.md (the page the editor links to)")
    rules.set_defaults(func=cmd_rules)

    fmt = sub.add_parser("format", help="format job, component and schedule files in place (the same layout as dump())")
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (their job, component and schedule files), or - for stdin to stdout")
    fmt.add_argument("--stdin-filename", metavar="PATH", help="with -: the name stdin is shown as (in --diff)")
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if any file would change")
    fmt.add_argument("--diff", action="store_true", help="change nothing; print a unified diff")
    fmt.add_argument("--indent", type=int, help="spaces per level (2 to 8; default: the configuration's format.indent, else 2)")
    fmt.add_argument("--keep-order", action="store_true", help="keep keys in the file's order instead of the canonical one")
    fmt.add_argument("--only-azureml", "--only-jobs", dest="only_azureml", action="store_true", help="format files named too only when they are job, component or schedule files (as in folders); for pre-commit hooks")
    fmt.add_argument("--line-width", type=int, help="where Job.dump wraps long text (existing text is never re-wrapped; default: the configuration's, else 100)")
    fmt.add_argument("--config", metavar="PATH", help="take format options from this configuration file (default: the one nearest the first path)")
    fmt.add_argument("--isolated", action="store_true", help="use no configuration file")
    fmt.add_argument("--locale", help="the language of messages: en or fr (default: LC_ALL/LC_MESSAGES/LANG)")
    fmt.set_defaults(func=cmd_format)

    schema = sub.add_parser("schema", help="print or write the JSON Schema files generated from the job model")
    schema.add_argument("--write", action="store_true", help="write every schema file into --dir")
    schema.add_argument("--check", action="store_true", help="exit 1 if the files in --dir differ from a fresh generation")
    schema.add_argument("--dir", default="schema", help="folder of the schema files (default: ./schema)")
    schema.add_argument("--type", help="print the schema of one job type (default: the umbrella schema)")
    schema.add_argument("--locale", help="the language of messages: en or fr (default: LC_ALL/LC_MESSAGES/LANG)")
    schema.set_defaults(func=cmd_schema)
    return parser


def add_workspace_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workspace-name", "-w", metavar="NAME", help="the Azure ML workspace (default: the `az configure` defaults, else a config.json above the file)")
    parser.add_argument("--resource-group", "-g", metavar="GROUP", help="its resource group")
    parser.add_argument("--subscription", metavar="ID", help="its subscription (default: the Azure CLI's current one)")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return args.func(args)
    except BrokenPipeError:  # `job-lsp format --diff | head`: the reader left; not an error
        sys.stderr.close()
        return EXIT_OK

