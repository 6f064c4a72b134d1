"""What the parts of the benchmark share: where they write, and how a command is timed."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from ..paths import ROOT

BENCH = ROOT / "bench"
# Runs a command and prints the peak resident memory (KiB) of the largest process it started.
PEAK = "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)"


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of `cmd`; a failure raises with its output."""
    # Write out what earlier runs left in the page cache first, so that no run pays for another's
    # writes (on this machine that alone moved a stage by a second).
    os.sync()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *cmd], cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    return elapsed, int(done.stdout.strip().splitlines()[-1])
