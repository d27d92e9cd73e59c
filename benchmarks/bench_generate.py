"""Drafting throughput of a local model: one padded batch per ``generate`` call against one prompt a call.

``autobm eval --model-path`` (and ``autobm rounds``) draft the bench's answers with
``TransformersChatModel.generate_batch``; ``--draft-batch`` prompts share one ``generate``
call. This measures what that buys: the first ``--prompts`` bench buildings' draft prompts
(about 1,500 tokens each with SmolLM2's tokenizer), answered with the model card's sampling
(temperature 0.6, top-p 0.95) and up to ``--max-tokens`` new tokens, one prompt a call (the
baseline) and then ``--batches`` prompts a call. Each setting runs in a fresh process (the
model loaded and warmed up before the clock starts), so its peak memory is its own.

    autobm train prepare-model --out models/smollm2-135m      # once
    python benchmarks/bench_generate.py --model models/smollm2-135m [--prompts 8] [--max-tokens 512]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path


def one_setting(model_dir: str, prompts: int, max_tokens: int, batch: int, device: str | None) -> dict:
    """Run in a child process: load, warm up, draft the prompts ``batch`` to a call."""
    from langchain_core.messages import HumanMessage

    from autobm.agent.models import TransformersChatModel
    from autobm.agent.prompts import draft_prompt
    from autobm.training.evaluate import default_bench_path, load_bench

    rows = load_bench(default_bench_path(), limit=prompts)
    conversations = [[HumanMessage(draft_prompt(row.building_spec()))] for row in rows]
    model = TransformersChatModel(path=model_dir, max_new_tokens=max_tokens, seed=0, device=device)
    model.generate_batch([[HumanMessage("Say hello.")]], batch_size=1)  # load and warm up
    t0 = time.perf_counter()
    replies = model.generate_batch(conversations, batch_size=batch)
    seconds = time.perf_counter() - t0
    new_tokens = sum(r.usage_metadata["output_tokens"] for r in replies)
    return {"batch": batch, "prompts": len(conversations), "seconds": seconds, "new_tokens": new_tokens,
            "prompt_tokens": sum(r.usage_metadata["input_tokens"] for r in replies),
            "tokens_per_s": new_tokens / seconds,
            "hit_the_limit": sum(r.response_metadata["finish_reason"] == "length" for r in replies),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", required=True, help="a checkpoint directory (autobm train prepare-model's output)")
    ap.add_argument("--prompts", type=int, default=8, help="bench buildings drafted per setting")
    ap.add_argument("--max-tokens", type=int, default=512, help="new tokens per answer, at most")
    ap.add_argument("--batches", default="2,4,8", help="prompts per generate call to compare with 1")
    ap.add_argument("--device", default=None, help="torch device (default: cuda where available, else cpu)")
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # a child process's setting
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "generate.json"))
    args = ap.parse_args()
    if args.one is not None:
        print(json.dumps(one_setting(args.model, args.prompts, args.max_tokens, args.one, args.device)))
        return

    settings = []
    for batch in [1, *(int(b) for b in args.batches.split(","))]:
        command = [sys.executable, __file__, "--model", args.model, "--prompts", str(args.prompts),
                   "--max-tokens", str(args.max_tokens), "--one", str(batch)]
        if args.device:
            command += ["--device", args.device]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        settings.append(json.loads(done.stdout.strip().splitlines()[-1]))
        s = settings[-1]
        print(f"  batch {batch}: {s['seconds']:.1f} s, {s['tokens_per_s']:.1f} new tokens/s", file=sys.stderr, flush=True)
    base = settings[0]
    for s in settings:
        s["speedup"] = base["seconds"] / s["seconds"]
        s["token_rate_ratio"] = s["tokens_per_s"] / base["tokens_per_s"]

    print(f"{args.prompts} bench draft prompts, up to {args.max_tokens} new tokens each, {args.model}")
    print(f"{'prompts a call':>14} {'seconds':>8} {'new tokens':>10} {'tokens/s':>9} {'× one a call':>12} "
          f"{'at limit':>8} {'peak RSS MB':>11}")
    for s in settings:
        print(f"{s['batch']:>14} {s['seconds']:>8.1f} {s['new_tokens']:>10} {s['tokens_per_s']:>9.1f} "
              f"{s['token_rate_ratio']:>11.2f}x {s['hit_the_limit']:>8} {s['peak_rss_mb']:>11.0f}")
    result = {"model": args.model, "prompts": args.prompts, "max_tokens": args.max_tokens, "settings": settings,
              "load_average_1min_at_end": os.getloadavg()[0],
              "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
