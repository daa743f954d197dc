"""The text `mlpath ... --help` prints, drawn from cli/spec.py without Typer.

cli/main.py builds the Typer app in its plain mode (`rich_markup_mode=None`), where
Typer lays out help with its copy of click's HelpFormatter. Importing Typer and
building even one command costs ~140 ms; this module draws the same text from the
same declarations in a few milliseconds, with click's rules written out here:

- the width is the terminal's (COLUMNS first), capped at 80, less 2, at least 50;
- paragraphs are wrapped as `textwrap` does with click's settings (cutting a word
  longer than the line), except that mlpath breaks lines only at spaces where click
  also breaks after a hyphen (`supervised-` / `baseline`): an id is never cut in two,
  and cli/main.py has Typer print this same text;
- definition lists (Arguments, Options, Commands) put the second column 2 spaces
  after the widest first column, at most 30 wide; a wider name gets a line of its own;
- a command's summary in its group's list is its first paragraph, shortened to fit
  with `...` unless a sentence ends first.

No `re`, `textwrap`, `inspect` or `shutil`: `--help` is benchmarked as a daily
command. tests/test_helptext.py holds this text equal to Typer's own for every
command at several widths, so a new option, a new layout rule or a Typer upgrade
that changes the text fails there first.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mlpath.cli.specparts import Cmd, Opt

HELP_NAMES = ("-h", "--help")  # cli/main.py's context_settings
HELP_HELP = "Show this message and exit."
# Typer's own options on the root (add_completion=True), after mlpath's
COMPLETION_OPTS = (
    ("--install-completion", "Install completion for the current shell."),
    (
        "--show-completion",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
)
MAX_WIDTH = 80  # click's max_content_width when the app sets none (cli/main.py sets none)
_WS = "\t\n\x0b\x0c\r "  # textwrap's whitespace: ASCII only
_PUNCT = "!\"'&.,?"


# --- width -------------------------------------------------------------------------------


def terminal_columns() -> int:
    """shutil.get_terminal_size().columns, without importing shutil (it imports `re`)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80
    # Python 3.11 turned a terminal reporting 0 columns into the fallback
    return columns or (80 if sys.version_info >= (3, 11) else 0)


def formatter_width(columns: int) -> int:
    """The width click lays help out in, for a terminal this wide."""
    return max(min(columns, MAX_WIDTH) - 2, 50)


# --- textwrap, as click's wrap_text drives it ----------------------------------------------


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _letter(c: str) -> bool:
    return (c.isalnum() or c == "_") and not c.isdecimal()


def _dash_run_before_word(s: str, i: int) -> bool:
    """Two or more hyphens at s[i:] followed by a word character (an em-dash: `a--b`)."""
    j = i
    while j < len(s) and s[j] == "-":
        j += 1
    return j - i >= 2 and j < len(s) and _word(s[j])


def _hyphen_breaks(s: str, e: int) -> bool:
    """A line may break after the hyphen s[e]: two letters (or `x-y`) before it, two
    letters (or `x-y`) after it, as in `week-by-week`."""
    n = len(s)
    before = (e >= 2 and _letter(s[e - 2]) and _letter(s[e - 1])) or (
        e >= 3 and _letter(s[e - 3]) and s[e - 2] == "-" and _letter(s[e - 1])
    )
    if not before or e + 2 >= n or not _letter(s[e + 1]):
        return False
    return _letter(s[e + 2]) or (s[e + 2] == "-" and e + 3 < n and _letter(s[e + 3]))


def _chunks(s: str, hyphens: bool = True) -> list[str]:
    """The text split as textwrap's `wordsep_re` splits it: runs of whitespace, words,
    a hyphenated word's parts (`week-`, `by-`, `week`) and em-dashes; without `hyphens`
    (`wordsep_simple_re`) only at whitespace."""
    out: list[str] = []
    n, p = len(s), 0
    while p < n:
        if not hyphens:
            e = p + 1
            inside = s[p] in _WS
            while e < n and (s[e] in _WS) == inside:
                e += 1
        elif s[p] in _WS:
            e = p + 1
            while e < n and s[e] in _WS:
                e += 1
        elif p > 0 and (_word(s[p - 1]) or s[p - 1] in _PUNCT) and _dash_run_before_word(s, p):
            e = p
            while s[e] == "-":
                e += 1
        else:
            e = p + 1
            while e < n and s[e] not in _WS:
                if s[e] == "-" and _hyphen_breaks(s, e):
                    e += 1
                    break
                if (_word(s[e - 1]) or s[e - 1] in _PUNCT) and _dash_run_before_word(s, e):
                    break
                e += 1
        out.append(s[p:e])
        p = e
    return out


def _wrap(text: str, width: int, initial: str, subsequent: str, hyphens: bool = True) -> list[str]:
    """textwrap.TextWrapper(width, initial_indent, subsequent_indent,
    replace_whitespace=False).wrap(text), with click's cut of a word too long for a line."""
    if width <= 0:
        raise ValueError(f"invalid width {width!r} (must be > 0)")
    lines: list[str] = []
    chunks = _chunks(text, hyphens)
    chunks.reverse()
    while chunks:
        indent = subsequent if lines else initial
        room = width - len(indent)
        if chunks[-1].strip() == "" and lines:
            del chunks[-1]
        line: list[str] = []
        used = 0
        while chunks and used + len(chunks[-1]) <= room:
            used += len(chunks[-1])
            line.append(chunks.pop())
        if chunks and len(chunks[-1]) > room:
            cut = max(room - used, 1)
            line.append(chunks[-1][:cut])
            chunks[-1] = chunks[-1][cut:]
        if line and line[-1].strip() == "":
            del line[-1]
        if line:
            lines.append(indent + "".join(line))
    return lines


def wrap_text(
    text: str,
    width: int,
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
    hyphens: bool = True,
) -> str:
    """click's wrap_text: with `preserve_paragraphs`, each paragraph (blank-line separated)
    wrapped on its own at its first line's indent; a paragraph led by a line holding only
    `\\b` is kept as written."""
    text = text.expandtabs()
    if not preserve_paragraphs:
        return "\n".join(_wrap(text, width, initial_indent, subsequent_indent, hyphens))
    paragraphs: list[tuple[int, bool, str]] = []
    buf: list[str] = []
    indent: int | None = None

    def flush() -> None:
        if not buf:
            return
        if buf[0].strip() == "\b":
            paragraphs.append((indent or 0, True, "\n".join(buf[1:])))
        else:
            paragraphs.append((indent or 0, False, " ".join(buf)))
        buf.clear()

    for line in text.splitlines():
        if not line:
            flush()
            indent = None
        else:
            if indent is None:
                stripped = line.lstrip()
                indent = len(line) - len(stripped)
                line = stripped
            buf.append(line)
    flush()
    out = []
    for extra, raw, para in paragraphs:
        first, rest = initial_indent + " " * extra, subsequent_indent + " " * extra
        if raw:
            out.append(
                "\n".join(
                    (first if i == 0 else rest) + ln for i, ln in enumerate(para.splitlines())
                )
            )
        else:
            out.append("\n".join(_wrap(para, width, first, rest, hyphens)))
    return "\n\n".join(out)


def cleandoc(doc: str) -> str:
    """inspect.cleandoc (Typer and click both apply it to a command's help)."""
    strip = " " if sys.version_info >= (3, 13) else None
    lines = doc.expandtabs().split("\n")
    margin = sys.maxsize
    for line in lines[1:]:
        content = len(line.lstrip(strip))
        if content:
            margin = min(margin, len(line) - content)
    if lines:
        lines[0] = lines[0].lstrip(strip)
    if margin < sys.maxsize:
        lines[1:] = [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def short_help(help: str, max_length: int) -> str:
    """click's make_default_short_help: the first paragraph, cut to `max_length` at a
    word with `...`, or at the end of its first sentence if that comes first."""
    end = help.find("\n\n")
    if end != -1:
        help = help[:end]
    words = help.split()
    if not words:
        return ""
    if words[0] == "\b":
        words = words[1:]
    total = 0
    last = len(words) - 1
    i = 0
    for i, word in enumerate(words):
        total += len(word) + (i > 0)
        if total > max_length:
            break
        if word[-1] == ".":
            return " ".join(words[: i + 1])
        if total == max_length and i != last:
            break
    else:
        return " ".join(words)
    total += len("...")
    while i > 0:
        total -= len(words[i]) + (i > 0)
        if total <= max_length:
            break
        i -= 1
    return " ".join(words[:i]) + "..."


# --- click's HelpFormatter -----------------------------------------------------------------


class _Formatter:
    def __init__(self, width: int, hyphens: bool) -> None:
        self.width = width
        self.hyphens = hyphens
        self.indent = 0
        self.buffer: list[str] = []

    def write(self, text: str) -> None:
        self.buffer.append(text)

    def usage(self, prog: str, args: str) -> None:
        prefix = f"{'Usage: ':>{self.indent}}{prog} "
        text_width = self.width - self.indent
        if text_width >= len(prefix) + 20:
            self.write(wrap_text(args, text_width, prefix, " " * len(prefix), hyphens=self.hyphens))
        else:  # the prefix is too long: the arguments go on the next line
            self.write(prefix + "\n")
            pad = " " * (max(self.indent, len("Usage: ")) + 4)
            self.write(wrap_text(args, text_width, pad, pad, hyphens=self.hyphens))
        self.write("\n")

    def paragraph(self) -> None:
        if self.buffer:
            self.write("\n")

    def text(self, text: str) -> None:
        pad = " " * self.indent
        wrapped = wrap_text(text, self.width, pad, pad, True, self.hyphens)
        self.write(wrapped + "\n")

    def indented_text(self, text: str) -> None:
        if text:
            self.paragraph()
            self.indent += 2
            self.text(text)
            self.indent -= 2

    def section(self, heading: str, rows: list[tuple[str, str]]) -> None:
        if not rows:
            return
        self.paragraph()
        self.write(f"{'':>{self.indent}}{heading}:\n")
        self.indent += 2
        self.definitions(rows)
        self.indent -= 2

    def definitions(self, rows: list[tuple[str, str]], col_max: int = 30, spacing: int = 2) -> None:
        first_col = min(max(len(first) for first, _ in rows), col_max) + spacing
        for first, second in rows:
            self.write(f"{'':>{self.indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if len(first) <= first_col - spacing:
                self.write(" " * (first_col - len(first)))
            else:
                self.write("\n" + " " * (first_col + self.indent))
            text_width = max(self.width - first_col - 2, 10)
            lines = wrap_text(second, text_width, "", "", True, self.hyphens).splitlines()
            if not lines:
                self.write("\n")
                continue
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.indent}}{line}\n")


# --- the rows, as Typer declares the parameters (cli/main.py) -------------------------------


def _prefix(name: str) -> str:
    """click's _split_opt: the option's prefix (`-`, `--`), or "" for none."""
    first = name[:1]
    if first.isalnum():
        return ""
    return name[:2] if name[1:2] == first else first


def help_names(cmd: Cmd) -> tuple[str, ...]:
    """The names that ask this command for its help (those it does not use itself)."""
    taken = {n for o in cmd.opts for n in o.names}
    return tuple(n for n in HELP_NAMES if n not in taken)


def _option_row(names: tuple[str, ...], metavar: str | None, help: str) -> tuple[str, str]:
    # click sorts the names by the length of their prefix, stably: `-r, --roadmap`
    joined = ", ".join(sorted(names, key=lambda n: len(_prefix(n))))
    return (f"{joined} {metavar}" if metavar is not None else joined), help


def _rows(cmd: Cmd, root: bool) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    from mlpath.cli.specparts import FLAG

    args = []
    for a in cmd.args:
        name = f"{a.metavar} <list[str]>" if a.many else f"{a.metavar} <str>"
        help = a.help
        if a.required:
            help = f"{help}  [required]" if help else "[required]"
        args.append((name, help))
    opts = [
        _option_row(o.names, None if o.kind == FLAG else o.metavar, bounded_help(o))
        for o in cmd.opts
    ]
    if root:
        opts += [_option_row((name,), None, help) for name, help in COMPLETION_OPTS]
    names = help_names(cmd)
    if names:
        opts.append(_option_row(names, None, HELP_HELP))
    return args, opts


def bounded_help(o: Opt) -> str:
    """An option's help, with its bounds as Typer writes an integer range's."""
    help = o.help
    if o.lo is not None or o.hi is not None:
        if o.lo is None:
            bounds = f"x<={o.hi}"
        elif o.hi is None:
            bounds = f"x>={o.lo}"
        else:
            bounds = f"{o.lo}<=x<={o.hi}"
        help = f"{help}  [{bounds}]" if help else f"[{bounds}]"
    return help


def _subcommands(cmd: Cmd) -> list[Cmd]:
    """A group's commands in the order its help lists them: Typer lists the commands
    of a group before its subgroups (`roadmaps`, `config` come last under `mlpath`)."""
    from mlpath.cli import spec

    depth = len(cmd.path) + 1
    under = [c for c in spec.COMMANDS if len(c.path) == depth and c.path[:-1] == cmd.path]
    return [c for c in under if not c.group] + [c for c in under if c.group]


def render(
    words: tuple[str, ...],
    width: int | None = None,
    *,
    hyphens: bool = False,
) -> str | None:
    """What `mlpath WORDS --help` prints (ending in a newline), laid out `width` wide
    (default: for the terminal); None when WORDS names no command. Lines break only at
    spaces, so an id like `supervised-baseline` is never cut in two; `hyphens` breaks
    after a word's hyphen too, as click does (the layout tests/test_helptext.py holds
    equal to Typer's own)."""
    from mlpath.cli import spec

    cmd = spec.ROOT if not words else spec.BY_PATH.get(words)
    if cmd is None:
        return None
    f = _Formatter(formatter_width(terminal_columns()) if width is None else width, hyphens)
    pieces = ["[OPTIONS]"]
    for a in cmd.args:
        shown = f"{{{a.metavar}}}" if a.required else f"[{a.metavar}]"
        pieces.append(shown + ("..." if a.many else ""))
    if cmd.group:
        pieces.append("COMMAND [ARGS]...")
    f.usage(" ".join(("mlpath", *words)), " ".join(pieces))
    f.indented_text(cleandoc(cmd.help).partition("\f")[0])
    args, opts = _rows(cmd, root=not words)
    f.section("Arguments", args)
    f.section("Options", opts)
    if cmd.group:
        subs = _subcommands(cmd)
        if subs:
            limit = f.width - 6 - max(len(c.path[-1]) for c in subs)
            rows = [
                (c.path[-1], c.summary or short_help(cleandoc(c.help), limit).strip()) for c in subs
            ]
            f.section("Commands", rows)
    if not words:
        f.indented_text(cleandoc(spec.EPILOG))
    return "".join(f.buffer).rstrip("\n") + "\n"
