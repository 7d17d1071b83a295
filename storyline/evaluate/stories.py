"""Scorer "stories": story grouping, same-event links and disputes on the development corpus.

Two golds:
- ../shared/gold/lebanon-dev.story.json (STORY_GUIDE.md): clusters of gold event mentions that
  state one real-world occurrence, and disputes with each claim's exact text. A gold mention is
  found when the pipeline has an event for it: the events scorer's pairing (same sentence and
  type) first, else an event whose trigger lies in the mention's anchor (the guide links mentions
  whatever their coded type). Same-event pairs are scored over the pairs of found mentions and
  end to end over every gold pair, for all clusters and for strict coreference (without the
  `aggregate` and `background` clusters). Two mentions of one report that are in no cluster are
  left out: the gold keeps only clusters that span two reports. A gold dispute is found when a
  dispute of the pipeline has two sides whose mentions overlap two of its claims with different
  values; a pipeline dispute none of whose mentions overlaps a gold claim counts as spurious.
- data/story_pairs.gold.jsonl (hand-made; see data/README.md), kept as a unit check. Report lines
  give each report's story; every pair of counted reports is a gold pair (same story or not).
  Event pairs name events by report id + anchor substring + PLOVER type; an anchor is matched to
  the pipeline's event of that type whose clause overlaps it most.
"""
from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Optional

from ..models import Report
from ..store.db import Store
from .core import EvalContext, Score, find_span, scorer
from .events import gold_events_indexed, pair_events

GOLD = Path(__file__).resolve().parents[2] / "data" / "story_pairs.gold.jsonl"
STORY_GOLD = Path("gold") / "lebanon-dev.story.json"
LOOSE_KINDS = ("aggregate", "background")   # not strict event coreference (STORY_GUIDE.md)

MentionKey = tuple[str, int]   # (report id, index of the event in the report's gold events)


def _seed_reports(shared: Path) -> list[Report]:
    path = shared / "corpus" / "seeds" / "seeds.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Report(id=o["id"], text=o["text"], url=o.get("url"), outlet=o.get("outlet"),
                   published=o.get("published"), title=o.get("title"), origin=f"seeds.jsonl:{o['id']}")
            for o in rows]


def build_store(ctx: EvalContext) -> Store:
    """An in-memory store of the dev corpus (annotated once, shared) and the seeds, with stories."""
    from ..stories import assign_reports

    records = [rdoc.to_record() for rdoc, _ in ctx.gold_docs]
    records += list(ctx.pipeline.process(_seed_reports(ctx.shared)))
    store = Store(":memory:")
    store.save(records)
    assign_reports(store, [r.id for r in records])
    return store


def grouping_score(store: Store, gold: list[dict]) -> Score:
    story_of = store.stories.story_of()
    labelled = [(g["report"], g["story"]) for g in gold if g["kind"] == "report" and g["story"]]
    score = Score("lebanon-dev+seeds", "stories.grouping", note="pairs of reports in the same story")
    for (a, sa), (b, sb) in itertools.combinations(labelled, 2):
        predicted = story_of.get(a) is not None and story_of.get(a) == story_of.get(b)
        score.tp += predicted and sa == sb
        score.fp += predicted and sa != sb
        score.fn += (not predicted) and sa == sb
    return score


def _event_index(store: Store, ref: dict) -> Optional[int]:
    """The stored event of the given type whose clause overlaps the gold anchor most."""
    text = store.stories.report_text(ref["report"])
    span = find_span(text, ref["anchor"]) if text else None
    if span is None:
        return None
    rows = store.stories.event_locations(ref["report"], ref["type"])
    overlaps = [(min(e, span[1]) - max(s, span[0]), idx) for idx, s, e in rows]
    best = max((o for o in overlaps if o[0] > 0), default=None)
    return best[1] if best else None


def linking_score(store: Store, gold: list[dict]) -> Score:
    score = Score("lebanon-dev+seeds", "stories.event_linking", note="pairs of event records linked as one event")
    for g in (g for g in gold if g["kind"] == "event_pair"):
        ids = []
        for ref in (g["a"], g["b"]):
            idx = _event_index(store, ref)
            ids.append(store.stories.story_event_of(ref["report"], idx) if idx is not None else None)
        score.count("anchors found", None not in ids)
        linked = None not in ids and ids[0] == ids[1]
        score.tp += linked and g["same_event"]
        score.fp += linked and not g["same_event"]
        score.fn += (not linked) and g["same_event"]
    return score


def found_mentions(ctx: EvalContext) -> dict[MentionKey, int]:
    """Gold event -> index of the pipeline's event for it, one to one (see the module's docstring)."""
    found: dict[MentionKey, int] = {}
    for rdoc, gold in ctx.gold_docs:
        located = gold_events_indexed(rdoc, gold)
        pairs = pair_events(rdoc, rdoc.events, [(sentence, event) for sentence, event, _, _ in located])
        for predicted, n in pairs.items():
            found[(gold["id"], located[n][2])] = predicted
        used = set(pairs)
        for _, _, index, (start, end) in located:
            if (gold["id"], index) in found:
                continue
            predicted = next((p for p, e in enumerate(rdoc.events) if p not in used and start <= e.trigger_start < end),
                             None)
            if predicted is not None:
                found[(gold["id"], index)] = predicted
                used.add(predicted)
    return found


def same_event_scores(store: Store, story_gold: dict, found: dict[MentionKey, int]) -> list[Score]:
    scores = []
    for label, left_out in (("all clusters", ()), ("strict", LOOSE_KINDS)):
        clusters = [c for c in story_gold["same_events"] if c["kind"] not in left_out]
        excluded = {(m["id"], m["event_index"]) for c in story_gold["same_events"] if c["kind"] in left_out
                    for m in c["mentions"]}
        cluster_of = {(m["id"], m["event_index"]): c["cluster_id"] for c in clusters for m in c["mentions"]}
        gold_pairs = {frozenset(pair) for c in clusters
                      for pair in itertools.combinations([(m["id"], m["event_index"]) for m in c["mentions"]], 2)}
        story_event = {key: store.stories.story_event_of(key[0], index) for key, index in found.items()
                       if key not in excluded}
        predicted = {frozenset((a, b)) for a, b in itertools.combinations(sorted(story_event), 2)
                     if story_event[a] is not None and story_event[a] == story_event[b]
                     and (a[0] != b[0] or a in cluster_of or b in cluster_of)}
        found_pairs = {pair for pair in gold_pairs if all(key in story_event for key in pair)}
        within = Score("lebanon-dev", f"stories.same_event ({label}, found)",
                       note="pairs of gold mentions in one cluster, among mentions the pipeline found")
        end_to_end = Score("lebanon-dev", f"stories.same_event ({label}, all)",
                           note="the same pairs, recall over every gold pair")
        for score, wanted in ((within, found_pairs), (end_to_end, gold_pairs)):
            score.tp, score.fp, score.fn = len(predicted & wanted), len(predicted - gold_pairs), len(wanted - predicted)
        explain = _pair_explainer(store, {key: found[key] for key in story_event})
        within.errors.update("missed: " + explain.missed(pair) for pair in found_pairs - predicted)
        within.errors.update("spurious: " + explain.shared(pair) for pair in predicted - gold_pairs)
        for key in cluster_of:
            within.count("mentions found", key in story_event)
        scores += [within, end_to_end]
    return scores


class _pair_explainer:
    """Names why two found mentions were (not) linked by re-applying linking's own tests to their
    two records, the earlier one as the story event the later one would join (the weights are the
    story's term counts over all its records)."""

    def __init__(self, store: Store, found: dict[MentionKey, int]):
        from ..stories import linking as L

        self.L = L
        records = L.load_events(store.stories, sorted({key[0] for key in found}))
        by_index = {(r["report_id"], r["idx"]): r for r in records}
        self.order = {(r["report_id"], r["idx"]): n for n, r in enumerate(records)}   # linking's reading order
        self.record = {key: by_index.get((key[0], index)) for key, index in found.items()}
        self.counts: dict[int, "L.TermCounts"] = {}
        for r in records:
            self.counts.setdefault(r["story_id"], L.TermCounts()).add(r["event"], r["terms"])

    def _test(self, pair) -> tuple[dict, dict, Optional[str]]:
        first, later = sorted((self.record[k] for k in pair), key=lambda r: self.order[(r["report_id"], r["idx"])])
        weights = self.counts[later["story_id"]].weights(later["event"])
        return first, later, self.L.first_failed_test(later, self.L.new_story_event(0, first), weights)[0]

    def missed(self, pair) -> str:
        if any(self.record[k] is None for k in pair):
            return "no record"
        a, b = (self.record[k] for k in pair)
        if a["story_id"] != b["story_id"]:
            return "different story"
        return self._test(pair)[2] or "joined another story event"

    def shared(self, pair) -> str:
        """What two wrongly linked records share: type, party, and whether they pass the tests
        directly or were joined through other mentions."""
        first, later, failed = self._test(pair)
        kind = "same type" if first["event"] == later["event"] else "kindred type" if failed != "type not kindred" else "other type"
        party = "same actor name" if first["actor_key"] == later["actor_key"] else "actor by country"
        return f"{kind}, {party}, " + ("passes the tests" if failed is None else "through other mentions")


def dispute_score(store: Store, story_gold: dict) -> Score:
    score = Score("lebanon-dev", "stories.disputes",
                  note="gold disputes with two of their claims on two sides of one found dispute")
    found = [d for story in store.stories.list() for d in story_disputes(store, story["id"])]
    claims = [[(c["id"], span, c["value"]) for c in g["claims"]
               if (span := find_span(store.stories.report_text(c["id"]) or "", c["text"]))] for g in story_gold["disputes"]]

    def overlaps(mention: dict, claim: tuple) -> bool:
        report_id, (start, end), _ = claim
        return mention["report_id"] == report_id and mention["start"] < end and start < mention["end"]

    def side_claims(side: dict, gold_claims: list) -> set[str]:
        return {c[2] for c in gold_claims if any(overlaps(m, c) for m in side["mentions"])}

    matched: set[int] = set()
    for gold, gold_claims in zip(story_gold["disputes"], claims):
        hit = None
        for n, dispute in enumerate(found):
            values = [side_claims(side, gold_claims) for side in dispute["sides"]]
            if any(a and b and (len(a | b) > 1) for a, b in itertools.combinations(values, 2)):
                hit = n
                break
        score.tp += hit is not None
        score.fn += hit is None
        if hit is not None:
            matched.add(hit)
            score.count("kind", found[hit]["kind"] == gold["kind"])
        else:
            score.errors[f"missed: {gold['kind']}"] += 1
    every_claim = [c for gold_claims in claims for c in gold_claims]
    for n, dispute in enumerate(found):
        if n not in matched and not any(side_claims(side, every_claim) for side in dispute["sides"]):
            score.fp += 1
            score.errors[f"spurious: {dispute['kind']}"] += 1
    return score


def story_disputes(store: Store, story_id: int) -> list[dict]:
    from ..stories.views import disputes

    return disputes(store.stories, story_id)


@scorer("stories")
def score_stories(ctx: EvalContext) -> list[Score]:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    story_gold_path = ctx.shared / STORY_GOLD
    store = build_store(ctx)
    try:
        scores = []
        if story_gold_path.exists():
            story_gold = json.loads(story_gold_path.read_text(encoding="utf-8"))
            scores += same_event_scores(store, story_gold, found_mentions(ctx))
            scores.append(dispute_score(store, story_gold))
        return scores + [grouping_score(store, gold), linking_score(store, gold)]
    finally:
        store.close()
