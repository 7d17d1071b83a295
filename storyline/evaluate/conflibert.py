"""Scorer "conflibert": the pipeline's events on the ConfliBERT CAMEO sentence sets (external gold).

Two training splits from eventdata/ConfliBERT serve as development sets (shared/data/conflibert):

* cameo_class.train.tsv, "sentence TAB label" with the CAMEO quad class: 0 statement / no event,
  1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
  Each sentence is a report without a date; the predicted class is the quad class of the
  highest-confidence event, or 0 when the pipeline finds none (or when that event is an appeal:
  see APPEAL_TRIGGERS). One row per class (P/R/F1 of that
  class), and a "quad/macro" row whose counts are summed over classes (so its F1 is the micro-F1,
  which for one label per sentence is the accuracy) with the macro-F1 in its note.

* cameo_ner.train.txt, one token per line with a BIO tag (B-S/I-S source, B-T/I-T target; the few
  R tags are not scored), sentences separated by blank lines. The tokens are joined back into a
  sentence; the top event's actor span is matched against the S spans and its recipient against
  the T spans. A predicted span that overlaps a gold span is a hit (tp); one that overlaps none
  is a false positive; a sentence with gold spans and no hit counts one miss (fn). Rows
  "source span", "target span".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..models import Event, Report, ReportDoc
from .core import EvalContext, Score, scorer

DATASET = "conflibert"
QUAD_NAMES = {0: "no event", 1: "verbal coop", 2: "material coop", 3: "verbal conflict", 4: "material conflict"}
# Detokenising the BIO file: tokens glued to the previous one, and tokens the next one is glued to.
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}\-]|'s|’s|'|’|n't|n’t|'re|'ve|'ll|'d|'m)$", re.IGNORECASE)
_NO_SPACE_AFTER = re.compile(r"^[(\[{$\-]$")


@dataclass
class SpanSentence:
    text: str
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: {"S": [], "T": []})


def read_class_set(path: Path, limit: Optional[int] = None) -> list[tuple[str, int]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        text, label = line.rsplit("\t", 1)
        rows.append((text.strip(), int(label)))
        if limit and len(rows) >= limit:
            break
    return rows


def read_span_set(path: Path, limit: Optional[int] = None) -> list[SpanSentence]:
    sentences, tokens = [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            token, _, tag = line.rpartition(" ")
            tokens.append((token, tag))
        elif tokens:
            sentences.append(detokenize(tokens))
            tokens = []
            if limit and len(sentences) >= limit:
                break
    return sentences


def detokenize(tokens: list[tuple[str, str]]) -> SpanSentence:
    """Join (token, BIO tag) pairs into text, keeping the character spans of the tagged chunks."""
    sentence, text, open_span = SpanSentence(""), "", None
    previous = ""
    for token, tag in tokens:
        if text and not _glued(previous, token):
            text += " "
        start = len(text)
        text += token
        kind = tag[2:] if tag[:2] in ("B-", "I-") else None
        if tag.startswith("I-") and open_span and open_span[0] == kind:
            open_span = (kind, open_span[1], len(text))
        else:
            _close(sentence, open_span)
            open_span = (kind, start, len(text)) if kind in sentence.spans else None
        previous = token
    _close(sentence, open_span)
    sentence.text = text
    return sentence


def _glued(previous: str, token: str) -> bool:
    return bool(_NO_SPACE_BEFORE.match(token) or _NO_SPACE_AFTER.match(previous)
                or (token.lower() == "s" and previous in ("'", "’")))  # "Baghdad ’ s"


def _close(sentence: SpanSentence, span: Optional[tuple[str, int, int]]) -> None:
    if span:
        sentence.spans[span[0]].append((span[1], span[2]))


def top_event(rdoc: ReportDoc) -> Optional[Event]:
    return max(rdoc.events, key=lambda e: e.confidence, default=None)


# The two label schemes part on appeals: CAMEO 02 (appeal, urge, call on) is labelled 0 in this
# data set together with plain statements, while PLOVER folds appeals and demands into REQUEST
# (verbal conflict). A REQUEST whose trigger is an appeal verb is therefore scored as class 0.
APPEAL_TRIGGERS = re.compile(r"^(?:urg|appeal|call|plead|implor|encourag|invit)", re.IGNORECASE)


def predicted_quad(rdoc: ReportDoc) -> int:
    event = top_event(rdoc)
    if event is None:
        return 0
    if event.event == "REQUEST" and APPEAL_TRIGGERS.match(event.event_text):
        return 0
    return event.quad_code


def annotate(ctx: EvalContext, texts: list[str], prefix: str) -> list[ReportDoc]:
    reports = [Report(id=f"{prefix}-{n}", text=text, origin=f"{prefix}:{n + 1}") for n, text in enumerate(texts)]
    return list(ctx.pipeline.annotate_many(reports))


def class_scores(gold: list[int], predicted: list[int]) -> list[Score]:
    rows = []
    for quad, name in QUAD_NAMES.items():
        row = Score(DATASET, f"quad/{quad} {name}")
        for g, p in zip(gold, predicted):
            row.tp += g == quad and p == quad
            row.fp += g != quad and p == quad
            row.fn += g == quad and p != quad
        rows.append(row)
    macro_f1 = sum(r.f1 for r in rows) / len(rows)
    total = Score(DATASET, "quad/macro", tp=sum(r.tp for r in rows), fp=sum(r.fp for r in rows),
                  fn=sum(r.fn for r in rows),
                  note=f"macro-F1 {macro_f1:.3f}; counts summed over classes (F1 here = micro-F1 = accuracy); "
                       f"{len(gold)} sentences")
    for g, p in zip(gold, predicted):
        total.count("accuracy", g == p)
    return rows + [total]


def span_score(task: str, gold_spans: list[list[tuple[int, int]]],
               predicted: list[Optional[tuple[int, int]]]) -> Score:
    row = Score(DATASET, task, note="top event's argument vs gold spans, overlap match, one per sentence")
    for spans, guess in zip(gold_spans, predicted):
        hit = guess is not None and any(guess[0] < end and start < guess[1] for start, end in spans)
        row.tp += hit
        row.fp += guess is not None and not hit
        row.fn += bool(spans) and not hit
    return row


def argument_span(rdoc: ReportDoc, role: str) -> Optional[tuple[int, int]]:
    event = top_event(rdoc)
    argument = getattr(event, role) if event else None
    return (argument.start, argument.end) if argument else None


@scorer("conflibert")
def score_conflibert(ctx: EvalContext) -> list[Score]:
    folder = ctx.shared / "data" / "conflibert"
    labelled = read_class_set(folder / "cameo_class.train.tsv", ctx.limit)
    rdocs = annotate(ctx, [text for text, _ in labelled], "cameo_class")
    scores = class_scores([label for _, label in labelled], [predicted_quad(r) for r in rdocs])

    sentences = read_span_set(folder / "cameo_ner.train.txt", ctx.limit)
    rdocs = annotate(ctx, [s.text for s in sentences], "cameo_ner")
    scores.append(span_score("source span", [s.spans["S"] for s in sentences],
                             [argument_span(r, "actor") for r in rdocs]))
    scores.append(span_score("target span", [s.spans["T"] for s in sentences],
                             [argument_span(r, "recipient") for r in rdocs]))
    return scores
