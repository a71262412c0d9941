"""A small fake training run reported live to an Athanor host through `athanor_emitter`.

    npm start                                   # the demo host, http://127.0.0.1:8787/
    python3 examples/python/train_example.py    # then open the URL it prints

What it does, as a real training script would: logs through `logging.getLogger("trainer")`
(debug lines every 10 steps, info per epoch, a warning, a handled exception, a custom TRACE
level), prints to stdout, draws a tqdm-style bar on stderr with `\\r`, reports `train/loss`
every step, `eval/accuracy` every epoch and a `summary` at the end, and stops early when
someone presses Cancel. Options to see the emitter at work: `--fail` (ends `failed` with the
traceback), `--steps`, `--step-ms`, `--instance ID`, `--buffer N` (a small buffer drops
events while the host is away), `--no-emitter` (the same loop without reporting, to compare
its time), `--tqdm` (use tqdm's bar if installed), `--quiet` (no console logging).

Its last stdout line, printed after the run is closed (so not sent), is `summary {json}`:
the loop's own time and the emitter's stats.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import random
import sys
import time
from typing import Any

from athanor_emitter import Run

TRACE = 5
logging.addLevelName(TRACE, "TRACE")
log = logging.getLogger("trainer")

BLOCKS = " ▏▎▍▌▋▊▉█"


class Bar:
    """A tqdm-style bar drawn by hand: `\\r` and the whole line again on every update."""

    def __init__(self, label: str, total: int, width: int = 20):
        self.label, self.total, self.width = label, total, width
        self.started = time.perf_counter()

    def update(self, n: int, loss: float) -> None:
        filled = self.width * n / self.total
        full = int(filled)
        bar = "█" * full + (BLOCKS[int((filled - full) * 8)] if full < self.width else "")
        elapsed = time.perf_counter() - self.started
        rate = n / elapsed if elapsed > 0 else 0.0
        count = f"{n:>{len(str(self.total))}}/{self.total}"
        line = f"{self.label}: {100 * n / self.total:3.0f}%|{bar:<{self.width}}| {count}"
        sys.stderr.write(f"\r{line} [{elapsed:4.1f}s, {rate:6.1f} step/s, loss {loss:.4f}]")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")


def make_bar(label: str, total: int, use_tqdm: bool) -> Any:
    if use_tqdm:
        try:
            from tqdm import tqdm  # type: ignore[import-not-found]
        except ImportError:
            pass
        else:
            bar = tqdm(total=total, desc=label, unit="step")
            bar.update = lambda n, loss, _update=bar.update: (  # type: ignore[method-assign]
                _update(n - bar.n),
                bar.set_postfix(loss=f"{loss:.4f}", refresh=False),
            )
            return bar
    return Bar(label, total)


class Offline:
    """Stands in for the run with `--no-emitter`: the same loop, nothing reported."""

    cancel_requested = False

    def result(self, key: str, value: Any) -> None:
        pass

    def progress(self, *args: Any, **kwargs: Any) -> None:
        pass


def load_eval_shard(index: int) -> None:
    raise OSError(f"eval shard {index}: checksum mismatch (simulated)")


def train(args: argparse.Namespace, run: Any) -> dict[str, Any]:
    """The training loop; returns how long it took and how far it got."""
    rng = random.Random(args.seed)
    per_epoch = math.ceil(args.steps / args.epochs)
    log.info(
        "training toy-lm for %d steps (%d epochs)",
        args.steps,
        args.epochs,
        extra={"lr": args.lr, "batch_size": 32, "seed": args.seed},
    )
    log.log(TRACE, "tokenizer ready", extra={"vocab_size": 32000})
    print(f"model: toy-lm, 6.2M parameters; {args.steps} steps of {args.step_ms} ms")
    step, loss, best = 0, 2.5, 0.0
    started = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        steps = min(per_epoch, args.steps - step)
        bar = make_bar(f"epoch {epoch}/{args.epochs}", steps, args.tqdm)
        for i in range(steps):
            if run.cancel_requested:
                bar.close()
                print(f"stopping at step {step}: the host asked to cancel")
                return {"loop_seconds": time.perf_counter() - started, "steps": step}
            time.sleep(args.step_ms / 1000)  # the forward and backward pass
            step += 1
            loss = 2.5 * math.exp(-3 * step / args.steps) + 0.2 + rng.uniform(-0.03, 0.03)
            run.result("train/loss", round(loss, 4))
            run.progress(step, total=args.steps, unit="step", label="train")
            if step % 10 == 0:
                log.debug("step %d: loss %.4f", step, loss, extra={"step": step})
            if args.fail and step == args.steps // 2:
                bar.close()
                log.critical("out of memory at step %d; giving up", step)
                raise RuntimeError("CUDA out of memory (simulated): tried to allocate 2.00 GiB")
            bar.update(i + 1, loss)
        bar.close()
        accuracy = round(0.55 + 0.4 * (1 - math.exp(-2 * step / args.steps)), 3)
        best = max(best, accuracy)
        run.result("eval/accuracy", accuracy)
        print(f"epoch {epoch}/{args.epochs}: train loss {loss:.4f}, eval accuracy {accuracy:.3f}")
        log.info("epoch %d done: eval accuracy %.3f", epoch, accuracy, extra={"epoch": epoch})
        if epoch == 1:
            log.warning("eval accuracy %.3f is below the target 0.900", accuracy)
            try:
                load_eval_shard(7)
            except OSError:
                log.exception("eval shard 7 skipped")
    run.result("summary", {"final_loss": round(loss, 4), "best_accuracy": best, "steps": step})
    return {"loop_seconds": time.perf_counter() - started, "steps": step}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_url = os.environ.get("ATHANOR_URL", "http://127.0.0.1:8787/")
    parser.add_argument("--url", default=default_url, help="the host (default %(default)s)")
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--step-ms", type=float, default=20, help="time one step takes")
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--fail", action="store_true", help="run out of memory half-way")
    parser.add_argument("--instance", help="a host instance id to run (it holds the config)")
    parser.add_argument("--buffer", type=int, default=10_000, help="events held at most")
    parser.add_argument("--close-timeout", type=float, default=5.0)
    parser.add_argument("--no-emitter", action="store_true", help="report nothing")
    parser.add_argument("--tqdm", action="store_true", help="tqdm's bar, if installed")
    parser.add_argument("--quiet", action="store_true", help="no console logging")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    logging.getLogger().setLevel(TRACE)
    if not args.quiet:
        # Made before Run.create, the handler holds the real stderr: its lines are not captured
        # as output too (the records arrive once, as log events).
        console = logging.StreamHandler()
        console.setLevel(logging.INFO)
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logging.getLogger().addHandler(console)
    if args.no_emitter:
        print("summary " + json.dumps(train(args, Offline())))
        return
    options: dict[str, Any] = {"max_buffer": args.buffer, "close_timeout": args.close_timeout}
    if args.instance:
        run = Run.create(args.url, instance=args.instance, **options)
    else:
        config = {"model": "toy-lm", "steps": args.steps, "epochs": args.epochs, "lr": args.lr}
        name = f"toy-lm lr={args.lr:g} seed={args.seed}"
        tags = ["example", "toy"]
        config["seed"] = args.seed
        run = Run.create(args.url, name, experiment="toy-lm", config=config, tags=tags, **options)
    with run:
        print(
            f"run {run.id}: {run.url}"
            if run.id
            else f"run not opened yet: no answer from {args.url}"
        )
        outcome = train(args, run)
    print("summary " + json.dumps({**outcome, "stats": run.stats()}))


if __name__ == "__main__":
    main()
