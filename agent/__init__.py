"""autobm.agent: the steps of the pipeline, one concern per module.

spec (BuildingSpec) <- parsing (text -> spec); drafting (spec -> OpenSeesPy code);
sandbox (run untrusted code); inspection (model facts); checks (physics and code
compliance); report. ``graphs`` wires them into LangGraph state machines.
"""

from .errors import ConfigError, InternalError, SpecError
from .spec import BuildingSpec, complete_spec, load_spec

__all__ = ["BuildingSpec", "ConfigError", "InternalError", "SpecError", "complete_spec", "load_spec"]
