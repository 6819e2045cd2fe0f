"""Benchmark nlp: load time, messages per second on one core, added memory. Reports, never asserts."""

from __future__ import annotations

import os

# One core, one BLAS thread: set before numpy is imported (by nlp) so the pools are never started.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_variable] = "1"
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(rounds: int = 5) -> None:
    rss_before = _rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    import nlp

    nlp.load()
    load_seconds = time.perf_counter() - started
    load_cpu_seconds = time.process_time() - cpu_started
    rss_after = _rss_mb()

    from nlp import loader
    from nlp.corpus import read_corpus

    texts = [example.text for example in read_corpus()]
    nlp.analyze(texts[0])
    rates: list[float] = []
    cpu_rates: list[float] = []
    for _ in range(rounds):
        # Cold every round: the segmenter's chunk cache and the per-token feature caches would
        # otherwise remember the previous round.
        loader.analyzer().clear_caches()
        started, cpu_started = time.perf_counter(), time.process_time()
        for text in texts:
            nlp.analyze(text)
        rates.append(len(texts) / (time.perf_counter() - started))
        # CPU time leaves out the waits for a core that other work on a shared machine causes.
        cpu_rates.append(len(texts) / (time.process_time() - cpu_started))
    # With every cache full (the rounds filled them): what a long-running worker holds.
    rss_after_rounds = _rss_mb()
    rates.sort()
    cpu_rates.sort()
    started = time.perf_counter()
    points = [(t.lat, t.lon) for t in nlp.gazetteer().tambons] * 10
    for lat, lon in points:
        nlp.locate(lat, lon)
    locate_rate = len(points) / (time.perf_counter() - started)

    mean_chars = sum(map(len, texts)) / len(texts)
    print(f"{'measure':34s} value")
    print(f"{'cores used':34s} {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'}")
    print(f"{'load (import + nlp.load), s':34s} {load_seconds:.2f}")
    print(f"{'load (import + nlp.load), CPU s':34s} {load_cpu_seconds:.2f}")
    print(f"{'added RSS after load, MB':34s} {rss_after - rss_before:.0f}")
    print(f"{'added RSS after the rounds, MB':34s} {rss_after_rounds - rss_before:.0f}")
    print(f"{'analyze(), messages/s, median':34s} {rates[len(rates) // 2]:.0f}")
    print(f"{'analyze(), messages/s, best of ' + str(rounds):34s} {rates[-1]:.0f}")
    print(f"{'analyze(), messages/CPU-s, median':34s} {cpu_rates[len(cpu_rates) // 2]:.0f}")
    segmenter = loader.reader().segmenter
    print(f"{'segmenter engine, words':34s} {segmenter.engine}, {segmenter.word_count}")
    print(f"{'corpus messages, mean characters':34s} {len(texts)}, {mean_chars:.0f}")
    print(f"{'locate(), points/s':34s} {locate_rate:.0f}")


if __name__ == "__main__":
    main()
