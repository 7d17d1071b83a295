"""Scorer "plover_gsr": the pipeline's events on the PLOVER gold-standard records (external gold).

shared/data/plover/PLOVER_GSR_CAMEO.txt is a JSON list of 322 one-sentence records drawn from the
CAMEO manual's examples (plus one DOCUMENT record, skipped), coded with the older PLOVER 0.5 labels
and CAMEO 3-letter actor codes. Each record's text is run through the pipeline as a report with no
date (the records' dates are placeholders).

Label mapping to the 16 PLOVER 2.0 types, from the manual's CAMEO->PLOVER table (PLOVER_MANUAL.tex,
section "CAMEO to PLOVER translation"):
    DEMAND -> REQUEST          (CAMEO 10)
    DISAPPROVE -> ACCUSE       (CAMEO 11; PLOVER 2.0 mode "disapprove")
    INVESTIGATE -> ACCUSE      (CAMEO 09; PLOVER 2.0 mode "investigate")
    FIGHT -> ASSAULT           (CAMEO 19)
    AGREE, CONSULT, SUPPORT, COOPERATE, AID, CONCEDE, RETREAT, REJECT, THREATEN, PROTEST,
    MOBILIZE, SANCTION, COERCE, ASSAULT keep their names.
Every label present in the file maps; a label outside the table would be skipped and counted in
the note of the "event type" row.

Rows:
  * "event type": per record, a hit (tp) when one of our events has the gold type, else a miss
    (fn); each other distinct type we find in the record is a false positive (precision over the
    set of our event types per record). Accuracies on hit records: "actor code" (our best event of
    the gold type: its actor's code among the gold source codes) and "recipient code" (vs the gold
    target codes).
  * "event/<TYPE>": the same counts for each gold type, one-vs-rest over records.
Code comparison: the GSR uses CAMEO codes, ISO alpha-3 except JAP (Japan), ITL (Italy), VTN
(Vietnam), mapped here; it codes UN bodies as IGO where storyline says UNO, so UNO counts as IGO.
IMG (international militarised group) and ISM (transnational religious group) have no storyline
counterpart: records whose gold codes are all of that kind are left out of the code accuracies.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Optional

from ..models import EVENT_TYPES, Event, EventArgument, Report, ReportDoc
from .core import EvalContext, Score, scorer

DATASET = "plover_gsr"
OLD_TO_PLOVER = {
    **{t: t for t in EVENT_TYPES},
    "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
}
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
OUR_TO_GSR_CODE = {"UNO": "IGO"}
NOT_COMPARABLE = {"IMG", "ISM"}


def load_records(path, limit: Optional[int] = None) -> tuple[list[dict], Counter]:
    """Event records with their PLOVER 2.0 type in "plover"; and the count of skipped labels."""
    records, skipped = [], Counter()
    for record in json.loads(path.read_text(encoding="utf-8")):
        label = record.get("event")
        if label == "DOCUMENT" or not record.get("text"):
            continue
        if label not in OLD_TO_PLOVER:
            skipped[label] += 1
            continue
        records.append({**record, "plover": OLD_TO_PLOVER[label]})
        if limit and len(records) >= limit:
            break
    return records, skipped


def gold_codes(actors) -> set[str]:
    """Comparable country/organisation codes of a GSR actor list (empty lists are written as "")."""
    if not isinstance(actors, list):
        return set()
    codes = {CAMEO_TO_ISO.get(a.get("code", ""), a.get("code", "")) for a in actors}
    return {c for c in codes if c and c not in NOT_COMPARABLE}


def our_code(argument: Optional[EventArgument]) -> Optional[str]:
    if argument is None or argument.code is None:
        return None
    return OUR_TO_GSR_CODE.get(argument.code, argument.code)


def best_of_type(rdoc: ReportDoc, event_type: str) -> Optional[Event]:
    return max((e for e in rdoc.events if e.event == event_type), key=lambda e: e.confidence, default=None)


def count_codes(row: Score, record: dict, event: Event) -> None:
    for name, role, gold_role in (("actor code", "actor", "source"), ("recipient code", "recipient", "target")):
        gold = gold_codes(record.get(gold_role))
        if gold:
            row.count(name, our_code(getattr(event, role)) in gold)


def type_rows(records: list[dict], predicted: list[set[str]]) -> list[Score]:
    rows = []
    for event_type in sorted({r["plover"] for r in records}):
        row = Score(DATASET, f"event/{event_type}")
        for record, types in zip(records, predicted):
            gold = record["plover"] == event_type
            row.tp += gold and event_type in types
            row.fn += gold and event_type not in types
            row.fp += not gold and event_type in types
        rows.append(row)
    return rows


@scorer("plover_gsr")
def score_plover_gsr(ctx: EvalContext) -> list[Score]:
    records, skipped = load_records(ctx.shared / "data" / "plover" / "PLOVER_GSR_CAMEO.txt", ctx.limit)
    reports = [Report(id=r["id"], text=r["text"], origin=f"PLOVER_GSR_CAMEO.txt:{r['id']}") for r in records]
    rdocs = list(ctx.pipeline.annotate_many(reports))
    predicted = [{e.event for e in rdoc.events} for rdoc in rdocs]

    overall = Score(DATASET, "event type", note=_note(records, skipped))
    for record, rdoc, types in zip(records, rdocs, predicted):
        gold = record["plover"]
        overall.fp += len(types - {gold})
        if gold in types:
            overall.tp += 1
            count_codes(overall, record, best_of_type(rdoc, gold))
        else:
            overall.fn += 1
    return [overall] + type_rows(records, predicted)


def _note(records: list[dict], skipped: Counter) -> str:
    note = (f"{len(records)} records; older labels mapped to PLOVER 2.0 "
            "(DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT)")
    if skipped:
        note += "; skipped, no PLOVER 2.0 counterpart: " + ", ".join(f"{k} {v}" for k, v in sorted(skipped.items()))
    return note
