"""What the sentences of a corpus yield: the ceiling of skipping the parse of sentences.

    .venv/bin/python bench/sentence_needs.py [--shared ../shared] [--reports 80]

Runs the whole pipeline (--full-parse) over the first --reports reports of each corpus of
bench/throughput.py (the negotiation reports; the TempEval-3 and PolNeAR general-news mix) and
counts, among the sentences and their tokens, those holding an event, a quote, a time expression
or the first mention of an actor in its report. A sentence holding none of them yields nothing a
user or `storyline eval` sees; only those could go without the parser and the entity recogniser
without changing an output, so their share of the tokens bounds what sentence-level skipping can
save.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from storyline.models import Report  # noqa: E402
from throughput import general_news_texts, negotiation_texts  # noqa: E402

KINDS = ("event", "quote", "time expression", "new actor", "event or quote", "any of these")


def sentence_yields(pipeline, texts: list[str]) -> tuple[dict[str, int], dict[str, int], int, int]:
    """Per kind, how many sentences and tokens hold one; and the totals."""
    sentences = dict.fromkeys(KINDS, 0)
    tokens = dict.fromkeys(KINDS, 0)
    n_sentences = n_tokens = 0
    reports = [Report(id=f"t{n}", text=text, published="2024-11-19") for n, text in enumerate(texts)]
    for rdoc in pipeline.annotate_many(reports):
        record = rdoc.to_record()
        seen: set[str] = set()
        for sentence in rdoc.doc.sents:
            if not sentence.text.strip():
                continue
            lo, hi = sentence.start_char, sentence.end_char
            actors = {m.name or m.text for m in record.actors if lo <= m.start < hi}
            held = {
                "event": any(lo <= e.trigger_start < hi for e in record.events),
                "quote": any(q.start < hi and lo < q.end for q in record.quotes),
                "time expression": any(lo <= t.start < hi for t in record.timexes),
                "new actor": bool(actors - seen),
            }
            seen |= actors
            held["event or quote"] = held["event"] or held["quote"]
            held["any of these"] = any(held.values())
            n_sentences += 1
            n_tokens += len(sentence)
            for kind, yes in held.items():
                sentences[kind] += yes
                tokens[kind] += yes * len(sentence)
    return sentences, tokens, n_sentences, n_tokens


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--reports", type=int, default=80, help="reports of each corpus")
    args = ap.parse_args()
    from storyline.pipeline import Pipeline

    pipeline = Pipeline(overrides={"parse.selective": False})
    print(f"{'corpus':<12} {'sentences holding':<18} {'of sentences':>12} {'of tokens':>10}")
    for name, texts in (("negotiation", negotiation_texts(args.shared)), ("general", general_news_texts(args.shared))):
        sentences, tokens, n_sentences, n_tokens = sentence_yields(pipeline, texts[:args.reports])
        for kind in KINDS:
            print(f"{name:<12} {kind:<18} {sentences[kind] / n_sentences:>12.0%} {tokens[kind] / n_tokens:>10.0%}")
        print(f"{name:<12} ({n_sentences} sentences, {n_tokens:,} tokens in {min(len(texts), args.reports)} reports)")


if __name__ == "__main__":
    main()
