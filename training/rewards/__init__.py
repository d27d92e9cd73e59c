"""Rewards for GRPO training: the MGHR reward of the AutoBM paper, grounded in autobm's inspection.

R = 0.05·r_fmt + 0.25·r_ast + 0.70·r_exec (``mghr.WEIGHTS``), each component 0..1:

- ``fmt``: r_fmt, the answer's markup only (strict 1.0, loose 0.7, a python code block 0.4,
  an answer only 0.2, otherwise 0.05; 0 with code inside ``<think>``, and code found only
  there is not run);
- ``coverage``: r_ast, the 24 OpenSeesPy calls in three tiers (0.4 / 0.4 / 0.2), minus 0.05
  per undefined name (at most 0.5): the calls the script made while it ran in the sandbox
  (dead code and calls after an early exit or error do not count), names read from the text;
- ``execution``: r_exec, the sandboxed run (timeout 0.20, import error 0.25, runtime error
  0.30 + 0.25 × line / lines; a script that ran: the period autobm computes from the built
  model against the ground truth, 1.0 / 0.9 / 0.8 / 0.7 within 10 / 20 / 40 % / beyond, at
  most 0.85 unless all 24 calls were made, −0.05 unless every physics and code check passes,
  −0.15 for a printed T1 the model contradicts, −0.05 for none printed);
- ``mghr``: the batch (one parallel sandbox call), ``RewardBreakdown``, the trl function
  ``autobm_reward``; ``inputs``: dataset rows into ``RewardInput``; ``cli``: ``autobm reward``;
  ``verl_score``: ``compute_score`` / ``compute_score_batch`` for verl's
  ``custom_reward_function`` (the rows of ``autobm export grpo --format verl``).

Unlike the paper, nothing the script prints is trusted: the period is computed from the
model, compliance is checked, and a printed period is only compared with the computed one.

>>> from autobm.training.rewards import autobm_reward
>>> autobm_reward.__name__, autobm_reward([[{"role": "assistant", "content": "I cannot help."}]])
('autobm_mghr', [0.0025])
"""

from .coverage import API_TIERS, ApiCoverage, api_coverage
from .execution import ExecutionScore, execution_score
from .fmt import FormatScore, format_score
from .inputs import RewardInput, reward_input
from .mghr import WEIGHTS, RewardBreakdown, RewardConfig, autobm_reward, make_autobm_reward, score_completions

__all__ = ["API_TIERS", "WEIGHTS", "ApiCoverage", "ExecutionScore", "FormatScore", "RewardBreakdown", "RewardConfig",
           "RewardInput", "api_coverage", "autobm_reward", "execution_score", "format_score", "make_autobm_reward",
           "reward_input", "score_completions"]
