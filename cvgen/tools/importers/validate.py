"""Make the imported data a valid profile by leaving out, and reporting as not imported, whatever the model rejects."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from cvgen.errors import CvgenError
from cvgen.profile.model import Profile
from cvgen.tools.importers.result import ImportResult

# Each round removes one value; a bound so a value that cannot be removed does not loop for ever.
_MAX_ROUNDS = 50
# Location steps the model adds for union members; they are not keys in the data.
_MODEL_ONLY_STEPS = ("publication", "bibtex")


def drop_invalid(result: ImportResult) -> ImportResult:
    """Drop what would make the profile invalid, reporting it; the result always validates."""
    for _ in range(_MAX_ROUNDS):
        try:
            Profile.model_validate(result.data)
            return result
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = [x for x in err["loc"] if not (isinstance(x, str) and x in _MODEL_ONLY_STEPS)]
            if err["type"] == "missing" or not _remove_at(result.data, loc):
                loc = loc[:-1]  # a required value is missing: leave the whole entry out
                if not loc or not _remove_at(result.data, loc):
                    raise CvgenError(f"the imported profile is not valid: {err['msg']} at {err['loc']}") from None
            result.dropped.append(f"{_dotted(loc)}: left out, the profile would not be valid ({err['msg']})")
    return result


def _remove_at(data: dict[str, Any], loc: list[int | str]) -> bool:
    """Delete the value at `loc` (keys and list indexes); False if there is none."""
    node: object = data
    for step in loc[:-1]:
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and -len(node) <= step < len(node):
            node = node[step]
        else:
            return False
    last = loc[-1] if loc else None
    if isinstance(node, dict) and last in node:
        del node[last]
        return True
    if isinstance(node, list) and isinstance(last, int) and last < len(node):
        del node[last]
        return True
    return False


def _dotted(loc: list[int | str]) -> str:
    """['positions', 0, 'start'] -> 'positions[0].start', the way the report names places."""
    return ".".join(str(x) if not isinstance(x, int) else f"[{x}]" for x in loc).replace(".[", "[")
