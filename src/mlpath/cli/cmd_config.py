"""Bodies of `config path|show|set|unset` (options: cli/spec.py)."""

from __future__ import annotations

from mlpath.cli.common import emit_json, warn


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
    print(f"{cfg.path}" + ("" if cfg.exists else " (not created yet: all defaults)"))
    for k, s in settings.items():
        value = s["value"] if s["value"] is not None else "(the one matching the level)"
        print(f"  {k:<11} {value!s:<24} {s['source']:<8} {s['help']}")


def config_set(*, key: str, value: str) -> None:
    from mlpath.store.config import set_value

    result = set_value(key, value)
    if result.changed:
        print(f"Set {key} = {result.value} in {result.path}.")
    else:
        print(f"{key} is already {result.value}; nothing changed.")
    if result.other_problem:
        warn(f"config.yaml still has a problem: {result.other_problem}")


def config_unset(*, key: str) -> None:
    from mlpath.store.config import unset_value

    result = unset_value(key)
    if result.changed:
        print(f"Removed {key} from {result.path}; the default applies.")
    else:
        print(f"{key} was not set; nothing changed.")
    if result.other_problem:
        warn(f"config.yaml still has a problem: {result.other_problem}")
