"""Scorer "actors": gold actors of each development set found among our mentions, and their identity.

A gold actor (name, text, code, sector, kind) is found by one of our mentions with exactly its
text, failing that with its canonical name. Our mentions whose text or name matches no gold actor
of the document count as false positives (approximate: gold lists each actor once). Accuracies
"code" and "code+sector" are measured on the found gold actors; errors are counted by class
(no code, wrong code, wrong sector, not found) with the way the mention was resolved.
"""
from __future__ import annotations

from ..models import ActorMention
from .core import EvalContext, Score, scorer


def _match(gold: dict, mentions: list[ActorMention]) -> ActorMention | None:
    by_text = [m for m in mentions if m.text == gold["text"]]
    if by_text:
        return by_text[0]
    return next((m for m in mentions if m.name and m.name == gold["name"]), None)


def error_class(found: ActorMention | None, gold: dict) -> str | None:
    if found is None:
        return f"not found: {gold['kind']}"
    if found.code != gold["code"]:
        what = "no code" if found.code is None else "wrong code"
        return f"{what}: {gold['kind']} ({found.evidence})"
    if found.sector != gold["sector"]:
        return f"wrong sector: {found.sector} for {gold['sector']} ({found.evidence})"
    return None


@scorer("actors")
def score_actors(ctx: EvalContext) -> list[Score]:
    scores = []
    for dataset, docs in ctx.each_dev_set():
        score = Score(dataset=dataset, task="actors",
                      note="gold actors matched by exact text, else canonical name; fp approximate")
        for rdoc, gold in docs:
            golds = gold.get("actors", [])
            for g in golds:
                found = _match(g, rdoc.actors)
                error = error_class(found, g)
                if error:
                    score.errors[error] += 1
                if found is None:
                    score.fn += 1
                    continue
                score.tp += 1
                score.count("code", found.code == g["code"])
                score.count("code+sector", (found.code, found.sector) == (g["code"], g["sector"]))
            gold_keys = {g["text"] for g in golds} | {g["name"] for g in golds}
            score.fp += sum(1 for m in rdoc.actors if m.text not in gold_keys and m.name not in gold_keys)
        scores.append(score)
    return scores
