"""Run every benchmark at the size its issue sets a target for: ``python -m bench``.

Each benchmark runs in its own process (peak memory is per process) and prints its own
figures; copy them into RESULTS.md with the command and the machine's load. ``--quick``
runs each at a tenth of the size, to check that the benchmarks still work.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

# name -> (arguments at the target size, arguments for --quick)
BENCHMARKS: dict[str, tuple[list[str], list[str]]] = {
    "names": (["bench/names_keys.py", "--names", "200000"], ["--names", "20000"]),
    "imports": (["-m", "bench.imports.run", "--rows", "100000"], ["--rows", "10000"]),
    "linkage": (["-m", "bench.linkage.run", "--size", "50000"], ["--size", "5000"]),
    "planning-istanbul": (
        ["-m", "bench.planning.run", "--per-side", "10000"],
        ["--per-side", "1000", "--total", "100"],
    ),
    "planning-dix-hill": (
        ["-m", "bench.planning.run", "--per-side", "10000", "--agreement", "dix-hill"],
        ["--per-side", "1000", "--total", "100"],
    ),
    "ledger": (
        ["-m", "bench.ledger.run", "engine", "--entries", "100000"],
        ["--entries", "10000"],
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(BENCHMARKS))
    parser.add_argument("--quick", action="store_true", help="a tenth of the size")
    args = parser.parse_args()
    if unknown := set(args.names) - set(BENCHMARKS):
        parser.error(f"unknown benchmark: {', '.join(sorted(unknown))}")
    failed = []
    for name in args.names or BENCHMARKS:
        full, quick = BENCHMARKS[name]
        # argparse keeps the last value of a repeated option, so --quick ones win.
        command = [sys.executable, *full, *(quick if args.quick else [])]
        print(f"\n=== {name}: {' '.join(command[1:])}", flush=True)
        started = time.perf_counter()
        if subprocess.run(command, check=False).returncode != 0:
            failed.append(name)
        print(f"=== {name}: {time.perf_counter() - started:.1f} s", flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
