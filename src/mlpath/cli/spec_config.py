"""`mlpath config` and its subcommands, declared as data: cli/spec.py lists them with
the others (kept apart for room, as `skip` is in cli/specparts.py)."""

from __future__ import annotations

from mlpath.cli.specparts import Arg, Cmd, json_opt

CONFIG_CMDS: tuple[Cmd, ...] = (
    Cmd(
        ("config",),
        "Your defaults in config.yaml: hours, level, study days, roadmap, review minutes, "
        "the timer cap, daily caps, colour.\n\n"
        "Flags on the command line win over them. Examples:\n\n"
        "  mlpath config set hours 8\n\n  mlpath config show\n\n  mlpath config path",
        None,
        summary="Your defaults in config.yaml.",
        group=True,
        reads_config=False,
    ),
    Cmd(
        ("config", "path"),
        """Print where config.yaml is (it need not exist yet).

Example:  $EDITOR "$(mlpath config path)\"""",
        "cmd_config:config_path",
        summary="Print where config.yaml is.",
    ),
    Cmd(
        ("config", "show"),
        """Show every setting: its value, and whether it comes from config.yaml or the default.

Example:  mlpath config show""",
        "cmd_config:config_show",
        summary="Show every setting and where it comes from.",
        opts=(json_opt("the settings"),),
    ),
    Cmd(
        ("config", "set"),
        """Set a default in config.yaml (checked first; the file is written atomically).

Examples:

  mlpath config set hours 7.5

  mlpath config set days mon,wed,sat

  mlpath config set roadmap complete

  mlpath config set color never""",
        "cmd_config:config_set",
        summary="Set a default in config.yaml.",
        numbers_are_args=True,  # `config set hours -1` reaches the value check
        args=(
            Arg("key", "KEY", "The setting to change.", complete="complete_config_key"),
            Arg("value", "VALUE", "Its new value.", complete="complete_config_value"),
        ),
    ),
    Cmd(
        ("config", "unset"),
        """Remove a setting from config.yaml, so its default applies again.

Example:  mlpath config unset hours""",
        "cmd_config:config_unset",
        summary="Remove a setting from config.yaml.",
        args=(Arg("key", "KEY", "The setting to remove.", complete="complete_config_key"),),
    ),
)
