"""Reading a filled-in `mlpath assess` answers file (YAML or JSON).

Moved out of app/actions.py as it is: the answers file is its own format.
"""

from __future__ import annotations

from mlpath.errors import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


MAX_ANSWERS_BYTES = 1 << 20


def _filled_in(path: str, questions: list[Any]) -> dict[str, Any]:
    """{id: answer} from the questions list `assess --questions --json` prints, each
    question's "answer" filled in (null: not answered yet)."""
    out: dict[str, Any] = {}
    blank: list[str] = []
    for q in questions:
        if not isinstance(q, dict) or not isinstance(q.get("id"), str):
            raise UsageError(
                f"{path}: every question needs its id.",
                "Fill in the file `mlpath assess --questions --json` prints.",
            )
        if q.get("answer") is None:
            blank.append(q["id"])
        else:
            out[q["id"]] = q["answer"]
    if blank:
        raise _unanswered(path, blank, 'Set each question\'s "answer" to "yes" or "no".')
    return out


def load_answers(path: str, qs: list[Any], roadmap_id: str) -> dict[str, bool]:
    """An answers file: YAML or JSON, `{question id: yes|no}` (or under `answers:`,
    with an optional `roadmap:` that must match), or the questions file
    `assess --questions --json` prints with each "answer" filled in. Every question
    needs an answer."""
    import yaml

    from mlpath.core.assess import parse_answer

    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_ANSWERS_BYTES + 1)
    except OSError as exc:
        raise UsageError(
            f"Cannot read the answers file {path}: {exc.strerror or exc}.",
            "Check the path; `mlpath assess --questions` lists the question ids.",
        ) from None
    if len(raw) > MAX_ANSWERS_BYTES:
        raise UsageError(f"The answers file {path} is over 1 MB.", "Give one answer per question.")
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise UsageError(
            f"{path}{where}: the answers file is not valid YAML or JSON.",
            "Write one `id: yes` or `id: no` per line.",
        ) from None
    if isinstance(data, dict) and isinstance(data.get("questions"), list):
        # `mlpath assess --questions --json` with each "answer" filled in
        data = {
            "roadmap": data.get("roadmap"),
            "answers": _filled_in(path, data["questions"]),
        }
    if isinstance(data, dict) and isinstance(data.get("answers"), dict):
        named = data.get("roadmap")
        if named is not None and named != roadmap_id:
            import shlex  # the file's roadmap is data: the command must run as shown

            raise UsageError(
                f"{path} answers the '{named}' roadmap, not '{roadmap_id}'.",
                f"Run `{shlex.join(['mlpath', 'assess', '--roadmap', str(named), '--answers', str(path)])}`.",
            )
        data = data["answers"]
    if not isinstance(data, dict):
        raise UsageError(
            f"{path}: the answers file must map question ids to yes or no.",
            "See `mlpath assess --questions` for the ids.",
        )
    ids = [q.id for q in qs]
    unknown = [str(k) for k in data if k not in ids]
    if unknown:
        raise UsageError(
            f"{path}: '{unknown[0]}' is not a question of the '{roadmap_id}' roadmap.",
            "`mlpath assess --questions` lists its question ids.",
        )
    answers: dict[str, bool] = {}
    for key, value in data.items():
        parsed = parse_answer(value)
        if parsed is None:
            raise UsageError(f"{path}: the answer to {key} is not yes or no.", "Use yes or no.")
        answers[key] = parsed
    missing = [i for i in ids if i not in answers]
    if missing:
        raise _unanswered(
            path, missing, "Answer every question; `mlpath assess --questions` lists them."
        )
    return answers


def _unanswered(path: str, ids: list[str], hint: str) -> UsageError:
    """The one sentence for an answers file that leaves questions open."""
    more = f" (and {len(ids) - 1} more)" if len(ids) > 1 else ""
    return UsageError(f"{path} has no answer for {ids[0]}{more}.", hint)
