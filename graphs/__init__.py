"""autobm.graphs: the wiring of autobm.agent's steps into LangGraph state machines."""
