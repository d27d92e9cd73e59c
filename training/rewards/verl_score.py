"""The MGHR reward as verl's custom reward function, for the rows of ``autobm export grpo --format verl``.

verl scores a response with the function its config names; its built-in scorer does not know
``data_source`` "autobm". Point verl at this file (imports here are absolute, since verl loads
the file by path)::

    python -m verl.trainer.main_ppo ... \\
        custom_reward_function.path=$(python -c "import autobm.training.rewards.verl_score as m; print(m.__file__)") \\
        custom_reward_function.name=compute_score
    # one parallel sandbox call per batch instead of one job per response:
    #   reward_model.reward_manager=batch custom_reward_function.name=compute_score_batch
    # settings of RewardConfig (timeout_s, workers, memory_mb, completion_prefix), e.g.:
    #   +custom_reward_function.reward_kwargs.timeout_s=8

- ``compute_score(data_source, solution_str, ground_truth, extra_info=None, **settings)``:
  verl's signature (its naive and prime reward managers); returns R, the MGHR total.
- ``compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos, **settings)``:
  verl's batch reward manager; R of each response, all scripts run in one ``run_many`` call.

The building is read from ``extra_info["spec"]`` (BuildingSpec JSON, as the export writes
it), else ``extra_info["text"]``; the ground-truth period from ``ground_truth`` (the row's
``reward_model.ground_truth``, T1 in s as a string), else ``extra_info["ground_truth"]``
(``{"t1_s": ...}``). A row with neither spec nor text raises ValueError: without the
building the physics cannot be checked, and a reward computed without it would mislead
the training without a word.

>>> compute_score("autobm", "I cannot help.", "0.57", {"spec": _EXAMPLE_SPEC})
0.0025
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from autobm.training.rewards.inputs import RewardInput, reward_input
from autobm.training.rewards.mghr import RewardConfig, score_completions

__all__ = ["compute_score", "compute_score_batch"]

_EXAMPLE_SPEC = ('{"system": "rc_frame", "dimensions": 2, "stories": 1, "story_heights_m": [3.0], '
                 '"bay_widths_x_m": [6.0], "seismic": {"code": "gb50011", "intensity": 7}}')
_configs: dict[tuple[tuple[str, Any], ...], RewardConfig] = {}


def _config(settings: Mapping[str, Any]) -> RewardConfig:
    key = tuple(sorted(settings.items()))
    if key not in _configs:
        _configs[key] = RewardConfig(**settings)
    return _configs[key]


def _input(data_source: Any, solution_str: str, ground_truth: Any, extra_info: Mapping[str, Any] | None) -> RewardInput:
    extra = dict(extra_info or {})
    spec, text = extra.get("spec"), extra.get("text")
    if spec is None and text is None:
        raise ValueError(f"data_source {data_source!r}: extra_info has no 'spec' (nor 'text'): the autobm reward "
                         "needs the building; write the rows with autobm export grpo --format verl")
    truth = ground_truth if ground_truth not in (None, "") else extra.get("ground_truth")
    return reward_input(solution_str, spec=spec, text=text, ground_truth=truth)


def compute_score(data_source: Any, solution_str: str, ground_truth: Any, extra_info: Mapping[str, Any] | None = None,
                  **settings: Any) -> float:
    """R (MGHR) of one response against the row's building and ground-truth period (verl's signature)."""
    [scored] = score_completions([_input(data_source, solution_str, ground_truth, extra_info)], _config(settings))
    return scored.total


def compute_score_batch(data_sources: Sequence[Any], solution_strs: Sequence[str], ground_truths: Sequence[Any],
                        extra_infos: Sequence[Mapping[str, Any] | None], **settings: Any) -> list[float]:
    """R (MGHR) of every response of a batch, in order, all run in one parallel sandbox call."""
    inputs = [_input(source, text, truth, extra)
              for source, text, truth, extra in zip(data_sources, solution_strs, ground_truths, extra_infos, strict=True)]
    return [scored.total for scored in score_completions(inputs, _config(settings))]
