"""Summarise Rasa's JSON test reports in reports/eval.md (run by `make eval`).

Reads reports/heldout (tests/nlu/test_nlu.yml on the trained model), reports/cv
(cross-validation on bot/nlu) and reports/stories (rasa test core on tests/stories).
Standard library only.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

NOT_LABELS = {"accuracy", "macro avg", "weighted avg", "micro avg"}


def load(path: Path) -> dict | None:
    return json.loads(path.read_text()) if path.exists() else None


def labels(report: dict) -> dict:
    return {k: v for k, v in report.items() if k not in NOT_LABELS and isinstance(v, dict)}


def headline(report: dict | None) -> str:
    if not report:
        return "not run"
    macro = report.get("macro avg", {})
    accuracy = report.get("accuracy")
    acc = f", accuracy {accuracy:.3f}" if isinstance(accuracy, float) else ""
    return f"macro-F1 {macro.get('f1-score', 0):.3f}{acc} ({macro.get('support', 0)} examples)"


def confused_pairs(report: dict, top: int = 10) -> list[tuple[int, str, str]]:
    """(count, true label, predicted label), most frequent first."""
    pairs = [(n, label, other) for label, row in labels(report).items()
             for other, n in (row.get("confused_with") or {}).items()]
    return sorted(pairs, key=lambda p: (-p[0], p[1], p[2]))[:top]


def table(report: dict, weakest_first: bool = True, limit: int | None = None) -> list[str]:
    rows = sorted(labels(report).items(), key=lambda kv: (kv[1].get("f1-score", 0), kv[0]))
    if not weakest_first:
        rows.sort(key=lambda kv: kv[0])
    rows = rows[:limit] if limit else rows
    out = ["| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    out += [f"| {name} | {r['precision']:.2f} | {r['recall']:.2f} | {r['f1-score']:.2f} | {r['support']} |"
            for name, r in rows]
    return out


def pairs_lines(report: dict) -> list[str]:
    pairs = confused_pairs(report)
    if not pairs:
        return ["No confusions."]
    return [f"- {true} → {predicted}: {n}" for n, true, predicted in pairs]


def section(title: str, directory: Path, full_table: bool) -> list[str]:
    intents = load(directory / "intent_report.json")
    responses = load(directory / "response_selection_report.json")
    entities = load(directory / "DIETClassifier_report.json")
    regex = load(directory / "RegexEntityExtractor_report.json")
    out = [f"## {title}", "",
           f"- intents: {headline(intents)}",
           f"- FAQ answers (ResponseSelector, faq/<topic>): {headline(responses)}",
           f"- entities (DIET: product, period, plate_reason): {headline(entities)}",
           f"- entities (regex: license_plate): {headline(regex)}", ""]
    if intents:
        out += ["Most confused intent pairs (true → predicted: count):", "", *pairs_lines(intents), ""]
        out += ["Per intent" + ("" if full_table else " (the 10 weakest)") + ":", "",
                *table(intents, limit=None if full_table else 10), ""]
    if responses and confused_pairs(responses):
        out += ["Most confused FAQ topics:", "", *pairs_lines(responses), ""]
    return out


def stories(directory: Path) -> list[str]:
    report = load(directory / "story_report.json")
    out = ["## Test stories (rasa test core on tests/stories)", ""]
    if not report:
        return out + ["not run", ""]
    conv = report.get("conversation_accuracy", {})
    failed = directory / "failed_test_stories.yml"
    failed_text = failed.read_text() if failed.exists() else ""
    n_failed = failed_text.count("- story:")
    out += [f"- conversations: {conv.get('correct', '?')} of {conv.get('total', '?')} correct "
            f"(accuracy {conv.get('accuracy', 0):.3f})",
            f"- actions: {headline(report)}",
            f"- failed stories: {n_failed} (see {failed})" if n_failed else "- failed stories: none", ""]
    return out


def main(root: str = "reports") -> None:
    base = Path(root)
    lines = [f"# Evaluation ({datetime.now():%Y-%m-%d %H:%M})", "",
             "Made by `make eval` from Rasa's JSON reports in this folder.", ""]
    lines += section("Held-out NLU test set (tests/nlu/test_nlu.yml, never trained on)", base / "heldout", True)
    lines += section("Cross-validation on the training data (bot/nlu)", base / "cv", False)
    lines += stories(base / "stories")
    (base / "eval.md").write_text("\n".join(lines))
    print("\n".join(lines[:3] + [line for line in lines if line.startswith(("- intents", "- FAQ", "- conv"))]))


if __name__ == "__main__":
    main(*sys.argv[1:])
