"""Compare the NLU training items of bot/nlu between a git revision and the work tree
(or a second revision): the multiset of (kind, name, example line) for intents, synonyms,
regexes and lookups, whatever file they are in. Exit 1 when they differ.

    .venv/backend/bin/python scripts/compare_nlu.py main [OTHER_REV]
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("intent", "synonym", "regex", "lookup")


def texts(rev: str | None) -> list[str]:
    if rev is None:
        return [p.read_text() for p in sorted((ROOT / "bot" / "nlu").glob("*.yml"))]
    git = ["git", "-C", str(ROOT)]
    names = subprocess.run([*git, "ls-tree", "--name-only", f"{rev}:bot/nlu"], capture_output=True,
                           text=True, check=True).stdout.split()
    return [subprocess.run([*git, "show", f"{rev}:bot/nlu/{n}"], capture_output=True, text=True,
                           check=True).stdout for n in names if n.endswith(".yml")]


def items(sources: list[str]) -> Counter:
    found: Counter = Counter()
    for source in sources:
        for block in (yaml.safe_load(source) or {}).get("nlu") or []:
            kind = next(k for k in KINDS if k in block)
            for line in block["examples"].splitlines():
                if line.strip():
                    found[(kind, block[kind], line.strip().removeprefix("- "))] += 1
    return found


def main(argv: list[str]) -> int:
    before = items(texts(argv[0]))
    after = items(texts(argv[1] if len(argv) > 1 else None))
    for key in sorted(set(before) | set(after)):
        if before[key] != after[key]:
            print(f"{before[key]} → {after[key]}: {key}")
    same = before == after
    print(f"{sum(before.values())} items before, {sum(after.values())} after: {'identical' if same else 'DIFFERENT'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["HEAD"]))
