"""Plain terminal output for the daily commands, without importing rich.

`next`, `done`, `log` and `undo` run many times a day (prompts, tmux status
lines), so they print with a few ANSI codes instead of paying for rich's
import. Colour follows one rule everywhere (`use_color`): --color always|auto|never
or --no-color for the run, else NO_COLOR, else `color` in config.yaml, else only
on a terminal (or with FORCE_COLOR).

Width: every line is wrapped at word boundaries to the terminal's width
(`columns()`: COLUMNS wins, else the terminal, else 80), so an 80-column tmux
pane never breaks a word ("22.5⏎h left"). A word longer than the width (a path,
a URL) is left whole on its own line: cutting it would make it useless. A
command to copy (`  mlpath plan ...`) wraps with shell line continuations, and a
table row is never wrapped. A wrapped line's continuation is indented to show
it continues (see `hang_of`).
"""

from __future__ import annotations

import os
import sys

from mlpath.render.safe import terminal

_CODES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "cyan": "36",
}


class Style:
    """Wraps text in ANSI codes when colour is on; a no-op otherwise."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, *styles: str) -> str:
        if not self.color or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles if s in _CODES)
        return f"\x1b[{codes}m{text}\x1b[0m" if codes else text


COLOR_CHOICES = ("auto", "always", "never")


class _Color:
    """This run's colour choice (`color_choice`), set once before a command runs."""

    choice = "auto"


def color_choice(flag: str | None, no_color_flag: bool, config: str) -> str:
    """always | never | auto for this run, first match wins: --no-color or --color
    (one run's say), then NO_COLOR, then `color` in config.yaml."""
    if no_color_flag:
        return "never"
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return "never"
    return config


def set_color(choice: str) -> None:
    _Color.choice = choice


def use_color(no_color: bool = False, stream: object = None) -> bool:
    """The one colour rule: never when asked (`no_color`, or the run's choice is
    never); always when the run's choice is always (a pager that keeps colour);
    else only on a terminal (or with FORCE_COLOR), never with NO_COLOR."""
    if no_color or _Color.choice == "never":
        return False
    if _Color.choice == "always":
        return True
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):  # the convention rich and others follow
        return True
    out = stream if stream is not None else sys.stdout
    isatty = getattr(out, "isatty", None)
    try:
        return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"
    except ValueError:  # a closed stream
        return False


def write(text: str, *, width: int | None = None, laid_out: bool = False) -> None:
    """Write to stdout wrapped to the terminal's width (see `wrap`; not a screen
    already `laid_out` for a width, like the dashboard), degrading characters the
    terminal's encoding cannot show. The one writer of plain screens: no control
    character but a newline, a tab or a colour code gets through (safe.terminal)."""
    text = terminal(text)
    if not laid_out:
        text = wrap(text, width)
    sys.stdout.write(encodable(text, getattr(sys.stdout, "encoding", None)))


def encodable(text: str, encoding: str | None) -> str:
    """`text` as a stream in `encoding` can carry it: each character it cannot show
    becomes its ASCII look-alike (`ascii_only`: a dash for "–", "*" for a bullet, a
    table's rules as +-|), not a "?" that reads as a question."""
    enc = encoding or "utf-8"
    try:
        text.encode(enc)
        return text
    except LookupError:
        enc = "ascii"
    except UnicodeEncodeError:
        pass
    out = []
    for ch in text:
        try:
            ch.encode(enc)
            out.append(ch)
        except UnicodeEncodeError:
            out.append(ascii_only(ch))
    return "".join(out)


_ASCII_MAP = {
    "–": "-",
    "—": "-",
    "‐": "-",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "…": ".",
    "·": ".",
    "•": "*",
    "×": "x",
    "→": ">",
}


def ascii_only(text: str) -> str:
    """One ASCII character per character (so widths stay what they were)."""
    if text.isascii():
        return text
    import unicodedata

    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif ch in _ASCII_MAP:
            out.append(_ASCII_MAP[ch])
        elif 0x2500 <= ord(ch) < 0x2580:  # box drawing: a table's rules
            out.append(_box(unicodedata.name(ch, "")))
        else:
            base = unicodedata.normalize("NFKD", ch)[:1]
            out.append(base if base.isascii() and base.isprintable() else "?")
    return "".join(out)


def _box(name: str) -> str:
    """A box-drawing character by its name: a straight rule, or a corner or a joint."""
    words = set(name.split())
    if words & {"UP", "DOWN", "LEFT", "RIGHT"}:
        return "+"
    if "VERTICAL" in words:
        return "|"
    return "-" if "HORIZONTAL" in words else "+"


# --- width ---------------------------------------------------------------------------------

DEFAULT_COLUMNS = 80  # off a terminal (a pipe, a file): what most readers expect
MIN_COLUMNS = 20  # below this nothing reads well; wrap as if this wide


def columns(stream: object = None) -> int:
    """The width to lay text out for: COLUMNS when set, else the terminal's, else 80."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return max(int(env), MIN_COLUMNS)
    out = stream if stream is not None else sys.stdout
    fileno = getattr(out, "fileno", None)
    try:
        cols = os.get_terminal_size(fileno()).columns if fileno else 0
    except (OSError, ValueError):
        return DEFAULT_COLUMNS
    return max(cols, MIN_COLUMNS) if cols > 0 else DEFAULT_COLUMNS


_BULLETS = ("• ", "- ", "* ", "· ", "▶ ", "○ ", "◆ ", "✓ ", "✗ ")
_BOX = range(0x2500, 0x2580)  # box drawing: a table row is laid out for its width already


# Wrapping is done by hand, without `re`: importing it (and the `enum` it imports)
# costs `mlpath next` ~2 ms, a tenth of its budget.
_UNITS = ("h/week", "min", "days", "day", "weeks", "week", "h")


def _words(line: str) -> list[str]:
    """Each word with the spaces before it: ["  •", " Title", "  meta", ...]."""
    parts: list[str] = []
    i, n = 0, len(line)
    while i < n:
        j = i
        while j < n and line[j] == " ":
            j += 1
        k = j
        while k < n and line[k] != " ":
            k += 1
        if k == j:
            break  # trailing spaces
        parts.append(line[i:k])
        i = k
    return parts


def _last_gap_end(plain: str, start: int) -> int | None:
    """Where the last run of two or more spaces between two words ends (a column)."""
    last = None
    i, n = start, len(plain)
    while i < n:
        if plain[i] != " ":
            i += 1
            continue
        j = i
        while j < n and plain[j] == " ":
            j += 1
        if j - i >= 2 and i > start and j < n:
            last = j
        i = j
    return last


def _ends_in_figure(part: str) -> bool:
    return _strip_ansi(part)[-1:] in tuple("0123456789")


def _is_unit(word: str) -> bool:
    """A figure's unit: h, min, h/week, day(s), week(s), not followed by a letter."""
    plain = _strip_ansi(word)
    for unit in _UNITS:
        if plain.startswith(unit):
            rest = plain[len(unit) : len(unit) + 1]
            return not (rest.isascii() and rest.isalpha())
    return False


def _strip_ansi(text: str) -> str:
    """`text` without its SGR codes (ESC [ digits ; ... m), by hand: no `re` needed."""
    if "\x1b" not in text:
        return text
    out: list[str] = []
    i = 0
    while True:
        j = text.find("\x1b[", i)
        if j < 0:
            out.append(text[i:])
            return "".join(out)
        out.append(text[i:j])
        k = j + 2
        while k < len(text) and (text[k].isdigit() or text[k] == ";"):
            k += 1
        if k < len(text) and text[k] == "m":
            i = k + 1
        else:  # not a colour code: keep it as it is
            out.append(text[j:k])
            i = k


def _narrow(o: int) -> bool:
    """Characters mlpath prints that take one cell and combine with nothing: Latin,
    punctuation (— • …), arrows, box drawing and shapes (▶ ○ ◆), ✓ and ✗."""
    return (
        o < 0x0300
        or 0x2000 <= o <= 0x206F
        or 0x2190 <= o <= 0x21FF
        or 0x2500 <= o <= 0x25FF
        or o in (0x2713, 0x2717)
    )


def cells(text: str) -> int:
    """Terminal cells `text` takes (ANSI codes take none; wide characters two)."""
    plain = _strip_ansi(text)
    if plain.isascii() or all(_narrow(ord(c)) for c in plain):
        return len(plain)
    from unicodedata import combining, east_asian_width

    return sum(0 if combining(c) else 2 if east_asian_width(c) in "WF" else 1 for c in plain)


def hang_of(line: str, width: int) -> int:
    """Where a wrapped line's continuation starts.

    - a bullet (`  • Title`): under the text after the bullet;
    - a row of columns (`ok       state file  message`, two spaces or more
      between them): under its last column, when that leaves half the width;
    - otherwise two cells in from the line's first character, so the break shows.
    """
    plain = _strip_ansi(line)
    body = plain.lstrip(" ")
    lead = len(plain) - len(body)
    for bullet in _BULLETS:
        if body.startswith(bullet):
            return lead + cells(bullet)
    gap = _last_gap_end(plain, lead)
    if gap is not None:
        column = cells(plain[:gap])
        if column <= width // 2:
            return column
    return lead + 2 if lead + 2 < width // 2 else lead


def _plain(line: str) -> str:
    return _strip_ansi(line)


def _is_table_row(line: str) -> bool:
    body = _plain(line).lstrip(" ")
    return bool(body) and ord(body[0]) in _BOX


def _is_command(line: str) -> bool:
    # `mlpath doctor: FOLDER` is a heading that names a folder, not a command to paste
    words = _plain(line).split(maxsplit=2)
    return len(words) > 1 and words[0] == "mlpath" and not words[1].endswith(":")


def wrap_line(line: str, width: int, hang: int | None = None) -> list[str]:
    """One line as lines of at most `width` cells, broken only between words.

    Spaces inside the line are kept as they are (columns stay aligned) except
    at a break; a word wider than the width stays whole. ANSI styles carry on
    across a break (the terminal keeps them until their reset).
    """
    if cells(line) <= width or _is_table_row(line) or _starts_with_file(line):
        return [line]
    if _is_command(line) and hang is None:
        # A command to copy wraps with shell continuations, so pasting it whole
        # still runs one command: `mlpath plan ... \` / `    --skip 1`.
        lead = len(_plain(line)) - len(_plain(line).lstrip(" "))
        pieces = wrap_line(line, max(width - 2, 1), lead + 2)
        return [p + " \\" for p in pieces[:-1]] + pieces[-1:]
    indent = " " * (hang_of(line, width) if hang is None else hang)
    out: list[str] = []
    current = ""
    used = 0
    parts = _words(line)
    head = _file_word(parts, (width - len(indent)) // 2)
    if head:  # `ok  state file  /path/state.json: ...`: the file and what leads to it, whole
        parts = ["".join(parts[: head + 1]), *parts[head + 1 :]]
    for group in _groups(parts, width - len(indent)):
        size = cells(group)
        if current and used + size > width:
            out.append(current)
            word = group.lstrip(" ")
            current, used = indent + word, len(indent) + cells(word)
        else:
            current += group
            used += size
    if current:
        out.append(current)
    return out


_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep oct nov dec january february march april june july "
    "august september october november december".split()
)


def _is_month(word: str) -> bool:
    return _strip_ansi(word).strip(" (,").lower() in _MONTHS


def _glued(part: str, after: str) -> bool:
    """`after` travels with `part`: a figure and its unit ("15 h/week"), a day and its
    month ("05 Jul"), a month and its year ("Jul 2027)")."""
    if after[:1] != " " or after[1:2] == " ":
        return False
    nxt = after[1:]
    if _ends_in_figure(part):
        return _is_unit(nxt) or _is_month(nxt)
    plain = _strip_ansi(nxt)
    return _is_month(part) and plain[:4].isdigit() and not plain[4:5].isdigit()


def _groups(parts: list[str], room: int) -> list[str]:
    """The words of a line in the groups a break never splits: the glued pairs above and
    an inline `command` (a backtick span). A span wider than the room breaks as words."""
    out: list[str] = []
    k = 0
    while k < len(parts):
        group = [parts[k]]
        ticks = _strip_ansi(parts[k]).count("`") % 2 == 1  # inside an open `span`
        while k + 1 < len(parts) and (ticks or _glued(parts[k], parts[k + 1])):
            k += 1
            group.append(parts[k])
            if _strip_ansi(parts[k]).count("`") % 2 == 1:
                ticks = not ticks
        k += 1
        whole = "".join(group)
        if len(group) > 1 and cells(whole) > room:
            out.extend(_groups_without_spans(group))
        else:
            out.append(whole)
    return out


def _groups_without_spans(parts: list[str]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if out and _glued(out[-1].rsplit(" ", 1)[-1], part):
            out[-1] += part
        else:
            out.append(part)
    return out


def _is_path(word: str) -> bool:
    word = _strip_ansi(word).strip(" '\"`(")
    return word.startswith(("/", "~/", "./", "../")) and "/" in word[1:]


def _file_word(parts: list[str], lead: int) -> int:
    """The index of the first word naming a file when what leads to it is at most
    `lead` cells (0: none, or only the first word): it stays on the first line with that
    lead (`ok  state file  /path: ...`, `Wrote /path.`). A file named later in a
    sentence is a word like any other, so the sentence still wraps before it ("fix:
    There is no usable backup: move /path" ran 88 columns wide at 60)."""
    k = next((k for k, part in enumerate(parts) if _is_path(part)), 0)
    return k if cells("".join(parts[:k]).strip()) <= lead else 0


def _starts_with_file(line: str) -> bool:
    """`FILE: ok (...)`, `FILE:LINE: message`: a line that starts by naming a file stays
    one line, as a compiler's does, so it reads and greps whole at any path length."""
    words = _strip_ansi(line).split(maxsplit=1)
    return bool(words) and _is_path(words[0])


def for_stderr(text: str) -> str:
    """A message for stderr, its controls escaped (safe.terminal): wrapped when stderr
    is a terminal. Captured or redirected (a script, a log) each message stays one
    line, whole for grep."""
    text = terminal(text)
    isatty = getattr(sys.stderr, "isatty", None)
    try:
        tty = bool(isatty and isatty())
    except ValueError:
        tty = False
    return wrap(text, columns(sys.stderr)) if tty else text


def wrap(text: str, width: int | None = None) -> str:
    """Every line of `text` wrapped to `width` (default: `columns()`)."""
    w = columns() if width is None else width
    return "\n".join(piece for line in text.split("\n") for piece in wrap_line(line, w))
