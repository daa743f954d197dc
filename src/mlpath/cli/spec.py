"""Every command's arguments and options, declared once, as data.

Two parsers read this table (httpie's `cli/options.py` -> `definition.py` is the
model): `cli/main.py` builds the Typer app from it (help, completion, usage
errors), and `cli/fastpath.py` parses the command lines it fully understands
without importing Typer at all. Both also read what runs before a command's body
(`reads_config`, `notices_copies`) and where its body is, from the same `Cmd`.
`tests/test_cli_spec.py` holds the two against each other, so an option cannot
exist in one and not the other.

This module is on every command's start-up path: plain tuples, no imports.
"""

from __future__ import annotations

from mlpath.cli.spec_config import CONFIG_CMDS  # noqa: E402
from mlpath.cli.spec_method import with_method  # noqa: E402

# The building blocks (classes, kinds, shared options) live in cli/specparts.py,
# re-exported here: this module is the table.
from mlpath.cli.specparts import (  # noqa: E402
    DEADLINE_OPT,
    DRY_RUN_OPT,
    FINISH_BY_OPT,
    FLAG,
    INT,
    LEVEL_OPT,
    MULTI,
    ROADMAP_OPT,
    SKIP_CMD,
    SKIP_OPT,
    VALUE,
    Arg,
    Cmd,
    Opt,
    json_opt,
    on_opt,
)

_json, _on = json_opt, on_opt
_ADOPT = "Keep this machine's own plan aside in merged/ and take the remote's."

__all__ = ["FLAG", "INT", "MULTI", "VALUE", "Arg", "Cmd", "Opt"]

EPILOG = (
    "Set MLPATH_TODAY=YYYY-MM-DD to run as if on that date; MLPATH_HOME to keep state elsewhere."
)

ROOT = Cmd(
    (),
    "A study planner for people learning machine learning: pick a roadmap, get a dated "
    "week-by-week plan, and see every day what to study and whether you are on pace.\n\n"
    "Start with:  mlpath plan --hours 8 --start 'next monday'\n\n"
    "One command's options and examples:  mlpath help COMMAND",
    None,
    group=True,
    opts=(
        Opt(
            ("--home",),
            "home",
            "Folder holding state.json (default: MLPATH_HOME or your data dir).",
            metavar="DIR",
        ),
        Opt(("--no-color",), "no_color", "Never use colour.", kind=FLAG),
        Opt(
            ("--color",),
            "color",
            "always (also through a pager, e.g. less -R), auto (on a terminal) or never.",
            metavar="WHEN",
            complete="complete_color",
        ),
        Opt(("--version",), "version", "Show the version.", kind=FLAG, eager=True),
    ),
)

COMMANDS: tuple[Cmd, ...] = (
    Cmd(
        ("plan",),
        """Lay a roadmap on your calendar, week by week, and save it as your plan.

Reviews of finished items (see `mlpath review`) take their minutes from the
days they fall on, so the plan stays inside your hours.

Examples:

  mlpath plan --hours 8 --start "next monday"

  mlpath plan -r complete -H 20 --days mon,tue,thu,sat

  mlpath plan --break 2026-12-21:2027-01-03 --dry-run

  mlpath plan -r practical --skip 1 --compress 2

  mlpath plan -r practical --finish-by 2027-06-30

\b
  mlpath plan -r complete --background non-stem \\
    --pick nlp-project""",
        "cmd_plan:plan",
        summary="Lay a roadmap on your calendar as your plan.",
        opts=(
            ROADMAP_OPT,
            LEVEL_OPT,
            Opt(
                ("--hours", "-H"),
                "hours",
                "Hours you can study per week (e.g. 8 or 7.5).",
                metavar="HOURS",
            ),
            FINISH_BY_OPT,
            Opt(
                ("--start", "-s"),
                "start",
                "First day: 2027-01-04, today, 'next monday', +2w.",
                metavar="DATE",
            ),
            Opt(
                ("--days", "-d"),
                "days",
                "Study days, e.g. mon,wed,sat (default: every day).",
                metavar="DAYS",
            ),
            Opt(
                ("--break", "-b"),
                "breaks",
                "A break FIRST:LAST with no study (repeatable).",
                kind=MULTI,
                metavar="FIRST:LAST",
            ),
            DRY_RUN_OPT,
            Opt(("--force", "-f"), "force", "Replace a plan that already has progress.", kind=FLAG),
            SKIP_OPT,
            DEADLINE_OPT,
            Opt(
                ("--compress",),
                "compress",
                "Give a phase you partly know half its effort (repeatable).",
                kind=MULTI,
                metavar="PHASE",
                complete="complete_phase",
            ),
            Opt(
                ("--background",),
                "backgrounds",
                "Who you are, as the roadmap's document says it, e.g. software-engineer "
                "(repeatable; `mlpath roadmaps show ID` lists them).",
                kind=MULTI,
                metavar="ID",
                complete="complete_background",
            ),
            Opt(
                ("--pick",),
                "picks",
                "An idea to do where a phase offers ideas to choose from (repeatable).",
                kind=MULTI,
                metavar="ID",
                complete="complete_pick",
            ),
            Opt(
                ("--review-minutes",),
                "review_minutes",
                "Minutes each review of a finished item takes from study time "
                "(default 5, or config; 0: none).",
                metavar="MINUTES",
            ),
            _json("the plan"),
        ),
    ),
    Cmd(
        ("assess",),
        """A placement check: which level fits you and which phases you can skip or compress.

Asks the roadmap's prerequisites and, per phase, what its source document says
you should be able to do by the phase's end (y/n, or arrows and Enter). Prints
the level and phases with a reason for each, and the `mlpath plan` command that
adopts them (--apply runs it).

Examples:

  mlpath assess

  mlpath assess -r practical --apply --hours 10

  mlpath assess --questions --json > answers.json

  (set each question's "answer" to "yes" or "no" in answers.json, then)

  mlpath assess --answers answers.json""",
        "cmd_plan:assess",
        summary="Find your level and what you can skip.",
        opts=(
            Opt(
                ("--roadmap", "-r"),
                "roadmap",
                "Roadmap to place you in (default: your plan's, else config's).",
                metavar="ID|FILE",
                complete="complete_roadmap",
            ),
            Opt(
                ("--answers",),
                "answers",
                "A YAML/JSON file of answers (`p1-1: yes`, or the --questions --json "
                "file with each answer filled in): no questions.",
                metavar="FILE",
            ),
            Opt(
                ("--apply",),
                "apply",
                "Make the recommended plan now (asks before replacing progress).",
                kind=FLAG,
            ),
            Opt(
                ("--force", "-f"),
                "force",
                "With --apply: replace a plan with progress without asking.",
                kind=FLAG,
            ),
            Opt(
                ("--hours", "-H"),
                "hours",
                "Hours per week for the plan it recommends.",
                metavar="HOURS",
            ),
            Opt(("--start", "-s"), "start", "First day of the plan it recommends.", metavar="DATE"),
            Opt(
                ("--questions",),
                "list_questions",
                "Only list the questions and their ids.",
                kind=FLAG,
            ),
            _json("the result"),
        ),
    ),
    Cmd(
        ("next",),
        """What to study now, the next milestone, this week's hours and your pace.

Example:  mlpath next""",
        "cmd_daily:next_cmd",
        summary="What to study now, and your pace.",
        opts=(Opt(("--json",), "as_json", "Print as JSON.", kind=FLAG),),
    ),
    Cmd(
        ("done",),
        """Mark milestones, projects or topics done (a milestone completes its phase).

An id, a phase number (2, p2) or a unique id prefix acts at once; a title or a
near miss never does: on a terminal mlpath asks which item you meant, otherwise
it lists the candidates and changes nothing (exit 2).

Examples:

  mlpath done cnn-from-scratch

\b
  mlpath done 2 --on yesterday --note "CIFAR-10 at 91%" \\
    --evidence https://github.com/me/cnn""",
        "cmd_daily:done",
        summary="Mark milestones, projects or topics done.",
        args=(
            Arg(
                "items",
                "ITEM",
                "Item id, phase number (3, p3), id prefix, or a title (asks first).",
                many=True,
                complete="complete_item",
            ),
        ),
        opts=(
            _on("When you finished it (default today)."),
            Opt(("--note",), "note", "A note to keep with it.", metavar="TEXT"),
            Opt(("--evidence",), "evidence", "A URL or path showing the work.", metavar="URL|PATH"),
            _json("the change and pace"),
        ),
    ),
    Cmd(
        ("review",),
        """Revisit what you finished: spaced review cards scheduled with FSRS.

Every done milestone, project and topic becomes a card. With no arguments,
lists the reviews due today with their phase's resources; with ITEM and
RATING, records a review and schedules the next one (`mlpath undo` reverts it).

Examples:

  mlpath review

  mlpath review linear-algebra good

  mlpath review regression hard --on yesterday""",
        "cmd_daily:review",
        summary="Revisit what you finished (spaced review).",
        args=(
            Arg(
                "item",
                "ITEM",
                "A done item to rate (id, prefix, or a title: asks first); none: list what is due.",
                required=False,
                complete="complete_card",
            ),
            Arg(
                "rating",
                "RATING",
                "How well you remembered it: again, hard, good or easy (1-4).",
                required=False,
                complete="complete_rating",
            ),
        ),
        opts=(
            _on("When you reviewed it (default today)."),
            Opt(("--all", "-a"), "every", "List every card with its next review.", kind=FLAG),
            Opt(
                ("--forecast",),
                "forecast",
                "Review minutes for each of the next 8 weeks.",
                kind=FLAG,
            ),
            Opt(("--json",), "as_json", "Print as JSON.", kind=FLAG),
        ),
    ),
    Cmd(
        ("reopen",),
        """Un-tick a done item, keeping everything recorded after it (`mlpath undo` reverts it).

A milestone reopens its phase: the items it completed are open again, the ones
you ticked on their own stay done. Reopening something not done changes nothing.

Examples:

  mlpath reopen linear-algebra

  mlpath reopen 2""",
        "cmd_daily:reopen",
        summary="Un-tick a done item.",
        args=(
            Arg(
                "item",
                "ITEM",
                "Item id, phase number (3, p3), id prefix, or a title (asks first).",
                complete="complete_done",
            ),
        ),
        opts=(_json("the change and pace"),),
    ),
    SKIP_CMD,
    Cmd(
        ("undo",),
        """Revert the most recent change; repeat to go further back.

A change is a done, reopen, note or evidence, log, review, skip, did, timer start,
stop or cancel, replan or plan.

Example:  mlpath undo""",
        "cmd_daily:undo",
        summary="Revert the most recent change.",
        opts=(_json("the change and pace"),),
    ),
    Cmd(
        ("log",),
        """Record study time; it counts toward your pace.

Plain time is credited to what was unfinished that day, in plan order;
--item credits one item (a project worked in parallel, say).

Examples:

  mlpath log 1.5

  mlpath log 90m --on yesterday --note "StatQuest"

  mlpath log 2 --item supervised-tabular-project""",
        "cmd_daily:log",
        summary="Record study time; it counts toward your pace.",
        args=(Arg("hours", "HOURS", "Time studied: 1.5, 90m, 1h30."),),
        opts=(
            _on("Which day (default today)."),
            Opt(("--note",), "note", "What you did.", metavar="TEXT"),
            Opt(
                ("--item", "-i"),
                "item",
                "The item the time went to: id, unique id prefix or title.",
                metavar="ITEM",
                complete="complete_open",
            ),
            _json("the change and pace"),
        ),
        numbers_are_args=True,
    ),
    Cmd(
        ("replan",),
        """Re-lay the unfinished work from today (or --from), keeping what is done.

Adopts a changed roadmap too. The old plan stays in history (`mlpath undo` restores it).

Examples:

  mlpath replan

  mlpath replan --hours 12 --from "next monday"

  mlpath replan --finish-by 2027-09-30 --level advanced

  mlpath replan --catch-up 4 --dry-run

\b
  mlpath replan --background software-engineer \\
    --pick rl-project""",
        "cmd_plan:replan",
        summary="Re-lay the unfinished work from today.",
        opts=(
            Opt(
                ("--hours", "-H"),
                "hours",
                "New hours per week (default: keep).",
                metavar="HOURS",
            ),
            LEVEL_OPT,
            FINISH_BY_OPT,
            Opt(
                ("--catch-up",),
                "catch_up",
                "Behind? Keep the planned finish: more hours for the next WEEKS weeks "
                "(in quarter hours), then your usual hours.",
                metavar="WEEKS",
            ),
            DRY_RUN_OPT,
            DEADLINE_OPT,
            SKIP_OPT,
            Opt(
                ("--from",),
                "from_",
                "Re-lay the remaining work from this date (default today).",
                metavar="DATE",
            ),
            Opt(("--days", "-d"), "days", "New study days, e.g. mon,wed,sat.", metavar="DAYS"),
            Opt(
                ("--break", "-b"),
                "breaks",
                "Add a break FIRST:LAST (repeatable).",
                kind=MULTI,
                metavar="FIRST:LAST",
            ),
            Opt(
                ("--review-minutes",),
                "review_minutes",
                "New minutes per review (0: none; default: keep).",
                metavar="MINUTES",
            ),
            Opt(
                ("--background",),
                "backgrounds",
                "Your backgrounds from now on (repeatable; `none` clears; default: keep).",
                kind=MULTI,
                metavar="ID",
                complete="complete_background",
            ),
            Opt(
                ("--pick",),
                "picks",
                "Your picks from now on (repeatable; `none` clears; default: keep).",
                kind=MULTI,
                metavar="ID",
                complete="complete_pick",
            ),
            _json("the change and pace"),
        ),
    ),
    Cmd(
        ("status",),
        """The dashboard: progress bars, milestones, burndown, study time and streak.

--watch redraws when `mlpath done` or `log` change your state; Ctrl-C stops.

Examples:

  mlpath status

  mlpath status --watch

  mlpath status --json""",
        "cmd_daily:status",
        summary="The dashboard: progress, pace, burndown.",
        opts=(
            _json("the dashboard's figures"),
            Opt(
                ("--watch", "-w"),
                "watch",
                "Keep it on screen, redrawn when your progress changes (not with --json).",
                kind=FLAG,
            ),
            Opt(("--no-color",), "no_color", "Never use colour.", kind=FLAG),
            Opt(
                ("--width",),
                "width",
                "Lay it out for this many columns.",
                kind=INT,
                metavar="COLUMNS",
                lo=40,
                hi=400,
            ),
        ),
    ),
    Cmd(
        ("ui",),
        """The whole plan as an interactive terminal app: today, plan, roadmap, dashboard, reviews.

Keys: Tab or 1-5 switch views, d marks the selected item done, u undoes, l logs time,
r rates a review, / searches items, ? shows help, q quits. Changes are the same as
the commands' (`mlpath undo` reverts them), and it redraws when your state changes.

Examples:

  mlpath ui

  MLPATH_TODAY=2027-01-04 mlpath ui     (as if on that day)""",
        "cmd_daily:ui",
        summary="The whole plan as an interactive app.",
    ),
    Cmd(
        ("export",),
        """Export your plan: a calendar (.ics), a printable Markdown plan, or JSON data.

The calendar has an all-day event per milestone and a study block per week. Event ids
stay the same, so importing a new export after `mlpath replan` updates your calendar
instead of doubling it.

Examples:

  mlpath export ics -o plan.ics --alarm 1d

  mlpath export markdown -o PLAN.md

  mlpath export markdown --portfolio > portfolio.md

  mlpath export json | jq .progress.pace

  mlpath export json --share --name Ada -o ada.json""",
        "cmd_export:export",
        summary="Export your plan: ics, Markdown or JSON.",
        args=(
            Arg(
                "fmt",
                "FORMAT",
                "ics (calendar), markdown (printable plan; also md) or json (data).",
                complete="complete_export_format",
            ),
        ),
        opts=(
            Opt(
                ("--output", "-o"),
                "output",
                "Write to FILE (atomically: all or nothing) instead of standard output.",
                metavar="FILE",
            ),
            Opt(
                ("--alarm", "-a"),
                "alarm",
                "ics: a reminder this long before each event: 1d, 2h, 30m (repeatable).",
                kind=MULTI,
                metavar="BEFORE",
            ),
            Opt(
                ("--portfolio",),
                "portfolio",
                "markdown: your done milestones and projects with notes and evidence.",
                kind=FLAG,
            ),
            Opt(
                ("--share",),
                "share",
                "json: for sharing (`mlpath cohort`): no notes, no paths, only http(s) evidence.",
                kind=FLAG,
            ),
            Opt(("--name",), "name", "json: the name others see for you.", metavar="NAME"),
        ),
    ),
    Cmd(
        ("publish",),
        """Write your progress as a static site: a page, a burndown, a badge and a feed.

DIR gets index.html, burndown.svg, badge.json (a Shields endpoint badge), feed.xml
(Atom: one entry per milestone and project you finish) and README-snippet.md. The
page works offline, from any folder host (GitHub Pages) or from the file itself.
Private by default: no note, path or home folder unless --include-notes; no name
unless --name. The same state and day give the same bytes.

Examples:

\b
  mlpath publish site --name Ada \\
    --base-url https://ada.github.io/ml/

  mlpath publish site --open

  mlpath publish site --watch""",
        "cmd_publish:publish",
        summary="Write your progress as a static site.",
        args=(Arg("folder", "DIR", "The folder to write the site into (created if missing)."),),
        opts=(
            Opt(("--name",), "name", "The name the page shows (none by default).", metavar="NAME"),
            Opt(
                ("--include-notes",),
                "include_notes",
                "Show your notes and every evidence (local paths too).",
                kind=FLAG,
            ),
            Opt(
                ("--base-url",),
                "base_url",
                "The address the site is served from: absolute links in the feed and snippet.",
                metavar="URL",
            ),
            Opt(("--open",), "open_page", "Open the page in your web browser.", kind=FLAG),
            Opt(
                ("--watch", "-w"),
                "watch",
                "Keep running, rewriting the site when your progress changes.",
                kind=FLAG,
            ),
        ),
    ),
    Cmd(
        ("cohort",),
        """A class at a glance, from the learners' `mlpath export json --share` files.

Shows each learner as of the day their file was made: roadmap and level, % done,
pace, days since their last activity, next milestone and practice share, the most
behind first. Two files of one learner count once (the later one). Files that are
not mlpath exports, come from a newer mlpath or are over 8 MB are refused, one line
each, and the others still shown (exit 1).

Examples:

  mlpath cohort class/

  mlpath cohort ada.json bo.json --sort name

  mlpath cohort class/ --html class-site

  mlpath cohort class/ --json | jq '.learners[0]'""",
        "cmd_publish:cohort",
        summary="A class at a glance, from shared exports.",
        args=(
            Arg(
                "paths",
                "FILE|DIR",
                "Export files, or folders of them (their *.json files).",
                many=True,
            ),
        ),
        opts=(
            Opt(
                ("--sort",),
                "sort",
                "Order by: behind (default), name, roadmap, done, idle, due, practice.",
                metavar="FIELD",
                complete="complete_cohort_sort",
            ),
            Opt(
                ("--html",),
                "html",
                "Also write the table as a static page into this folder.",
                metavar="DIR",
            ),
            _json("the class"),
        ),
    ),
    Cmd(
        ("roadmaps",),
        "List the roadmaps (bundled and your own), show one, or validate a roadmap file.\n\n"
        "Examples:\n\n  mlpath roadmaps\n\n  mlpath roadmaps show complete\n\n"
        "  mlpath roadmaps validate my-roadmap.yaml",
        "cmd_roadmaps:roadmaps_list",
        summary="List, show or check roadmaps.",
        group=True,
        opts=(_json("the list"),),
    ),
    Cmd(
        ("roadmaps", "show"),
        """Show a roadmap: its phases, every assumed figure and why, backgrounds, ideas.

Also its audience, overrides, career paths, tips, guidance and FAQ.

Examples:

  mlpath roadmaps show complete

  mlpath roadmaps show practical --brief""",
        "cmd_roadmaps:roadmaps_show",
        summary="Show a roadmap: phases, figures, ideas.",
        args=(Arg("roadmap", "ROADMAP", "Roadmap id or YAML file.", complete="complete_roadmap"),),
        opts=(
            Opt(("--brief",), "brief", "Only the list of phases.", kind=FLAG),
            _json("the roadmap"),
        ),
    ),
    Cmd(
        ("roadmaps", "validate"),
        """Check roadmap files; print 'ok' or every problem as FILE:LINE: field: message.

Example:  mlpath roadmaps validate ~/.config/mlpath/roadmaps/mine.yaml""",
        "cmd_roadmaps:roadmaps_validate",
        summary="Check roadmap files.",
        args=(Arg("files", "FILE", "Roadmap YAML file(s) to check.", many=True),),
    ),
    *CONFIG_CMDS,  # cli/spec_config.py
    Cmd(
        ("merge",),
        """Fold other copies of your progress into this one (another machine's, a sync conflict).

With no FILE it takes the conflict copies beside state.json (Syncthing, Dropbox,
Nextcloud, OneDrive) and both sides of a git conflict inside state.json. Events
are merged by id: nothing either copy recorded is lost or counted twice. The
merged copies are moved into merged/ beside the state, never deleted.

Examples:

  mlpath merge

  mlpath merge ~/usb/state.json""",
        "cmd_sync:merge",
        summary="Fold in other copies of your progress.",
        notices_copies=False,
        args=(
            Arg(
                "files",
                "FILE",
                "Other copies of state.json (default: the conflict copies beside it).",
                many=True,
                required=False,
            ),
        ),
        opts=(_json("what came in"),),
    ),
    Cmd(
        ("sync",),
        """Commit your progress, pull another machine's and push, when MLPATH_HOME is in a git repository.

The first run installs a git merge driver for state.json, so pulls merge two
machines' events instead of conflicting. Needs git and a git identity.

Example:

  mlpath sync""",
        "cmd_sync:sync",
        summary="Commit, pull and push your progress with git.",
        notices_copies=False,
        opts=(Opt(("--adopt-remote",), "adopt_remote", _ADOPT, kind=FLAG), _json("its report")),
    ),
    Cmd(
        ("doctor",),
        """Check the state file, its backup, the lock, the roadmap and the config; say how to repair.

Exit 0 when nothing is wrong (notes and warnings included), 1 when a problem is found.

Examples:

  mlpath doctor

  mlpath doctor --restore""",
        "cmd_doctor:doctor",
        summary="Check the state and say how to repair it.",
        reads_config=False,
        notices_copies=False,
        opts=(
            Opt(
                ("--restore",),
                "restore",
                "Put state.json.bak back as state.json, keeping the current file as "
                "state.json.damaged-TIME.",
                kind=FLAG,
            ),
            Opt(("--yes", "-y"), "yes", "Restore without asking first.", kind=FLAG),
            Opt(("--drop",), "drop", "Remove event EVENT as an undo would.", metavar="EVENT"),
            _json("the checks"),
        ),
    ),
)

# the method's commands and options (timer, habits, theory/practice): cli/spec_method.py
COMMANDS = with_method(COMMANDS)
BY_PATH: dict[tuple[str, ...], Cmd] = {c.path: c for c in COMMANDS}


def find(words: list[str]) -> tuple[Cmd, int] | None:
    """The command named by the leading words of argv, and how many words named it."""
    best = None
    for n in (2, 1):
        cmd = BY_PATH.get(tuple(words[:n]))
        if cmd is not None:
            best = (cmd, n)
            break
    return best


def top(cmd: Cmd) -> Cmd:
    """The top-level command `cmd` is (or is under): its behaviour holds for its subcommands."""
    return BY_PATH.get(cmd.path[:1], cmd)


def _command_words(argv: list[str]) -> tuple[Cmd, list[tuple[str, Opt | None]]] | None:
    """The command a line names and the words that stand where its options stand, each
    with the option it is (None: not one of the command's): the values options take
    are passed over, whatever they look like, and nothing after `--` counts. None when
    the line names no command."""
    argv = hoist_globals(argv)
    i = _after_globals(argv)
    found = find(argv[i : i + 2])
    if found is None:
        return None
    cmd, n = found
    by_name = {name: o for o in cmd.opts for name in o.names}
    words: list[tuple[str, Opt | None]] = []
    j = i + n
    while j < len(argv) and argv[j] != "--":
        opt = by_name.get(argv[j])
        words.append((argv[j], opt))
        if opt is not None and opt.kind != FLAG:
            j += 1  # its value, whatever it looks like
        j += 1
    return cmd, words


def wants_json(argv: list[str]) -> bool:
    """Whether this command line asks for JSON, read as the parser reads it: `--json` as
    an option of a command that has it, not the value of another option
    (`log 1 --note --json` notes "--json") and not after `--`. For a line naming no
    command, any `--json` before `--` counts (its usage error comes as JSON)."""
    found = _command_words(argv)
    if found is None:
        cut = argv.index("--") if "--" in argv else len(argv)
        return "--json" in argv[:cut]
    return any(opt is not None and opt.dest == "as_json" for _, opt in found[1])


def wants_help(argv: list[str]) -> bool:
    """Whether this command line asks a command for its help: `-h`/`--help` as an
    option of the command it names (not the value of another option, not after `--`,
    not a name the command uses itself), read as `wants_json` reads `--json`."""
    found = _command_words(argv)
    return found is not None and any(
        word in ("-h", "--help") and opt is None for word, opt in found[1]
    )


def _after_globals(argv: list[str]) -> int:
    """Where the command begins: past the global options (`--home DIR`: DIR is none)."""
    i = 0
    while i < len(argv) and argv[i].startswith("-") and argv[i] != "--":
        i += 2 if argv[i] in GLOBAL_VALUES else 1
    return i


# The global options that may also follow the command (`mlpath next --home X`).
GLOBAL_FLAGS = tuple(n for o in ROOT.opts if o.kind == FLAG and not o.eager for n in o.names)
GLOBAL_VALUES = tuple(n for o in ROOT.opts if o.kind == VALUE for n in o.names)


def help_words(argv: list[str]) -> list[str]:
    """`mlpath help [COMMAND...]` as `mlpath [COMMAND...] --help`, the way git and cargo
    read it: a newcomer's first guess was "No such command 'help'"."""
    k = _after_globals(argv)
    if k >= len(argv) or argv[k] != "help":
        return argv
    rest = argv[k + 1 :]
    while rest[:1] == ["help"]:  # `mlpath help help`: help itself is the root's help
        rest = rest[1:]
    return [*argv[:k], *rest, "--help"]


def hoist_globals(argv: list[str]) -> list[str]:
    """Let `--home X`, `--color X` and `--no-color` follow the command too (`mlpath next --home X`):
    move them in front of it, where the command line defines them. Stops at `--`."""
    out_front: list[str] = []
    rest: list[str] = []
    i = 0
    seen_command = False
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        if not seen_command and not arg.startswith("-"):
            seen_command = True
        if seen_command and arg in GLOBAL_FLAGS:
            out_front.append(arg)
        elif seen_command and arg in GLOBAL_VALUES and i + 1 < len(argv):
            out_front += [arg, argv[i + 1]]
            i += 1
        elif seen_command and arg.split("=", 1)[0] in GLOBAL_VALUES and "=" in arg:
            out_front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return out_front + rest if out_front else argv
