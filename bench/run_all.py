"""Run every benchmark in turn (`make bench`); each prints its own table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script in sorted(HERE.glob("bench_*.py")):
    print(f"\n=== {script.name}")
    subprocess.run([sys.executable, str(script)], check=False)
