"""Command line: `python -m nlp classify [--jsonl]`, `python -m nlp evaluate FILE.jsonl`, `python -m nlp train`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _classify(as_jsonl: bool) -> int:
    from nlp import loader

    analyzer = loader.analyzer()
    output = sys.stdout
    for raw_line in sys.stdin.buffer:
        line = raw_line.decode("utf-8", errors="replace").rstrip("\r\n")
        text = line
        if as_jsonl:
            try:
                record = json.loads(line)
                text = record.get("text", "") if isinstance(record, dict) else ""
            except json.JSONDecodeError:
                text = ""
        output.write(json.dumps(analyzer.analyze(text if isinstance(text, str) else "").to_dict(), ensure_ascii=False))
        output.write("\n")
        output.flush()
    return 0


def _evaluate(path: Path) -> int:
    from nlp import loader
    from nlp.corpus import read_examples
    from nlp.evaluate import format_report, score

    print(format_report(score(read_examples(path), loader.analyzer().analyze)))
    return 0


def _train(output_dir: Path, corpus_dir: Path) -> int:
    from nlp.evaluate import format_report
    from nlp.train import main

    scores = main(output_dir, corpus_dir)
    print(f"model written to {output_dir}")
    print("held-out scores:")
    print(format_report(scores))
    return 0


def main(argv: list[str] | None = None) -> int:
    from nlp.corpus import CORPUS_DIR
    from nlp.loader import MODEL_DIR

    parser = argparse.ArgumentParser(prog="python -m nlp", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    classify = commands.add_parser("classify", help="analyse one message per stdin line, print JSON lines")
    classify.add_argument("--jsonl", action="store_true", help="input lines are JSON objects with a text field")
    evaluate = commands.add_parser("evaluate", help="score a labelled JSONL file")
    evaluate.add_argument("file", type=Path)
    train = commands.add_parser("train", help="train on the corpus; write the model and the corpus's words")
    train.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    train.add_argument("--out", type=Path, default=MODEL_DIR)
    arguments = parser.parse_args(argv)
    if arguments.command == "classify":
        return _classify(arguments.jsonl)
    if arguments.command == "evaluate":
        return _evaluate(arguments.file)
    return _train(arguments.out, arguments.corpus)


if __name__ == "__main__":
    sys.exit(main())
