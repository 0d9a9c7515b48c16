"""The linkage benchmark: generated cross-script lists, the engine against plain Splink.

    python -m bench.linkage.run --size 50000 [--seed 7] [--variants homecoming,baseline]
                                [--repeat 5]

Generates the lists (bench.linkage.generate), runs each variant in its own subprocess
(bench.linkage.variant) and prints one line per variant: precision, recall and F1 of
``match`` links, recall including ``possible``, wall and CPU time, peak resident memory,
with the machine load (``uptime``) before and after. Figures are appended as JSON lines
to bench/out/linkage.jsonl.

The shared 2-core machine's speed drifts by a factor of up to two within minutes (a
neighbour's memory traffic; a pure arithmetic loop does not show it), so ``--repeat N``
runs the variants in turn N times and ends with each variant's median wall time and
the median of the per-round ratios to the last variant: only variants measured side
by side, round by round, are compared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.linkage.generate import NOISES, write

OUT = Path(__file__).resolve().parents[1] / "out"


def _uptime() -> str:
    return subprocess.run(
        ["uptime"], capture_output=True, text=True, check=False
    ).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--noise",
        choices=sorted(NOISES),
        default="tuning",
        help="held-out: the noise never tuned on (report with --seed 101)",
    )
    parser.add_argument("--variants", default="homecoming,baseline")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data", type=Path, default=None, help="reuse generated lists")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of all variants")
    args = parser.parse_args()
    variants = args.variants.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp)
        if args.data is None or not (data / "truth.csv").exists():
            write(data, args.size, args.seed, NOISES[args.noise])
        OUT.mkdir(exist_ok=True)
        walls: dict[str, list[float]] = {variant: [] for variant in variants}
        for _ in range(args.repeat):
            for variant in variants:
                figures = _run(variant, data, args)
                if figures is not None:
                    walls[variant].append(figures["wall_s"])
        if args.repeat > 1:
            _summary(walls, variants)


def _run(variant: str, data: Path, args: argparse.Namespace) -> dict[str, Any] | None:
    """Run one variant in its own process, print and record its figures."""
    before = _uptime()
    proc = subprocess.run(
        [sys.executable, "-m", "bench.linkage.variant", "--variant", variant,
         "--data", str(data), "--threads", str(args.threads)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode:
        print(proc.stderr[-3000:], file=sys.stderr)
        return None
    figures: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    figures.update(
        size=args.size,
        seed=args.seed,
        date=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        uptime_before=before,
        uptime_after=_uptime(),
    )
    print(
        f"{variant:>10}: P={figures['precision']:.4f} R={figures['recall']:.4f} "
        f"F1={figures['f1']:.4f} R(+possible)={figures['recall_incl_possible']:.4f} "
        f"review={figures['links_incl_possible'] - figures['match_links']} "
        f"wall={figures['wall_s']}s cpu={figures['cpu_s']}s "
        f"rss={figures['peak_rss_mb']}MB | {figures['uptime_before']}",
        flush=True,
    )
    with (OUT / "linkage.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(figures, ensure_ascii=False) + "\n")
    return figures


def _summary(walls: dict[str, list[float]], variants: list[str]) -> None:
    """Median wall time per variant, and the median per-round ratio to the last one."""
    last = variants[-1]
    for variant in variants:
        times = walls[variant]
        if not times:
            continue
        line = f"{variant:>10}: median wall {statistics.median(times):.1f}s over {len(times)} rounds"
        if variant != last and len(walls[last]) == len(times):
            ratios = [a / b for a, b in zip(times, walls[last], strict=True)]
            line += (
                f", {statistics.median(ratios):.2f}x the {last} (per round: "
                + ", ".join(f"{r:.2f}" for r in ratios)
                + ")"
            )
        print(line)


if __name__ == "__main__":
    main()
