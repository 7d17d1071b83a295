"""Grouping reports into stories, incrementally, and finding republished wire copy.

Each story keeps a centroid: the sum of its reports' unit tf-idf vectors (`story_terms`). A new
report is compared only with the stories that share one of its terms (an indexed look-up on
`story_terms.term`) and that were active within `WINDOW_DAYS` of its date, so the cost of a batch
depends on the batch, not on the size of the store. It joins the most similar story above
`JOIN_THRESHOLD`, or opens a new one.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Optional

from . import text as T
from ..lexicon import default_lexicon
from ..models import STATE_SECTORS

JOIN_THRESHOLD = 0.20
MERGE_THRESHOLD = 0.25      # two stories whose centroids are this close are one story
MERGE_MAX_SIZE = 3          # only young stories are checked: an established centroid is not noisy
WINDOW_DAYS = 30
DUPLICATE_THRESHOLD = 0.5
LABEL_TERMS = 3
PARTY_KINDS = ("state", "organization")   # a story is named after its groups and states, not people
ARMED_SECTORS = ("REB", "MIL")              # ... and after named armed groups ("FACT rebels"), not "40 soldiers"


# -- near-duplicates ----------------------------------------------------------------------------
def mark_copies(tables, reports: list[dict]) -> None:
    """Record, for each new report, the earlier report it republishes (if any).

    Candidates are the reports sharing a MinHash band (one look-up for the whole batch, plus the
    batch's own earlier reports); the best one at or above DUPLICATE_THRESHOLD resemblance wins."""
    shingle_sets = {r["id"]: T.shingles(r["text"]) for r in reports}
    buckets = {rid: T.band_buckets(T.minhash(sh)) for rid, sh in shingle_sets.items()}
    seen: dict[int, list[str]] = {}
    for key, rid in tables.reports_in_buckets([k for bs in buckets.values() for _, k in bs]):
        seen.setdefault(key, []).append(rid)
    # Every stored report sharing a band is some new report's candidate: their texts, and where each
    # possible original leads, are read at once (a statement per candidate or per copy cost more
    # than the rest of the grouping); a copy found in this batch leads where its original does.
    stored = {rid for ids in seen.values() for rid in ids}
    texts = tables.report_texts(sorted(stored - shingle_sets.keys()))
    shingle_sets.update((rid, T.shingles(text)) for rid, text in texts.items())
    roots = tables.copy_roots(list(stored | shingle_sets.keys()))
    copies = []
    for r in reports:
        candidates = {c for _, k in buckets[r["id"]] for c in seen.get(k, ())} - {r["id"]}
        original, best = _most_similar(r["id"], candidates, shingle_sets)
        if original is not None:
            roots[r["id"]] = roots[original]
            copies.append((r["id"], roots[r["id"]], best))
        for _, k in buckets[r["id"]]:
            seen.setdefault(k, []).append(r["id"])
    tables.mark_copies(copies)
    tables.add_bands([(b, k, rid) for rid, bs in buckets.items() for b, k in bs])


def _most_similar(report_id: str, candidates: set[str], shingle_sets) -> tuple[Optional[str], float]:
    best, best_id = DUPLICATE_THRESHOLD, None
    for cid in sorted(candidates):
        score = T.resemblance(shingle_sets[report_id], shingle_sets[cid])
        if score >= best:
            best, best_id = score, cid
    return best_id, best


# -- topic vectors ------------------------------------------------------------------------------
def report_vectors(tables, reports: list[dict]) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """tf-idf vectors of the new reports and the document frequencies of their terms (updated
    with the batch first)."""
    counts = {r["id"]: T.topic_terms(f"{r['title'] or ''}\n{r['text']}", r["actors"]) for r in reports}
    df = tables.count_documents(list(counts), Counter(t for c in counts.values() for t in c))
    n_docs = tables.assigned_count() + len(reports)
    vectors = {rid: T.weigh(c, df, n_docs) for rid, c in counts.items()}
    tables.save_report_vectors(vectors)
    return vectors, df


def _window(day: Optional[date]) -> tuple[Optional[date], Optional[date]]:
    """The dates a story must have been active within to take a report of `day`."""
    if day is None:
        return None, None
    return _shift(day, -WINDOW_DAYS), _shift(day, WINDOW_DAYS)


def _shift(day: date, days: int) -> date:
    """`day` moved by `days`, held at the calendar's ends (a report may be dated 9999-12-31)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _candidate_scores(tables, vector: dict[str, float], norm: float, day: Optional[date]) -> list[tuple[int, float, float]]:
    """(story, cosine, dot product) for the active stories sharing a term with the vector, best first."""
    scored = [(sid, dot / norm / math.sqrt(norm2), dot)
              for sid, dot, norm2 in tables.dot_products(vector, *_window(day)) if norm2 > 0]
    return sorted(scored, key=lambda x: -x[1])


@dataclass
class StoryState:
    """What grouping needs of a story: its size, dates, squared norm, and its centroid weights on
    the batch's terms (enough for dot products with the batch's vectors)."""
    id: int
    n_reports: int
    first: Optional[date]
    last: Optional[date]
    norm2: float
    weights: dict[str, float] = field(default_factory=dict)
    is_new: bool = False

    def active_near(self, day: Optional[date]) -> bool:
        return day is None or ((self.last is None or self.last >= _shift(day, -WINDOW_DAYS))
                               and (self.first is None or self.first <= _shift(day, WINDOW_DAYS)))


def _load_states(tables, terms: list[str], days: list[date]) -> dict[int, StoryState]:
    """The stories active around the batch's dates that share a term with it."""
    low = _shift(min(days), -WINDOW_DAYS) if days else None
    high = _shift(max(days), WINDOW_DAYS) if days else None
    states: dict[int, StoryState] = {}
    for sid, n, first, last, norm2, term, weight in tables.centroids_near(terms, low, high):
        states.setdefault(sid, StoryState(sid, n, first, last, norm2)).weights[term] = weight
    return states


def _best_story(states: dict[int, StoryState], by_term: dict[str, set[int]], vector: dict[str, float],
                norm: float, day: Optional[date]) -> tuple[Optional[StoryState], float, float]:
    """The most similar active story: (story, cosine, dot product)."""
    best, best_cos, best_dot = None, 0.0, 0.0
    for sid in set().union(*(by_term.get(t, ()) for t in vector)):
        state = states[sid]
        if state.norm2 <= 0 or not state.active_near(day):
            continue
        dot = sum(w * state.weights.get(t, 0.0) for t, w in vector.items())
        cosine = dot / norm / math.sqrt(state.norm2)
        if cosine > best_cos:
            best, best_cos, best_dot = state, cosine, dot
    return best, best_cos, best_dot


def group_reports(tables, reports: list[dict]) -> set[int]:
    """Assign each new report to the most similar active story, or a new one; returns the stories touched.

    Scoring runs in memory against the centroids loaded once for the batch; the changes are
    written back together, so a batch costs the same whatever the store's size."""
    vectors, df = report_vectors(tables, reports)
    states = _load_states(tables, list(df), [r["published"] for r in reports if r["published"]])
    by_term: dict[str, set[int]] = {}
    for state in states.values():
        for term in state.weights:
            by_term.setdefault(term, set()).add(state.id)
    next_story = tables.next_id("stories")
    deltas: Counter = Counter()
    assignments = []
    for r in reports:
        vector, day = vectors[r["id"]], r["published"]
        state, score, dot = _best_story(states, by_term, vector, T.shared_norm(vector, df), day)
        if state is None or score < JOIN_THRESHOLD:
            state, score, dot = StoryState(next_story, 0, day, day, 0.0, is_new=True), 1.0, 0.0
            states[next_story] = state
            next_story += 1
        state.norm2 += 2 * dot + sum(w * w for w in vector.values())
        state.n_reports += 1
        state.first = min(filter(None, (state.first, day)), default=None)
        state.last = max(filter(None, (state.last, day)), default=None)
        for term, w in vector.items():
            state.weights[term] = state.weights.get(term, 0.0) + w
            by_term.setdefault(term, set()).add(state.id)
            deltas[(state.id, term)] += w
        assignments.append((r["id"], state.id, score, False))
    touched = {sid for _, sid, _, _ in assignments}
    tables.save_groups([(s.id, s.n_reports, s.first, s.last, s.norm2) for s in (states[sid] for sid in touched)],
                       deltas, assignments)
    return touched


def merge_similar(tables, touched: set[int]) -> set[int]:
    """Merge each touched story into a close, larger story: a story's first report is a noisy
    centroid, and reports that arrive later can show that two stories are one."""
    alive = set(touched)
    sizes = {sid: _size(tables, sid) for sid in touched}
    for sid in sorted((s for s in touched if sizes[s] <= MERGE_MAX_SIZE), key=lambda s: sizes[s]):
        centroid = tables.top_terms(sid, T.MAX_TERMS)
        story = tables.story(sid)
        if not centroid or story is None:
            continue
        norm = math.sqrt(sum(w * w for w in centroid.values()))
        day = story["last_date"] or story["first_date"]
        others = [(o, score) for o, score, _ in _candidate_scores(tables, centroid, norm, day) if o != sid]
        if others and others[0][1] >= MERGE_THRESHOLD and _size(tables, others[0][0]) >= _size(tables, sid):
            tables.merge(sid, others[0][0])
            alive.discard(sid)
            alive.add(others[0][0])
    return alive


def _size(tables, story_id: int) -> int:
    story = tables.story(story_id)
    return story["n_reports"] if story else 0


def relabel(tables, story_ids: set[int]) -> None:
    """A story's label names its parties and its matter ("Hezbollah-Israel ceasefire"): the two
    groups or states most reports make actor or recipient of an event, and the event noun most
    reports use. Without them, its heaviest terms ("hezbollah · lebanon · hochstein")."""
    for sid in story_ids:
        tables.set_label(sid, _party_label(tables, sid) or _term_label(tables, sid))


def _party_label(tables, story_id: int) -> Optional[str]:
    members = tables.members(story_id)
    kinds = tables.name_kinds(members)
    parties: set[tuple] = set()   # (report, name, code, side): each report counts once for a party
    sectors: dict[str, Optional[str]] = {}
    matters: set[tuple] = set()
    rows = tables.event_parties(members)
    # a story is named after its sides, not after who mediates between them
    mediators = {row[1] for row in rows if row[-1] == "third-party"}   # actor of a third party's act
    for report_id, actor, actor_code, actor_sector, recipient, recipient_code, recipient_sector, trigger, _ in rows:
        for name, code, sector in ((actor, actor_code, actor_sector), (recipient, recipient_code, recipient_sector)):
            if name and name not in mediators and _is_party(name, kinds.get(name), sector):
                # a state and its offices are one side; a group fighting it from inside is another
                parties.add((report_id, name, code, sector is None or sector in STATE_SECTORS))
                sectors.setdefault(name, sector)
        word = _matter_word((trigger or "").lower())
        if word:
            matters.add((report_id, word))
    ranked = sorted(Counter((name, code, state) for _, name, code, state in parties).items(),
                    key=lambda kv: (-kv[1], kv[0][0], kv[0][1] or ""))
    named: list[tuple] = []
    for name, code, state in (party for party, _ in ranked):
        # two sides: not one country's state twice ("Colombia" and "Colombia's government"), but
        # a state and the rebels of that country are two
        same_side = code and code == named[0][1] and state == named[0][2] if named else False
        if not named or not same_side and name != named[0][0]:
            named.append((name, code, state))
        if len(named) == 2:
            break
    # ties go to the first word in alphabetical order, not to whichever a set yielded first
    # (that order changes with Python's hash seed, and the label with it)
    matter = min(Counter(word for _, word in matters).items(), key=lambda kv: (-kv[1], kv[0]), default=None)
    if len(named) < 2 or not matter:
        return None
    # a state's offices speak for it: the side is the state ("Senegal", not "Senegal's cabinet"),
    # unless its army is the side (a civil war's "Sudan's army")
    states = {code: name for _, name, code, state in sorted(parties) if state and kinds.get(name) == "state"}
    shown = [states.get(code, name) if state and sectors.get(name) not in ARMED_SECTORS else name
             for name, code, state in named]
    return f"{_display(shown[0])}-{_display(shown[1])} {matter[0]}"


def _is_party(name: str, kind: Optional[str], sector: Optional[str]) -> bool:
    """A state or an organisation, or a named armed group ("FACT rebels"; not "40 soldiers")."""
    return kind in PARTY_KINDS or sector in ARMED_SECTORS and kind != "person" \
        and any(w[:1].isupper() for w in name.split())


def _matter_word(word: str) -> Optional[str]:
    """The event noun a trigger names the story's matter with ("ceasefire", "talks"), or None: a
    word the lexicon has as a noun and not as a verb (not "attack", which may be the verb), or the
    plural of such a noun."""
    lexicon = default_lexicon()
    if " " in word or not word:
        return None
    if lexicon.noun(word) and not lexicon.verb(word):
        return word
    return word if word.endswith("s") and lexicon.noun(word[:-1]) else None


def _display(name: str) -> str:
    return name[4:] if name[:4].lower() == "the " else name


def _term_label(tables, story_id: int) -> str:
    chosen: list[str] = []
    for term in (t.lstrip("@") for t in tables.top_terms(story_id, 12)):
        if not any(term in c or c in term for c in chosen):   # "amos hochstein" and "hochstein" once
            chosen.append(term)
    return " · ".join(chosen[:LABEL_TERMS])
