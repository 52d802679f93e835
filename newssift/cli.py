"""The newssift command line. Errors are one line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import logging
import os
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, NoReturn

import typer

from newssift import __version__
from newssift.errors import NewssiftError
from newssift.ingest import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newssift.batch import BatchOptions
    from newssift.batch.output import Summary
    from newssift.ingest import RawPage
    from newssift.moderation import Comment, StreamMemo
    from newssift.report import Report

app = typer.Typer(
    name="newssift",
    help=(
        "Lateral reading and moderation of news pages.\n\n"
        "Give newssift a news page (a URL, an HTML or text file, or - for standard input) and it reports "
        "the article, the publisher's boilerplate and the reader comments with their thread, every finding "
        "a span of one unchanged text.\n\n"
        "Example:  newssift analyze page.html --format md --out report.md"
    ),
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    rich_markup_mode=None,
)


class Format(StrEnum):
    json = "json"
    md = "md"
    text = "text"


class ReportFormat(StrEnum):
    json = "json"
    md = "md"
    text = "text"
    html = "html"


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"newssift: error: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newssift {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """newssift: lateral reading and moderation of news pages."""


def _read_source(source: str, *, url: str | None, allow_private: bool, max_bytes: int) -> RawPage:
    """A page from stdin (-), a URL, or a path. Raises NewssiftError on bad input."""
    from newssift import ingest

    if source == "-":
        return ingest.read_stream(sys.stdin.buffer, url=url, max_bytes=max_bytes)
    if ingest.is_url(source):
        return ingest.fetch_url(source, allow_private=allow_private, max_bytes=max_bytes)
    return ingest.read_path(ingest.local_path(source), url=url, max_bytes=max_bytes)


# Options more than one command has, with the same help (one definition, so they cannot drift apart).
_Policy = Annotated[
    Path | None, typer.Option("--policy", help="Moderation policy (YAML); default: newssift's default policy.")
]
_AllowPrivateFetch = Annotated[
    bool, typer.Option("--allow-private", help="Allow fetching URLs on private, loopback or link-local addresses.")
]
_ProgressBar = Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")]

# analyze's
_PageSource = Annotated[str, typer.Argument(help="A URL, a path to an HTML or text file (.gz too), or - for stdin.")]
_ReportFormat = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help="Report format: json, md (Markdown), text, or html (a standalone page)."),
]
_ReportOut = Annotated[
    Path | None, typer.Option("--out", "-o", help="Write the report to this file instead of stdout.")
]
_PageUrl = Annotated[str | None, typer.Option("--url", help="The page's address, when SOURCE is a file or stdin.")]
_MaxBytes = Annotated[int, typer.Option("--max-bytes", min=1, help="Refuse inputs larger than this many bytes.")]
_AnalyzePolicy = Annotated[
    Path | None,
    typer.Option("--policy", help="Moderation policy (YAML); default: newssift's documented default policy."),
]
_ModerateComments = Annotated[
    bool, typer.Option("--moderation/--no-moderation", help="Moderate each comment (labels, evidence, action).")
]
_ExtractClaims = Annotated[
    bool, typer.Option("--claims/--no-claims", help="Extract quotes, check-worthy claims and a timeline.")
]
_PageDate = Annotated[
    str | None,
    typer.Option("--date", help="The page's publication date (YYYY-MM-DD), for 'on Sunday', 'in March' ..."),
]
_ReadComments = Annotated[
    bool,
    typer.Option("--include-comments", help="Look for quotes, claims, dates and techniques in the comments too."),
]
_CorroborationCorpus = Annotated[
    Path | None,
    typer.Option(
        "--corpus",
        help="A corpus folder (see `newssift corpus add`): find what other, independent outlets say of each "
        "check-worthy claim (fills corroboration).",
    ),
]
_FindTechniques = Annotated[
    bool,
    typer.Option(
        "--techniques/--no-techniques", help="Find persuasion techniques (loaded language, doubt, ...) as spans."
    ),
]
_DisableStages = Annotated[
    list[str] | None,
    typer.Option(
        "--disable",
        metavar="STAGE",
        help="A stage not to run, by name (repeat for several): moderation, claims, techniques, provenance, "
        "corroboration, or a stage of your own (see docs/stages.md).",
    ),
]


@app.command()
def analyze(
    source: _PageSource,
    fmt: _ReportFormat = ReportFormat.json,
    out: _ReportOut = None,
    url: _PageUrl = None,
    allow_private: _AllowPrivateFetch = False,
    max_bytes: _MaxBytes = DEFAULT_MAX_BYTES,
    policy: _AnalyzePolicy = None,
    moderation: _ModerateComments = True,
    claims: _ExtractClaims = True,
    date: _PageDate = None,
    include_comments: _ReadComments = False,
    corpus: _CorroborationCorpus = None,
    techniques: _FindTechniques = True,
    disable: _DisableStages = None,
) -> None:
    """Analyse one page: article paragraphs, publisher boilerplate, and threaded, moderated reader comments.

    SOURCE is read as HTML or plain text by its content. Every finding in the report is a span
    (start, end) into document.text, which holds the page text once, unchanged.

    Examples:

      newssift analyze https://example.org/news/story.html

      newssift analyze saved-page.html --format md --out report.md

      pbpaste | newssift analyze - --format text

      newssift analyze story.html --corpus ~/newssift-corpus --format md
    """
    from newssift.pipeline import Options, analyze_raw, check_options

    options = Options(
        moderate=moderation,
        policy=policy,
        claims=claims,
        page_date=date,
        include_comments=include_comments,
        corpus=corpus,
        techniques=techniques,
        disable=tuple(disable or ()),
    )
    try:
        check_options(options)  # a bad --policy or --date is refused before the page is read or fetched
        raw = _read_source(source, url=url, allow_private=allow_private, max_bytes=max_bytes)
        report = analyze_raw(raw, options)
    except NewssiftError as exc:
        _fail(str(exc))
    _write_report(report, fmt, out)


def _write_report(report: Report, fmt: ReportFormat, out: Path | None) -> None:
    """*report* in *fmt* on stdout (text on a terminal: rich's rendering), or in the file *out*."""
    from newssift.render import render

    if fmt is ReportFormat.text and out is None and sys.stdout.isatty():
        from rich.console import Console

        from newssift.render.terminal import report_renderable

        Console(highlight=False, emoji=False, markup=False).print(report_renderable(report))
        return
    text = render(report, fmt.value)
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {out}: {exc.strerror or exc}")
    typer.echo(f"newssift: wrote {fmt.value} report to {out}", err=True)


MAX_COMMENT_LINE = 1024 * 1024  # one comment (one line of the input) over this is refused, not read into memory


_CommentSource = Annotated[
    str, typer.Argument(help="A file of comments, or - for stdin: one comment per line, or JSONL.")
]
_VerdictsOut = Annotated[Path | None, typer.Option("--out", "-o", help="Write JSONL here instead of stdout.")]
_StderrProgress = Annotated[
    bool, typer.Option("--progress/--no-progress", help="Show a progress bar on stderr (when it is a terminal).")
]


@app.command()
def moderate(
    source: _CommentSource, policy: _Policy = None, out: _VerdictsOut = None, progress: _StderrProgress = True
) -> None:
    """Moderate comments: hate (with target), violence, conspiracy, harassment, profanity, spam.

    Input is either plain text, one comment per line (its id is the line number), or JSONL with objects like
    {"id": "c2", "text": "...", "parent": "c1"} (parent: the id of an earlier comment it replies to, judged in
    view). Output is JSONL, one object per comment in input order: id, parent, text, action (remove / review /
    allow), labels with scores, evidence spans (offsets into that comment's text) and targets, and reasons.

    Input of any size is read as a stream, 500 comments at a time; verdicts are written as they are made. A
    malformed line stops the run with an error naming it, after every comment before it has been written.
    Replies whose parent does not come before them are judged on their own, and counted on stderr.

    Examples:

      newssift moderate comments.txt

      newssift moderate thread.jsonl --policy strict.yaml --out verdicts.jsonl

      zcat dump.jsonl.gz | newssift moderate - > verdicts.jsonl
    """
    from newssift.moderation import StreamMemo

    fh, total = _open_comments(source)
    sink = _open_verdicts(out)
    memo = StreamMemo()
    reader = _CommentReader(fh)
    failure = _write_verdicts(reader, sink, policy, memo, total=total, progress=progress)
    _stream_warnings(memo)
    if failure is not None and reader.bad_line is not None:
        _fail(f"{failure}; the {memo.comments} comments before it were moderated and written")
    if failure is not None:
        _fail(failure)
    if memo.comments == 0:
        _fail("no comments in the input")
    if out is not None:
        typer.echo(f"newssift: wrote {memo.comments} verdicts to {out}", err=True)


def _open_comments(source: str) -> tuple[IO[bytes], int | None]:
    """The comments' stream (stdin for -), and its size when it is a file."""
    if source == "-":
        return sys.stdin.buffer, None
    path = Path(source).expanduser()
    if not path.is_file():
        _fail(f"no such file: {source}")
    try:
        return path.open("rb"), path.stat().st_size
    except OSError as exc:
        _fail(f"cannot read {source}: {exc.strerror or exc}")


def _open_verdicts(out: Path | None) -> IO[str]:
    try:
        return sys.stdout if out is None else out.open("w", encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {out}: {exc.strerror or exc}")


def _write_verdicts(
    reader: _CommentReader, sink: IO[str], policy: Path | None, memo: StreamMemo, *, total: int | None, progress: bool
) -> str | None:
    """Moderate the comments of *reader* into *sink* as JSONL, with a progress bar; closes both (not stdin or
    stdout). The error that stopped the run, if one did."""
    import json

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from newssift.moderation import moderate_stream

    columns = (
        TextColumn("moderating"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[comments]} comments · {task.fields[rate]}/s"),
        TimeElapsedColumn(),
    )
    started = time.monotonic()
    failure: str | None = None
    with Progress(*columns, console=Console(stderr=True), disable=not progress, transient=True) as bar:
        task = bar.add_task("moderating", total=total, comments=0, rate="–")
        try:
            for n, (comment, result) in enumerate(moderate_stream(reader, policy=policy, memo=memo), 1):
                record = {"id": comment.id, "parent": comment.parent, "text": comment.text}
                sink.write(json.dumps(record | result.model_dump(mode="json"), ensure_ascii=False) + "\n")
                if n % 100 == 0:
                    rate = n / max(1e-9, time.monotonic() - started)
                    bar.update(task, completed=reader.bytes_read, comments=n, rate=f"{rate:.0f}")
        except NewssiftError as exc:
            failure = str(exc)
        finally:
            sink.flush()
            if sink is not sys.stdout:
                sink.close()
            if reader.fh is not sys.stdin.buffer:
                reader.fh.close()
    return failure


def _stream_warnings(memo: StreamMemo) -> None:
    """Say on stderr which replies were judged without their parent, and which ids were given twice."""
    for ids, what in (
        (memo.unknown_parents, "reply to a parent that does not come before them, and were judged without it"),
        (memo.duplicate_ids, "reuse an id given earlier (replies to it are judged with the latest)"),
    ):
        if ids:
            shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
            typer.echo(f"newssift: warning: {len(ids)} comments {what}: {shown}", err=True)


class _CommentReader:
    """Comments read line by line from a binary stream: JSONL (when the first non-empty line starts with "{") or
    one comment per line. Counts the bytes read for the progress bar; binary input (judged on its start), a line
    over MAX_COMMENT_LINE bytes, invalid JSON or an object without a non-empty "text" raises NewssiftError (naming
    the line)."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.bytes_read = 0
        self.bad_line: int | None = None  # the line that stopped the reading, if one did

    def __iter__(self) -> Iterator[Comment]:
        import json

        from newssift.document import no_lone_surrogates
        from newssift.moderation import Comment

        jsonl: bool | None = None
        n = 0
        while True:
            raw = self.fh.readline(MAX_COMMENT_LINE + 1)
            if not raw:
                return
            n += 1
            self.bytes_read += len(raw)
            if n == 1:
                self._refuse_binary(raw)
            if len(raw) > MAX_COMMENT_LINE:
                self.bad_line = n
                raise NewssiftError(f"line {n} is longer than {MAX_COMMENT_LINE // 1024} KiB")
            line = raw.decode("utf-8", errors="replace")
            if not line.strip():
                continue
            if jsonl is None:
                jsonl = line.lstrip().startswith("{")
            if not jsonl:
                yield Comment(str(n), line.strip())
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                self.bad_line = n
                raise NewssiftError(f"line {n} is not valid JSON ({exc.msg})") from None
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
                self.bad_line = n
                raise NewssiftError(f'line {n}: expected an object with a non-empty "text"')
            parent = obj.get("parent")
            # JSON can carry lone surrogates ("\\ud800"), which no UTF-8 output can write back
            ident, text = no_lone_surrogates(str(obj.get("id", n))), no_lone_surrogates(obj["text"])
            yield Comment(ident, text, None if parent is None else no_lone_surrogates(str(parent)))

    def _refuse_binary(self, first: bytes) -> None:
        """InputError for binary input (an executable, an image, an archive), judged on its first 8 KiB: the first
        line and what the stream has buffered after it."""
        import codecs

        from newssift.ingest import check_binary

        peek = getattr(self.fh, "peek", None)
        head = first[:8192] + (peek(8192) if callable(peek) else b"")
        check_binary(head[:8192])
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # UTF-32's BOM starts like UTF-16's
            raise NewssiftError(
                "comments must be UTF-8, and this input is UTF-16 or UTF-32 (iconv -t UTF-8 converts it)"
            )


_ListenHost = Annotated[str, typer.Option(help="Address to listen on (default: loopback only).")]
_ListenPort = Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")]
_ReportDb = Annotated[
    Path | None,
    typer.Option(help="SQLite file for reports and reviewers' overrides (default: ~/.local/share/newssift)."),
]
_ServerCorpus = Annotated[
    Path | None, typer.Option(help="A corpus folder (`newssift corpus add`) to corroborate claims against.")
]
_ServerAllowPrivate = Annotated[
    bool, typer.Option("--allow-private", help="Let URL analyses fetch private and loopback addresses.")
]
_AllowedHost = Annotated[
    list[str] | None,
    typer.Option(
        "--allowed-host",
        help="A host name clients reach the server by (repeatable; '*.example.org' for sub-domains). Requests "
        "naming any other Host are refused, which stops DNS-rebinding pages. Loopback names and --host are "
        "always allowed.",
    ),
]
_ApiKeyFile = Annotated[
    Path | None,
    typer.Option(
        "--api-key-file",
        envvar="NEWSSIFT_API_KEY_FILE",
        help="API keys, one a line: the Perspective endpoints then answer only requests with one of them in "
        "?key= (or the X-Goog-Api-Key header), as Perspective does. Without it any key, or none, is accepted.",
    ),
]
_SuggestionsFile = Annotated[
    Path | None,
    typer.Option(
        "--suggestions-file",
        envvar="NEWSSIFT_SUGGESTIONS_FILE",
        help="Keep what clients send to /v1alpha1/comments:suggestscore here, one JSON line each. Without it "
        "suggestions are checked and answered, and nothing is kept.",
    ),
]


@app.command()
def serve(
    host: _ListenHost = "127.0.0.1",
    port: _ListenPort = 8080,
    policy: _Policy = None,
    db: _ReportDb = None,
    corpus: _ServerCorpus = None,
    allow_private: _ServerAllowPrivate = False,
    allowed_host: _AllowedHost = None,
    api_key_file: _ApiKeyFile = None,
    suggestions_file: _SuggestionsFile = None,
) -> None:
    """Run the reviewer's desk and the HTTP API.

    Open http://127.0.0.1:8080/ to paste a page, a link or a file and review the report: article, quotes by
    speaker, claims with corroboration, provenance, and the comment thread, where every verdict can be overruled
    (kept, with its reason, in an audit log).

    API: POST /v1/analyze, GET /v1/reports/{id}, POST /v1/reports/{id}/overrides, POST /v1/moderate,
    POST /v1alpha1/comments:analyze and :suggestscore (Perspective's API: its clients work here once their base URL
    is changed; docs/perspective.md); OpenAPI at /openapi.json and /docs.

    Examples:

      newssift serve --port 8080 --corpus my-corpus/

      curl -s localhost:8080/v1alpha1/comments:analyze -H 'Content-Type: application/json'
      -d '{"comment": {"text": "You are an idiot"}, "requestedAttributes": {"TOXICITY": {}, "INSULT": {}}}'

      curl -s 'localhost:8080/v1/analyze?wait=60' -H 'Content-Type: application/json'
      -d '{"url": "https://example.org/news/story.html"}'
    """
    from newssift.serve import run

    if corpus is not None and not corpus.is_dir():
        _fail(f"--corpus {corpus}: no such folder (make one with `newssift corpus add`)")
    try:
        run(
            host=host,
            port=port,
            policy_path=policy,
            db=db,
            corpus=corpus,
            allow_private=allow_private,
            allowed_hosts=allowed_host or (),
            api_key_file=api_key_file,
            suggestions=suggestions_file,
        )
    except NewssiftError as exc:
        _fail(str(exc))


class Engine(StrEnum):
    local = "local"
    ray = "ray"


_CrawlInputs = Annotated[
    list[Path],
    typer.Argument(help="WARC (.warc, .warc.gz), JSONL (one page per line), HTML or text files, or folders."),
]
_BatchOut = Annotated[Path, typer.Option("--out", "-o", help="Output folder: Parquet tables and the run's manifest.")]
_Engine = Annotated[
    Engine, typer.Option(help="local: processes on this machine; ray: Ray Data (RAY_ADDRESS joins a cluster).")
]
_Workers = Annotated[int | None, typer.Option(min=1, help="Worker processes (or Ray actors); default: every core.")]
_BatchModeration = Annotated[bool, typer.Option("--moderation/--no-moderation", help="Moderate comments.")]
_BatchClaims = Annotated[bool, typer.Option("--claims/--no-claims", help="Quotes, claims and the timeline.")]
_BatchTechniques = Annotated[
    bool, typer.Option("--techniques/--no-techniques", help="Persuasion techniques in the article.")
]
_BatchPolicy = Annotated[Path | None, typer.Option(help="Moderation policy (YAML).")]
_Chunk = Annotated[int, typer.Option(min=1, max=10_000, help="Pages per task and per Parquet part.")]
_PageTimeout = Annotated[
    float, typer.Option(min=0, help="Seconds one page may take before it is recorded as bad (0: no cap).")
]
_Limit = Annotated[int | None, typer.Option(min=1, help="Stop after this many new pages (a trial run).")]


@app.command()
def batch(
    inputs: _CrawlInputs,
    out: _BatchOut,
    engine: _Engine = Engine.local,
    workers: _Workers = None,
    moderation: _BatchModeration = True,
    claims: _BatchClaims = True,
    techniques: _BatchTechniques = True,
    policy: _BatchPolicy = None,
    chunk: _Chunk = 16,
    page_timeout: _PageTimeout = 60.0,
    limit: _Limit = None,
    progress: _ProgressBar = True,
    disable: _DisableStages = None,
) -> None:
    """Analyse every page of a crawl into Parquet: OUT/pages (one row per page, the report nested), OUT/comments,
    OUT/quotes, OUT/claims, OUT/techniques (flat), and OUT/summary.json.

    Resumable: a killed run, started again with the same command, skips what was written and writes nothing
    twice. Bad records (truncated gzip, HTTP errors, non-HTML, pages over 5 MiB, pages with no text, pages over
    --page-timeout) are counted and listed with their file and offset, never fatal.

    Examples:

      newssift batch CC-NEWS-20250301-00000.warc.gz --out news/

      newssift batch crawl/ --out news/ --no-claims --workers 8

      RAY_ADDRESS=ray://head:10001 newssift batch /shared/crawl/*.warc.gz --out /shared/news/ --engine ray

      duckdb -c "SELECT publisher, count(*) FROM 'news/pages/*.parquet' GROUP BY 1 ORDER BY 2 DESC LIMIT 10"
    """
    from newssift.batch import BatchOptions
    from newssift.pipeline import Options, check_options

    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)}")
    opts = BatchOptions(
        options=Options(
            moderate=moderation, claims=claims, techniques=techniques, policy=policy, disable=tuple(disable or ())
        ),
        engine=engine.value,
        workers=workers,
        chunk=chunk,
        page_timeout=page_timeout,
        max_records=limit,
    )
    try:
        check_options(opts.options)  # before the progress bar: a bad --policy is one line and nothing else
    except NewssiftError as exc:
        _fail(str(exc))
    summary = _run_batch(inputs, out, opts, progress)
    _batch_written(summary, out)


def _run_batch(inputs: list[Path], out: Path, opts: BatchOptions, progress: bool) -> Summary:
    """Run the batch with a progress bar (pages, bad records, pages per second)."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from newssift.batch import run_batch

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[pages]} pages · {task.fields[bad]} bad · {task.fields[rate]} pages/s"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, disable=not progress, transient=True) as bar:
        task = bar.add_task("analysing", total=None, pages=0, bad=0, rate="–")
        started = time.monotonic()

        def report(done: int, total: int, s: Summary) -> None:
            rate = s.written / max(1e-9, time.monotonic() - started)
            bar.update(task, completed=done, total=total or None, pages=s.written, bad=s.bad, rate=f"{rate:.1f}")

        try:
            return run_batch(inputs, out, opts, progress=report)
        except NewssiftError as exc:
            _fail(str(exc))


def _batch_written(summary: Summary, out: Path) -> None:
    """OUT/summary.json, and what was written on stderr (failing a run whose output holds no page)."""
    import json

    data = summary.as_json()
    (out / "summary.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    if summary.total_pages == 0:
        _no_pages(summary)
    typer.echo(
        f"newssift: wrote {summary.written} pages in {summary.seconds:.1f} s "
        f"({summary.written / max(summary.seconds, 1e-9):.1f} pages/s); {summary.bad} bad records, "
        f"{summary.skipped_done} already written by an earlier run, {summary.duplicates} duplicates. "
        f"{out}: {summary.total_pages} pages, {summary.rows.get('comments', 0)} comments, "
        f"{summary.rows.get('quotes', 0)} quotes, {summary.rows.get('claims', 0)} claims, "
        f"{summary.rows.get('techniques', 0)} technique spans, "
        f"{summary.total_bad} bad records in all.",
        err=True,
    )
    _bad_records(summary)
    if summary.total_bad > 10:
        typer.echo(f"  (every bad record: {out / 'manifest.sqlite3'}, table records where status='bad')", err=True)


def _bad_records(summary: Summary) -> None:
    for reason, n in list(summary.bad_reasons.items())[:10]:
        typer.echo(f"  {n:>6} × {_printable(reason)}", err=True)
    for bad in summary.bad_examples[:10]:
        typer.echo(f"  bad record {_printable(bad['where'])}: {_printable(bad['reason'])}", err=True)


def _no_pages(summary: Summary) -> None:
    """Fail a batch whose output holds no page: with the one bad record as the reason, or after the list."""
    if summary.total_bad == 0:
        _fail("no pages in the input")
    if summary.total_bad == 1:
        bad = summary.bad_examples[0]
        _fail(f"no pages could be read: {_printable(bad['where'])}: {_printable(bad['reason'])}")
    _bad_records(summary)
    _fail(f"no pages could be read ({summary.total_bad} bad records)")


def _printable(text: str) -> str:
    """*text* for a terminal: control characters (from file names, or reasons quoting data) escaped."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


@app.command()
def source(
    name_or_domain: Annotated[str, typer.Argument(help="An outlet's name ('Russia Today', 'AP') or domain or URL.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json, md or text.")] = Format.text,
) -> None:
    """What newssift's registry knows of an outlet: documented ratings and state affiliation, with citations.

    Examples:

      newssift source "Russia Today"

      newssift source https://www.veteranstoday.com/2022/07/03/some-story/ --format json
    """
    import json

    from newssift.provenance import lookup_source

    info = lookup_source(name_or_domain)
    if not info.known:
        _fail(
            f"nothing known of {name_or_domain!r}: not in the registry's ratings, state-media list or outlet names", 1
        )
    data = {
        "name": info.name,
        "domain": info.domain,
        "state_affiliated": None
        if info.state_affiliated is None
        else {
            "country": info.state_affiliated.country,
            "citation": info.state_affiliated.citation,
            "as_of": info.state_affiliated.as_of,
        },
        "ratings": [{"scale": r.scale, "value": r.value, "source": r.source, "as_of": r.as_of} for r in info.ratings],
    }
    if fmt is Format.json:
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    lines = [f"{info.name or info.domain} ({info.domain})"]
    if info.state_affiliated:
        a = info.state_affiliated
        lines.append(f"  state-affiliated: {a.country}, as of {a.as_of} — {a.citation}")
    for r in info.ratings:
        lines.append(f"  {r.scale}: {r.value} (as of {r.as_of}) — {r.source}")
    if not info.ratings:
        lines.append("  no documented ratings in the registry")
    typer.echo("\n".join(lines))


corpus_app = typer.Typer(
    help=(
        "A local corpus of other outlets' coverage, for corroborating claims (`newssift analyze --corpus DIR`).\n\n"
        "Example:  newssift corpus add ~/newssift-corpus crawl.warc.gz pages/ feed.jsonl"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(corpus_app, name="corpus")


@corpus_app.command("add")
def corpus_add(
    directory: Annotated[Path, typer.Argument(help="The corpus folder (created if it does not exist).")],
    inputs: Annotated[
        list[Path],
        typer.Argument(help="HTML or text files, folders of them, JSONL (one page per line), WARC (.warc, .warc.gz)."),
    ],
    progress: _ProgressBar = True,
) -> None:
    """Add pages to a corpus: each goes through the structure and provenance stages, and its article is stored
    as passages with outlet, date and origin group, then indexed (BM25 and vectors).

    JSONL lines are objects with "html" or "text" and optionally "url", "id", "outlet", "date", "title".
    Ingest is resumable: records already stored (same WARC-Record-ID, JSONL id or url, or file content) are
    skipped, so after an interruption run the same command again. Bad records are counted and listed, never fatal.

    Examples:

      newssift corpus add ~/newssift-corpus examples/corpus

      newssift corpus add ~/newssift-corpus CC-NEWS-20250301.warc.gz
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from newssift.corroborate.corpus import Corpus
    from newssift.sources import expand

    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)}")
    files = expand(inputs)
    try:
        with (
            Corpus(directory, create=True) as c,
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files"),
                TextColumn("{task.fields[records]} records"),
                TimeElapsedColumn(),
                disable=not progress,
                transient=True,
            ) as bar,
        ):
            task = bar.add_task("ingesting", total=len(files), records=0)
            summary = c.add(files, progress=lambda seen, done: bar.update(task, completed=done, records=seen))
            bar.update(task, completed=len(files))
            stats = c.stats()
    except NewssiftError as exc:
        _fail(str(exc))
        return
    typer.echo(
        f"newssift: added {summary.added} documents ({summary.passages} passages) in {summary.seconds:.1f} s; "
        f"{summary.already} already stored, {summary.no_article} without article text, {len(summary.bad)} bad records. "
        f"Corpus: {stats['documents']} documents from {stats['outlets']} outlets, {stats['origins']} origins.",
        err=True,
    )
    for bad in summary.bad[:20]:
        typer.echo(f"  bad record {bad.where}: {bad.reason}", err=True)
    if len(summary.bad) > 20:
        typer.echo(f"  … and {len(summary.bad) - 20} more", err=True)


@corpus_app.command("search")
def corpus_search(
    directory: Annotated[Path, typer.Argument(help="The corpus folder.")],
    query: Annotated[str, typer.Argument(help="A claim or a few words.")],
    k: Annotated[int, typer.Option("-k", min=1, max=100, help="How many passages to list.")] = 10,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json or text.")] = Format.text,
) -> None:
    """Passages of the corpus closest to QUERY (BM25 and vector search, fused by rank), with outlet and origin.

    Example:

      newssift corpus search ~/newssift-corpus "the bridge will close for six weeks"
    """
    import json

    from newssift.corroborate.corpus import Corpus

    try:
        with Corpus(directory) as c:
            hits = c.search([query], k=k)[0]
    except NewssiftError as exc:
        _fail(str(exc))
        return
    if fmt is Format.json:
        rows = [
            {"document": h.key, "outlet": h.outlet, "origin": h.origin, "url": h.url, "title": h.title,
             "date": h.date, "passage": {"start": h.start, "end": h.end, "text": h.text}, "score": round(h.score, 5)}
            for h in hits
        ]  # fmt: skip
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from newssift.render import clean

    for n, h in enumerate(hits, 1):
        typer.echo(f"{n:>2}. {clean(h.outlet)} ({clean(h.date or 'no date')}; origin {clean(h.origin)})")
        typer.echo(f"    {clean(h.text[:300])}")


@corpus_app.command("stats")
def corpus_stats(
    directory: Annotated[Path, typer.Argument(help="The corpus folder.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json or text.")] = Format.text,
) -> None:
    """How many documents, passages, outlets and origin groups a corpus holds, its size, and its top outlets."""
    import json

    from newssift.corroborate.corpus import Corpus

    try:
        with Corpus(directory) as c:
            stats = c.stats()
    except NewssiftError as exc:
        _fail(str(exc))
        return
    if fmt is Format.json:
        typer.echo(json.dumps(stats, indent=2, ensure_ascii=False))
        return
    typer.echo(
        f"{stats['documents']} documents, {stats['passages']} passages, {stats['outlets']} outlets, "
        f"{stats['origins']} origin groups; {stats['rejected_records']} records without article text; "
        f"{int(stats['bytes_on_disk']) / 2**20:.1f} MiB; index {'current' if stats['index_current'] else 'stale'}"  # type: ignore[call-overload]
    )
    for row in stats["top_outlets"]:  # type: ignore[attr-defined]
        typer.echo(f"  {row['documents']:>7}  {row['outlet']}")


@app.command()
def stance(
    claim: Annotated[str, typer.Argument(help="A claim or headline.")],
    passages: Annotated[list[str], typer.Argument(help="One or more passages or article bodies.")],
) -> None:
    """The stance of each passage towards a claim: agree, disagree, discuss or unrelated (trained on FNC-1).

    Example:

      newssift stance "The bridge will close for six weeks" "Officials denied the bridge would close."
    """
    from newssift.corroborate.stance import LABELS, stance_proba

    try:
        proba = stance_proba([(claim, p) for p in passages])
    except NewssiftError as exc:
        _fail(str(exc))
        return
    for p, row in zip(passages, proba):
        label = LABELS[int(row.argmax())]
        typer.echo(f"{label:9s} {float(row.max()):.2f}  {p[:100]}")


@app.command()
def techniques(
    source: Annotated[
        str | None, typer.Argument(help="A URL, an HTML or text file, or - for stdin (omit with --corpus).")
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="A corpus folder (`newssift corpus add`): technique rates per outlet instead."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text or json.")] = Format.text,
    include_comments: Annotated[
        bool, typer.Option("--include-comments", help="Read the page's comments too, not only its article.")
    ] = False,
    allow_private: _AllowPrivateFetch = False,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar (--corpus).")] = True,
) -> None:
    """Persuasion techniques: loaded language, name calling, doubt, appeal to fear, flag-waving, whataboutism ...

    For one page: each span with its technique, score and explanation, then counts and density per 1,000 words.
    With --corpus: every stored article is read, and each outlet's technique rates are compared (densest first).

    Examples:

      newssift techniques saved-page.html

      newssift techniques --corpus ~/newssift-corpus --format json
    """
    import json

    if (source is None) == (corpus is None):
        _fail("give either a SOURCE page or --corpus DIR")
    if corpus is not None:
        _outlet_rates(corpus, fmt, progress)
        return
    from newssift.pipeline import Options, analyze_raw
    from newssift.render import clean

    assert source is not None
    try:
        raw = _read_source(source, url=None, allow_private=allow_private, max_bytes=DEFAULT_MAX_BYTES)
        report = analyze_raw(raw, Options(moderate=False, claims=False, include_comments=include_comments))
    except NewssiftError as exc:
        _fail(str(exc))
        return
    found = report.techniques
    summary = report.technique_summary
    if fmt is Format.json:
        data = {
            "techniques": [t.model_dump(mode="json") for t in found],
            "technique_summary": summary.model_dump(mode="json") if summary else None,
        }
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for t in found:
        typer.echo(f"{t.start:>6}-{t.end:<6} {t.label:27s} {t.score:.2f}  “{clean(t.text)[:80]}”")
        typer.echo(f"{'':14}{clean(t.explanation)}")
    if summary is not None:
        plural = "" if len(found) == 1 else "s"
        typer.echo(f"{len(found)} span{plural} in {summary.words} words, {summary.sentences} sentences")
        for label, n in sorted(summary.counts.items(), key=lambda kv: -kv[1]):
            typer.echo(f"  {label:27s} {n:>4}  {summary.per_1000_words[label]:>6.2f} per 1,000 words")


def _outlet_rates(corpus: Path, fmt: Format, progress: bool) -> None:
    import json

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from newssift.render import clean
    from newssift.techniques.outlets import outlet_rates

    try:
        with Progress(
            TextColumn("reading articles"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            disable=not progress,
            transient=True,
        ) as bar:
            task = bar.add_task("techniques", total=None)
            rates = outlet_rates(corpus, progress=lambda done, total: bar.update(task, completed=done, total=total))
    except NewssiftError as exc:
        _fail(str(exc))
        return
    if fmt is Format.json:
        typer.echo(json.dumps([r.as_dict() for r in rates], indent=2, ensure_ascii=False))
        return
    typer.echo(f"{'outlet':30s} {'docs':>5} {'words':>8} {'spans':>6} {'/1k words':>9}  top techniques")
    for r in rates:
        d = r.as_dict()
        top = ", ".join(f"{t} {v:.1f}" for t, v in sorted(r.per_1000_words.items(), key=lambda kv: -kv[1])[:3])
        density = d["spans_per_1000_words"]
        typer.echo(f"{clean(r.outlet)[:30]:30s} {r.documents:>5} {r.words:>8} {r.spans:>6} {density:>9}  {top}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the report (newssift.report/1)."""
    import json

    from newssift.report import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


def _quiet_logging() -> None:
    # third-party extractors log recoverable trouble on hostile pages as warnings: keep stderr for our one line
    logging.basicConfig(format="newssift: %(levelname)s: %(message)s", level=logging.WARNING)
    for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer", "readability", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def main() -> None:
    """Entry point: run the CLI; unexpected errors become one line, not a traceback."""
    _quiet_logging()
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("newssift: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:
        if os.environ.get("NEWSSIFT_DEBUG"):
            raise
        typer.echo(
            f"newssift: internal error: {type(exc).__name__}: {exc} (set NEWSSIFT_DEBUG=1 for a traceback)",
            err=True,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
