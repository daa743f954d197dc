"""Bodies of `config path|show|set|unset` (options: cli/spec.py)."""

from __future__ import annotations

from mlpath.cli.common import emit_json, warn
from mlpath.render.term import write


def config_path() -> None:
    from mlpath.store.config import config_path as path

    print(path())


def config_show(*, as_json: bool) -> None:
    from mlpath.store.config import KEYS, defaults, load_config

    cfg = load_config()
    for line in cfg.notices:  # a retired key (week_start): one line, not an error
        warn(line)
    base = defaults()
    settings = {
        k: {
            "value": cfg.values.get(k, base[k]),
            "source": "config" if k in cfg.values else "default",
            "help": KEYS[k],
        }
        for k in KEYS
    }
    if as_json:
        emit_json({"path": cfg.path, "exists": cfg.exists, "settings": settings})
        return
    from mlpath.render.config import config_text

    write(config_text({"path": cfg.path, "exists": cfg.exists, "settings": settings}))


def config_set(*, key: str, value: str) -> None:
    from mlpath.store.config import set_value

    result = set_value(key, value)
    if result.changed:
        write(f"Set {key} = {result.value} in {result.path}.\n")
    else:
        write(f"{key} is already {result.value}; nothing changed.\n")
    if result.other_problem:
        warn(f"config.yaml still has a problem: {result.other_problem}")


def config_unset(*, key: str) -> None:
    from mlpath.store.config import unset_value

    result = unset_value(key)
    if result.changed:
        write(f"Removed {key} from {result.path}; the default applies.\n")
    else:
        write(f"{key} was not set; nothing changed.\n")
    if result.other_problem:
        warn(f"config.yaml still has a problem: {result.other_problem}")
