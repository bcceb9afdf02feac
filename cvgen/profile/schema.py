"""`cvgen schema`: the profile's JSON Schema, for editors (yaml-language-server)."""

from __future__ import annotations

import json

from cvgen import __version__
from cvgen.profile.model import Profile


def json_schema() -> str:
    schema = Profile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"cvgen profile (cvgen {__version__})"
    return json.dumps(schema, indent=2, ensure_ascii=False)
