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
from datetime import date, datetime, timedelta
from typing import Optional, Sequence

from . import text as T
from .schema import insert_rows, next_id

JOIN_THRESHOLD = 0.20
MERGE_THRESHOLD = 0.25      # two stories whose centroids are this close are one story
MERGE_MAX_SIZE = 3          # only young stories are checked: an established centroid is not noisy
WINDOW_DAYS = 30
DUPLICATE_THRESHOLD = 0.5
LABEL_TERMS = 3


def load_reports(con, report_ids: Sequence[str]) -> list[dict]:
    """The reports to assign, with their actor names, oldest first (stories grow in time order)."""
    rows = con.execute(
        "SELECT r.id, r.text, r.title, r.published, r.outlet, "
        "list(a.name) FILTER (WHERE a.name IS NOT NULL) FROM reports r LEFT JOIN actors a ON a.report_id = r.id "
        "WHERE r.id IN (SELECT unnest(?)) GROUP BY ALL ORDER BY r.published NULLS LAST, r.id",
        [list(report_ids)]).fetchall()
    return [dict(id=r[0], text=r[1] or "", title=r[2], published=r[3], outlet=r[4], actors=r[5] or [])
            for r in rows]


# -- near-duplicates ----------------------------------------------------------------------------
def mark_copies(con, reports: list[dict]) -> None:
    """Record, for each new report, the earlier report it republishes (if any).

    Candidates are the reports sharing a MinHash band (one look-up for the whole batch, plus the
    batch's own earlier reports); the best one at or above DUPLICATE_THRESHOLD resemblance wins."""
    shingle_sets = {r["id"]: T.shingles(r["text"]) for r in reports}
    buckets = {rid: T.band_buckets(T.minhash(sh)) for rid, sh in shingle_sets.items()}
    keys = [k for bs in buckets.values() for _, k in bs]
    seen: dict[int, list[str]] = {}
    for key, rid in con.execute("SELECT bucket, report_id FROM minhash_bands WHERE bucket IN (SELECT unnest(?))",
                                [keys]).fetchall():
        seen.setdefault(key, []).append(rid)
    roots: dict[str, str] = {}
    for r in reports:
        candidates = {c for _, k in buckets[r["id"]] for c in seen.get(k, ())} - {r["id"]}
        original, best = _most_similar(con, r["id"], candidates, shingle_sets)
        if original is not None:
            roots[r["id"]] = roots.get(original) or _copy_root(con, original)
            con.execute("INSERT OR REPLACE INTO report_copies VALUES (?, ?, ?)", [r["id"], roots[r["id"]], best])
        for _, k in buckets[r["id"]]:
            seen.setdefault(k, []).append(r["id"])
    insert_rows(con, "minhash_bands", [(b, k, rid) for rid, bs in buckets.items() for b, k in bs])


def _copy_root(con, report_id: str) -> str:
    row = con.execute("SELECT copy_of FROM report_copies WHERE report_id = ?", [report_id]).fetchone()
    return row[0] if row else report_id


def _most_similar(con, report_id: str, candidates: set[str], shingle_sets) -> tuple[Optional[str], float]:
    best, best_id = DUPLICATE_THRESHOLD, None
    for cid in sorted(candidates):
        if cid not in shingle_sets:
            row = con.execute("SELECT text FROM reports WHERE id = ?", [cid]).fetchone()
            shingle_sets[cid] = T.shingles(row[0] if row else "")
        score = T.resemblance(shingle_sets[report_id], shingle_sets[cid])
        if score >= best:
            best, best_id = score, cid
    return best_id, best


# -- topic vectors ------------------------------------------------------------------------------
def report_vectors(con, reports: list[dict]) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """tf-idf vectors of the new reports and the document frequencies of their terms (updated
    with the batch first)."""
    counts = {r["id"]: T.topic_terms(f"{r['title'] or ''}\n{r['text']}", r["actors"]) for r in reports}
    batch_df = Counter(t for c in counts.values() for t in c)
    insert_rows(con, "term_df", list(batch_df.items()), "ON CONFLICT (term) DO UPDATE SET df = df + excluded.df")
    n_docs = con.execute("SELECT count(*) FROM story_reports").fetchone()[0] + len(reports)
    terms = list(batch_df)
    df = dict(con.execute("SELECT term, df FROM term_df WHERE term IN (SELECT unnest(?))", [terms]).fetchall())
    vectors = {rid: T.weigh(c, df, n_docs) for rid, c in counts.items()}
    con.execute("DELETE FROM report_terms WHERE report_id IN (SELECT unnest(?))", [list(vectors)])
    insert_rows(con, "report_terms", [(rid, t, w) for rid, v in vectors.items() for t, w in v.items()])
    return vectors, df


def _candidate_scores(con, vector: dict[str, float], norm: float, day: Optional[date]) -> list[tuple[int, float, float]]:
    """(story, cosine, dot product) for the active stories sharing a term with the vector, best first."""
    terms, weights = list(vector), [vector[t] for t in vector]
    window = "" if day is None else (
        f"AND (s.last_date IS NULL OR s.last_date >= DATE '{day - timedelta(days=WINDOW_DAYS)}') "
        f"AND (s.first_date IS NULL OR s.first_date <= DATE '{day + timedelta(days=WINDOW_DAYS)}')")
    rows = con.execute(
        "WITH v AS (SELECT unnest(?) AS term, unnest(?) AS w) "
        "SELECT st.story_id, sum(st.weight * v.w) AS dot, any_value(s.norm2) FROM story_terms st "
        "JOIN v ON v.term = st.term JOIN stories s ON s.id = st.story_id "
        f"WHERE st.term IN (SELECT unnest(?)) {window} GROUP BY st.story_id",
        [terms, weights, terms]).fetchall()
    scored = [(sid, dot / norm / math.sqrt(norm2), dot) for sid, dot, norm2 in rows if norm2 > 0]
    return sorted(scored, key=lambda x: -x[1])


def add_to_story(con, story_id: int, report_id: str, vector: dict[str, float], day, score: float,
                 manual: bool = False) -> None:
    """Add one report's vector to a story's centroid and extend its dates (a manual assignment)."""
    dot = con.execute("SELECT coalesce(sum(st.weight * v.w), 0) FROM story_terms st JOIN "
                      "(SELECT unnest(?) AS term, unnest(?) AS w) v ON v.term = st.term WHERE st.story_id = ?",
                      [list(vector), list(vector.values()), story_id]).fetchone()[0]
    insert_rows(con, "story_terms", [(story_id, t, w) for t, w in vector.items()],
                "ON CONFLICT (story_id, term) DO UPDATE SET weight = weight + excluded.weight")
    con.execute("UPDATE stories SET n_reports = n_reports + 1, norm2 = norm2 + 2 * ? + ?, "
                "first_date = least(coalesce(first_date, ?), coalesce(?, first_date)), "
                "last_date = greatest(coalesce(last_date, ?), coalesce(?, last_date)) WHERE id = ?",
                [dot, sum(w * w for w in vector.values()), day, day, day, day, story_id])
    con.execute("INSERT OR REPLACE INTO story_reports (report_id, story_id, score, manual) VALUES (?, ?, ?, ?)",
                [report_id, story_id, score, manual])


def remove_from_story(con, report_id: str) -> Optional[int]:
    """Take a report's vector out of its story's centroid (for a manual move); returns the old story."""
    row = con.execute("SELECT story_id FROM story_reports WHERE report_id = ?", [report_id]).fetchone()
    if row is None:
        return None
    story_id = row[0]
    vector = dict(con.execute("SELECT term, weight FROM report_terms WHERE report_id = ?", [report_id]).fetchall())
    con.execute("UPDATE story_terms SET weight = story_terms.weight - v.w FROM "
                "(SELECT unnest(?) AS term, unnest(?) AS w) v WHERE story_id = ? AND story_terms.term = v.term",
                [list(vector), list(vector.values()), story_id])
    con.execute("DELETE FROM story_terms WHERE story_id = ? AND weight <= 1e-9", [story_id])
    norm2 = con.execute("SELECT coalesce(sum(weight * weight), 0) FROM story_terms WHERE story_id = ?",
                        [story_id]).fetchone()[0]
    con.execute("UPDATE stories SET n_reports = n_reports - 1, norm2 = ? WHERE id = ?", [norm2, story_id])
    con.execute("DELETE FROM story_reports WHERE report_id = ?", [report_id])
    return story_id


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
        window = timedelta(days=WINDOW_DAYS)
        return day is None or ((self.last is None or self.last >= day - window)
                               and (self.first is None or self.first <= day + window))


def _load_states(con, terms: list[str], days: list[date]) -> dict[int, StoryState]:
    """The stories active around the batch's dates that share a term with it: one indexed query."""
    low = min(days) - timedelta(days=WINDOW_DAYS) if days else None
    high = max(days) + timedelta(days=WINDOW_DAYS) if days else None
    rows = con.execute(
        "SELECT s.id, s.n_reports, s.first_date, s.last_date, s.norm2, st.term, st.weight FROM story_terms st "
        "JOIN stories s ON s.id = st.story_id WHERE st.term IN (SELECT unnest(?)) "
        "AND (CAST(? AS DATE) IS NULL OR s.last_date IS NULL OR s.last_date >= ?) "
        "AND (CAST(? AS DATE) IS NULL OR s.first_date IS NULL OR s.first_date <= ?)",
        [terms, low, low, high, high]).fetchall()
    states: dict[int, StoryState] = {}
    for sid, n, first, last, norm2, term, weight in rows:
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


def group_reports(con, reports: list[dict]) -> set[int]:
    """Assign each new report to the most similar active story, or a new one; returns the stories touched.

    Scoring runs in memory against the centroids loaded once for the batch; the changes are
    written back in three statements, so a batch costs the same whatever the store's size."""
    vectors, df = report_vectors(con, reports)
    states = _load_states(con, list(df), [r["published"] for r in reports if r["published"]])
    by_term: dict[str, set[int]] = {}
    for state in states.values():
        for term in state.weights:
            by_term.setdefault(term, set()).add(state.id)
    next_story = next_id(con, "stories")
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
    _write_states(con, [states[sid] for sid in touched], deltas, assignments)
    return touched


def _write_states(con, states: list[StoryState], deltas: Counter, assignments: list[tuple]) -> None:
    now = datetime.now()
    insert_rows(con, "stories", [(s.id, "", s.first, s.last, s.n_reports, s.norm2, now) for s in states],
                "ON CONFLICT (id) DO UPDATE SET first_date = excluded.first_date, last_date = excluded.last_date, "
                "n_reports = excluded.n_reports, norm2 = excluded.norm2")
    insert_rows(con, "story_terms", [(sid, term, w) for (sid, term), w in deltas.items()],
                "ON CONFLICT (story_id, term) DO UPDATE SET weight = weight + excluded.weight")
    insert_rows(con, "story_reports", [(*a, now) for a in assignments])


def merge_similar(con, touched: set[int]) -> set[int]:
    """Merge each touched story into a close, larger story: a story's first report is a noisy
    centroid, and reports that arrive later can show that two stories are one."""
    alive = set(touched)
    sizes = dict(con.execute("SELECT id, n_reports FROM stories WHERE id IN (SELECT unnest(?))",
                             [list(touched)]).fetchall())
    for sid in sorted((s for s in touched if sizes.get(s, 0) <= MERGE_MAX_SIZE), key=lambda s: sizes[s]):
        centroid = dict(con.execute("SELECT term, weight FROM story_terms WHERE story_id = ? "
                                    "ORDER BY weight DESC LIMIT ?", [sid, T.MAX_TERMS]).fetchall())
        if not centroid:
            continue
        first, last = con.execute("SELECT first_date, last_date FROM stories WHERE id = ?", [sid]).fetchone()
        norm = math.sqrt(sum(w * w for w in centroid.values()))
        others = [(o, score) for o, score, _ in _candidate_scores(con, centroid, norm, last or first) if o != sid]
        if others and others[0][1] >= MERGE_THRESHOLD and _size(con, others[0][0]) >= _size(con, sid):
            merge_stories(con, sid, others[0][0])
            alive.discard(sid)
            alive.add(others[0][0])
    return alive


def _size(con, story_id: int) -> int:
    row = con.execute("SELECT n_reports FROM stories WHERE id = ?", [story_id]).fetchone()
    return row[0] if row else 0


def merge_stories(con, source: int, target: int) -> None:
    """Move everything of story `source` into story `target`."""
    con.execute("INSERT INTO story_terms SELECT ?, term, weight FROM story_terms WHERE story_id = ? "
                "ON CONFLICT (story_id, term) DO UPDATE SET weight = weight + excluded.weight", [target, source])
    con.execute("DELETE FROM story_terms WHERE story_id = ?", [source])
    for table in ("story_reports", "story_events", "claims"):
        con.execute(f"UPDATE {table} SET story_id = ? WHERE story_id = ?", [target, source])
    con.execute("UPDATE stories SET n_reports = t.n_reports + s.n_reports, "
                "first_date = least(t.first_date, s.first_date), last_date = greatest(t.last_date, s.last_date), "
                "norm2 = (SELECT sum(weight * weight) FROM story_terms WHERE story_id = ?) "
                "FROM stories t, stories s WHERE t.id = ? AND s.id = ? AND stories.id = ?",
                [target, target, source, target])
    con.execute("DELETE FROM stories WHERE id = ?", [source])


def relabel(con, story_ids: set[int]) -> None:
    """A story's label: its heaviest terms, names first in weight order ("hezbollah · lebanon · hochstein")."""
    for sid in story_ids:
        terms = [t.lstrip("@") for (t,) in con.execute(
            "SELECT term FROM story_terms WHERE story_id = ? ORDER BY weight DESC, term LIMIT 12", [sid]).fetchall()]
        chosen: list[str] = []
        for term in terms:  # "amos hochstein" and "hochstein" name the same thing once
            if not any(term in c or c in term for c in chosen):
                chosen.append(term)
        con.execute("UPDATE stories SET label = ? WHERE id = ?", [" · ".join(chosen[:LABEL_TERMS]), sid])
