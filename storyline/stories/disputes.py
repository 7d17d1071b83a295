"""Disputes and changes within a story, computed from its stored records when a view asks.

- numbers: different values for the same thing (a 21-day vs a 60-day truce, a 10-1 vs a 10-2 vote),
  from duration timexes and vote tallies, each with who said it;
- terms: one thing placed at the two ends of a scale (a "permanent" vs a "temporary" ceasefire,
  a "full" vs a "partial" withdrawal; lexicons/dispute_words.tsv);
- times: different times of day for one kind of act on one day (a truce starting at 4 a.m. or
  at 4 p.m.), from the time expressions in event clauses;
- stances: one source says a party accepts (AGREE), another that it rejects (REJECT), same actor and recipient;
- denials: a story event reported by some (asserted or planned) and denied by others (negated);
- other, which body acted: one occurrence done, as reports tell it, by two bodies of one kind
  ("the security cabinet" or "the war cabinet" approved the deal);
- positions: each party's stance over time on a contested term (a short phrase quoted in several reports).
"""
from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from datetime import date, timedelta

from ..lexicon import word_table, words
from ..store.stories import StoryTables
from .linking import stated_days
from . import text as T

DURATION_RE = re.compile(r"^P(\d+)([DWMY])$")
VOTE_RE = re.compile(r"\b(\d{1,2})\s?(?:-|–|to)\s?(\d{1,2})\b")
VOTE_WORD_RE = re.compile(r"\bvot(?:e|es|ed|ing)\b", re.I)
NEXT_WORD_RE = re.compile(r"^[\s-]*(?:long\s+)?([A-Za-z]+(?:-[a-z]+)?)")
PREV_WORD_RE = re.compile(r"([A-Za-z]+(?:-[a-z]+)?)\s+(?:of|for|lasting)\s*$")
TRUCE_WORDS = words("dispute_words", "truce")   # a truce is a truce whatever the outlet calls it
QUALIFIERS = words("dispute_words", "qualifier")
NEGATIONS = words("dispute_words", "negation")
NEGATION_TERMS = T.clause_terms(" ".join(NEGATIONS))
SAME_ACT_WORDS = 0.6       # share of the lighter trigger phrase's words two dated mentions of one act share
DENIAL_STEMS = T.stems(words("modality", "denial_governor"))  # "denied firing": a charge answered, no stance
DENIAL_WORDS = 12          # a denial is short ("nobody asked us to go"); a long quote negates in passing
SCALE, POLE = word_table("dispute_words").columns["scale"], word_table("dispute_words").columns["pole"]
AIM_STEMS = T.stems(words("dispute_words", "aim"))
COUNTS = word_table("dispute_words").columns["counts"]
GENERIC_COUNTS, DISTANCE_UNITS = words("dispute_words", "generic_count"), words("dispute_words", "distance_unit")
BOUNDS = {w: kind for kind in ("approximate", "lower_bound", "upper_bound") for w in words("dispute_words", kind)}
COUNT_RE = re.compile(r"\b(?:(" + "|".join(sorted(BOUNDS, key=len, reverse=True)) + r")\s+)?"
                      r"(\d{1,3}(?:,\d{3})+|\d+)\s+(?:[A-Z][a-z]+\s+)?([a-z]+)\b")
CUE_WINDOW = (3, 2)        # words before and after a figure that may say what it counts
SAME_QUANTITY_RATIO = 1.5  # figures further apart than this count different things (4 vs 250 hostages)
APPROXIMATION = 0.1        # "about 1,200" is 1,080 to 1,320
AIM_WINDOW_WORDS = 6      # how far before a qualified term an aim or a negation reaches
QUALIFIED_RE = re.compile(r"\b(" + "|".join(sorted(QUALIFIERS)) + r")\s+([A-Za-z]+(?:-[a-z]+)?)", re.I)
UNIT_DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365}
TERM_WORDS = (2, 4)        # a contested term is a short quoted phrase
SAME_PERIOD_DAYS = 2       # reports this close describe the same state of affairs
# "6 p.m. local time (1500 GMT)": a time given in a named zone restates the local one
ZONE_RE = re.compile(r"\b(?:GMT|UTC|Z|[A-Z]{1,3}[SD]?T)\s*$")


def _thing(text: str, start: int, end: int) -> str | None:
    """The noun a duration measures: "60-day truce" -> truce, "a truce of 60 days" -> truce."""
    after = NEXT_WORD_RE.match(text[end:end + 30])
    before = PREV_WORD_RE.search(text[max(0, start - 30):start])
    for m in (after, before):
        if m and m.group(1).lower() in TRUCE_WORDS:
            return "truce"
    return None


def _attribution(spans: dict, report_id: str, start: int) -> str | None:
    """Who the report attributes the text at `start` to: the quote's speaker or the event's source."""
    for s, e, who in spans.get(report_id, ()):
        if s <= start < e:
            return who
    return None


def quantities(tables: StoryTables, reports: list[dict]) -> list[dict]:
    """Every stated duration of a known thing, every time of day of an act, every qualified term
    and every vote tally in the story's reports."""
    by_id = {r["id"]: r for r in reports}
    ids = [r["id"] for r in reports]
    spans = tables.attributed_spans(ids)
    stated: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for rid, start, end, value in tables.stated_days(ids):
        stated[rid].append((start, end, value))
    found = []
    for rid, start, end, value in tables.durations(ids):
        m = DURATION_RE.match(value or "")
        thing = m and _thing(by_id[rid]["text"], start, end)
        if thing:
            days = int(m.group(1)) * UNIT_DAYS[m.group(2)]
            found.append(_quantity(by_id[rid], thing, f"{days} days", start, end, spans))
    for rid, start, end, text, value, event in tables.clock_times(ids):
        if not ZONE_RE.search(text):
            found.append(_quantity(by_id[rid], f"{event} time on {value[:10]}", value[11:16], start, end, spans,
                                   kind="date"))
    for r in reports:
        for m in QUALIFIED_RE.finditer(r["text"]):
            qualifier, noun = m.group(1).lower(), m.group(2).lower()
            thing = "truce" if noun in TRUCE_WORDS else noun
            if thing not in T.STOPWORDS and not _aimed_at(r["text"], m.start()):
                found.append(_quantity(r, f"{SCALE[qualifier]} of the {thing}", POLE[qualifier], m.start(), m.end(),
                                       spans, kind="term"))
        found += _counts(r, spans, stated[r["id"]])
        for m in VOTE_RE.finditer(r["text"]):
            if VOTE_WORD_RE.search(r["text"][max(0, m.start() - 40):m.end() + 20]):
                found.append(_quantity(r, "vote", f"{m.group(1)}-{m.group(2)}", m.start(), m.end(), spans))
    return found


def _counts(report: dict, spans, days: list[tuple[int, int, str]]) -> list[dict]:
    """Figures that count a known kind of thing ("1,206 deaths", "killing 1,200 people", "more than
    250 hostages") or measure a distance ("some 30 kilometres"), each with the range it states and
    the past day its sentence ties it to, if any (`days`: the report's stated days)."""
    text, found = report["text"], []
    for m in COUNT_RE.finditer(text):
        bound, number, noun = (m.group(1) or "").lower(), int(m.group(2).replace(",", "")), m.group(3)
        if "," not in m.group(2) and 1900 <= number <= 2100:
            continue   # a year
        before = re.findall(r"[a-z]+", text[max(0, m.start() - 40):m.start()].lower())[-CUE_WINDOW[0]:]
        after = re.findall(r"[a-z]+", text[m.end():m.end() + 30].lower())[:CUE_WINDOW[1]]
        cue = COUNTS.get(noun) or next((COUNTS[w] for w in before[::-1] + after if w in COUNTS), None)
        thing = cue or (f"distance in {noun.rstrip('s')}s" if noun in DISTANCE_UNITS else None) \
            or (noun if noun.endswith("s") and len(noun) > 3 and noun not in GENERIC_COUNTS | T.STOPWORDS else None)
        if thing is None:
            continue
        kind = BOUNDS.get(bound)
        low, high = {"approximate": (number * (1 - APPROXIMATION), number * (1 + APPROXIMATION)),
                     "lower_bound": (number, math.inf), "upper_bound": (0, number)}.get(kind, (number, number))
        value = f"{bound} {number:,}".strip()
        found.append({**_quantity(report, thing, value, m.start(), m.end(), spans),
                      "range": (low, high), "figure": number, "occasion": _occasion(report, m.start(), days)})
    return found


def _occasion(report: dict, start: int, days: list[tuple[int, int, str]]) -> str | None:
    """The past day a figure's sentence names ("killing 1,200 people on October 7, 2023"): a toll
    of that day does not grow as later reports come out, unlike a running one."""
    published = report["published"]
    opening, ending = _sentence_bounds(report["text"], start, start)
    named = {value for s, e, value in days if opening <= s and e <= ending}
    past = {value for value in named
            if published is None or date.fromisoformat(value) < published - timedelta(days=SAME_PERIOD_DAYS)}
    return past.pop() if len(past) == 1 else None


def _conflict(these: list[dict], those: list[dict]) -> bool:
    """Do two stated values of one thing disagree? Ranges that meet agree ("about 1,200" and
    1,206; "more than 250" and 251); figures of a very different size count different things."""
    a, b = these[0], those[0]
    if "range" not in a or "range" not in b:
        return a["value"] != b["value"]
    (low_a, high_a), (low_b, high_b) = a["range"], b["range"]
    small, large = sorted((a["figure"], b["figure"]))
    return (high_a < low_b or high_b < low_a) and large <= small * SAME_QUANTITY_RATIO


def _aimed_at(text: str, start: int) -> bool:
    """Is the term at `start` something sought or denied ("to negotiate a permanent ceasefire")?"""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    before = re.findall(r"[a-z]+", re.sub(r"n[’']t\b", " not", text[sentence_start:start].lower()))
    return bool(T.stems(before[-AIM_WINDOW_WORDS:]) & AIM_STEMS)


def _quantity(report: dict, thing: str, value: str, start: int, end: int, spans, kind: str = "number") -> dict:
    return {"kind": kind, "thing": thing, "value": value, "report_id": report["id"], "start": start, "end": end,
            "outlet": report["outlet"],
            "published": report["published"], "copy_root": report["copy_root"],
            "text": report["text"][start:end], "source": _attribution(spans, report["id"], start)}


def number_disputes(found: list[dict], texts: dict[str, str]) -> list[dict]:
    """Different values for one thing that stand against each other: stated by two reports that
    came out within SAME_PERIOD_DAYS of each other, neither of which also states the other value.
    Values that followed one another (a 21-day draft, weeks later a 60-day one; a toll that grew)
    or that one report gives together (an earlier and a later draft) are changes, not disputes."""
    by_thing: dict[tuple[str, str], dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for q in found:
        by_thing[(q["kind"], q["thing"])][q["value"]].append(q)
    disputes = []
    for (kind, thing), values in by_thing.items():
        contested = {v for v, w in itertools.permutations(values, 2)
                     if _conflict(values[v], values[w]) and _stand_against(values[v], values[w])}
        if len(contested) > 1:
            disputes.append({"kind": kind, "about": thing,
                             "sides": _sides({v: ms for v, ms in values.items() if v in contested}, texts)})
    return disputes


def _stand_against(these: list[dict], those: list[dict]) -> bool:
    """Two values of one thing given by two reports of the same days, or tied to the same past day
    (the toll of one attack, whenever reported), where neither report gives both."""
    both = {m["report_id"] for m in these} & {m["report_id"] for m in those}

    def same_time(a: dict, b: dict) -> bool:
        if a.get("occasion") and b.get("occasion"):
            return a["occasion"] == b["occasion"]
        return bool(a["published"] and b["published"]) and abs((a["published"] - b["published"]).days) <= SAME_PERIOD_DAYS

    return any(a["report_id"] != b["report_id"] and a["report_id"] not in both and b["report_id"] not in both
               and same_time(a, b) for a in these for b in those)


def _sides(groups: dict[str, list[dict]], texts: dict[str, str]) -> list[dict]:
    """One side per claim, with every mention of it (so that a reader can open each in its report)."""
    return [{"claim": claim, "mentions": [_mention(m, texts) for m in ms],
             "independent": len({m["copy_root"] for m in ms}),
             "outlets": sorted({m["outlet"] for m in ms if m["outlet"]}),
             "sources": sorted({m.get("source") or m.get("source_text") or "" for m in ms} - {""}),
             "first_seen": min((m["published"] for m in ms if m["published"]), default=None)}
            for claim, ms in groups.items()]


# What a reader sees of a mention besides the claim itself (the dashboard lists them; the API's
# timeline mentions carry them too).
MENTION_DETAILS = ("outlet", "published", "modality", "source_type", "copy_of")


def _mention(m: dict, texts: dict[str, str]) -> dict:
    """A claim as the report states it (a quantity's words, or an event mention's clause), with
    its offsets, its source and where it was published."""
    start, end = (m["start"], m["end"]) if "start" in m else (m["start_char"], m["end_char"])
    source = m.get("source") or m.get("source_text")
    text = texts[m["report_id"]]
    return {"report_id": m["report_id"], "start": start, "end": end, "text": text[start:end],
            "sentence": _sentence(text, start, end),
            "source": source, "source_text": source, **{k: m[k] for k in MENTION_DETAILS if m.get(k) is not None}}


SENTENCE_END_RE = re.compile(r"[.!?](?=[\s\"”’)]*(?:\s|$))|\n")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence that holds text[start:end]."""
    opening = max((m.end() for m in SENTENCE_END_RE.finditer(text, 0, start)), default=0)
    closing = SENTENCE_END_RE.search(text, end)
    return opening, closing.end() if closing else len(text)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence a claim stands in, so that a reader sees it in context ("some 30 kilometres" ->
    "The buffer zone reaches some 30 kilometres inland from the coast.")."""
    opening, ending = _sentence_bounds(text, start, end)
    return text[opening:ending].strip()


def stance_disputes(story_events: list[dict], mentions: dict[int, list[dict]], texts: dict[str, str]) -> list[dict]:
    """AGREE and REJECT by the same actor towards the same recipient, each side with its sources
    (a denial answers a charge: it takes no stance on a deal)."""
    by_party: dict[tuple, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for se in story_events:
        if se["event"] in ("AGREE", "REJECT"):
            for m in mentions.get(se["id"], []):
                if m["modality"] == "asserted" and not DENIAL_STEMS & T.clause_terms(m["event_text"] or ""):
                    by_party[(se["actor_name"] or se["actor_code"], se["recipient_name"] or se["recipient_code"])][
                        se["event"]].append({**m, "story_event_id": se["id"]})
    # one report saying both ("accepted most of the text but rejected a clause") gives two
    # positions on two things, not a dispute: the sides must come from different reports
    return [{"kind": "stance", "about": f"{actor} -> {recipient or '?'}", "sides": _sides(sides, texts),
             "story_events": sorted({m["story_event_id"] for ms in sides.values() for m in ms})}
            for (actor, recipient), sides in by_party.items()
            if len(sides) == 2 and len({m["report_id"] for ms in sides.values() for m in ms}) > 1]


def denials(story_events: list[dict], mentions: dict[int, list[dict]], quotes: list[dict],
            texts: dict[str, str]) -> list[dict]:
    """Story events both reported (or announced) and denied by the party concerned: a negated
    mention counts as a denial when its source names the event's actor or recipient ("the rebels
    did not lose the depot, a rebel spokesman said") or is a body of the actor's country (a
    ministry denying for its coast guard), and so does a party's short quote that
    negates the event's own words ("nobody ordered us to go", a rebel commander said); a
    reporter's or a third party's negative ("the trip does not signal a deal") is not one."""
    out = []
    for se in story_events:
        ms = mentions.get(se["id"], [])
        parties = _singular_words(" ".join(p for p in (se["actor_name"], se["recipient_name"]) if p))
        sides = defaultdict(list)
        for m in ms:
            if m["modality"] != "negated":
                sides["reported"].append(m)
            elif parties & _singular_words(m["source_text"] or "") or _speaks_for(m, se["actor_code"]):
                sides["denied"].append(m)
        if sides["reported"]:
            sides["denied"] += [q for q in quotes if parties & _singular_words(q["source_text"] or "")
                                and _denies(q, sides["reported"], texts)]
        if len([side for side in sides.values() if side]) == 2:
            out.append({"kind": "denial", "about": f"{se['event']} {se['actor_name'] or se['actor_code']}",
                        "sides": _sides(sides, texts), "story_events": [se["id"]]})
    return out


def _speaks_for(mention: dict, code: str) -> bool:
    """A body of the acting party's country as the source: its state speaking for its forces
    ("the Chinese foreign ministry" for its coast guard; not an analyst of that country)."""
    return bool(code) and mention.get("source_type") == "organization" and mention.get("source_code") == code


def _denies(quote: dict, reported: list[dict], texts: dict[str, str]) -> bool:
    """A short negated quote whose every content word is in one reported mention's clause, and
    that is not part of one."""
    said = re.findall(r"[a-z]+", re.sub(r"n[’']t\b", " not", (quote["quote"] or "").lower()))
    terms = T.clause_terms(quote["quote"] or "") - NEGATION_TERMS
    if not (terms and len(said) <= DENIAL_WORDS and NEGATIONS & set(said)):
        return False
    if any(m["report_id"] == quote["report_id"] and m["start_char"] < quote["end_char"]
           and quote["start_char"] < m["end_char"] for m in reported):
        return False
    return any(terms <= T.clause_terms(texts[m["report_id"]][m["start_char"]:m["end_char"]]) for m in reported)


def date_disputes(story_events: list[dict], mentions: dict[int, list[dict]], texts: dict[str, str]) -> list[dict]:
    """One past act put in two months or on two days that do not meet, by different reports ("a
    ground invasion last month" in an October report, "a ground operation in October" in a
    November one): mentions told as done, weeks after their date, of one type and acting
    country, whose trigger phrases are mostly the same words (at least two: a bare "struck" is
    too common an act to be one occurrence). Linking keeps them apart, by their dates."""
    candidates = defaultdict(list)
    for se in story_events:
        party = se["actor_code"] or se["actor_key"]
        for m in mentions.get(se["id"], []):
            days = stated_days(m["date"])
            terms = T.clause_terms(m["event_text"] or "") - T.clause_terms(m["actor_name"] or "")
            if party and m["modality"] == "asserted" and days and len(terms) >= 2 and m["published"] \
                    and days[1] < m["published"] - timedelta(days=SAME_PERIOD_DAYS):
                candidates[(se["event"], party)].append((m, days, terms))
    out = []
    for (event, party), found in candidates.items():
        linked = _components(len(found), [
            (i, j) for i, j in itertools.combinations(range(len(found)), 2)
            if found[i][0]["report_id"] != found[j][0]["report_id"]
            and (found[i][1][1] < found[j][1][0] or found[j][1][1] < found[i][1][0])
            and T.overlap(found[i][2], found[j][2]) >= SAME_ACT_WORDS])
        for members in linked:
            sides = defaultdict(list)
            for n in members:
                sides[found[n][0]["date"]].append(found[n][0])
            if len(sides) > 1:
                out.append({"kind": "date", "about": f"{event} {party}: when", "sides": _sides(sides, texts)})
    return out + day_disputes(story_events, mentions, texts)


def day_disputes(story_events: list[dict], mentions: dict[int, list[dict]], texts: dict[str, str]) -> list[dict]:
    """One act that reports linked as one occurrence, told as done on two different days by
    different reports ("signed on Thursday", "signed on Friday")."""
    out = []
    for se in story_events:
        sides = defaultdict(list)
        for m in mentions.get(se["id"], []):
            days = stated_days(m["date"])
            if m["modality"] == "asserted" and days and days[0] == days[1]:
                sides[m["date"]].append(m)
        if len(sides) > 1 and len({m["report_id"] for ms in sides.values() for m in ms}) > 1:
            party = se["actor_code"] or se["actor_key"]
            out.append({"kind": "date", "about": f"{se['event']} {party}: which day", "sides": _sides(sides, texts),
                        "story_events": [se["id"]]})
    return out


def _components(size: int, edges: list[tuple[int, int]]) -> list[set[int]]:
    """Groups of items joined by edges (items with no edge left out)."""
    parent = list(range(size))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in edges:
        parent[root(i)] = root(j)
    groups = defaultdict(set)
    for i, j in edges:
        groups[root(i)].update((i, j))
    return list(groups.values())


NAME_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")


# Endings of a people's adjective ("Togolese", "Israeli", "Kenyan", "Polish"): a word with one, or
# a possessive ("Togo's"), says whose a body is, not what kind of body it is.
# (one letter alone, "-n", would take in "Foreign", "Union")
NATIONALITY_ENDINGS = tuple(e for e in words("place_words", "demonym_ending") if len(e) > 1)


def _body(name: str | None) -> tuple[str, list[str]] | None:
    """An acting body's head noun and the words before it that say what kind of body it is
    ("the Israeli war cabinet" -> cabinet, [war]; "Togo's government", "the Togolese
    government" -> government, [])."""
    found = [w for w in NAME_WORD_RE.findall(name or "") if w.lower() not in T.STOPWORDS]
    if len(found) < 2:
        return None
    kinds = [w.lower() for w in found[:-1] if not w.endswith(("'s", "’s"))
             and not (w[:1].isupper() and w.lower().endswith(NATIONALITY_ENDINGS))]
    return found[-1].lower(), kinds


def actor_disputes(story_events: list[dict], mentions: dict[int, list[dict]], texts: dict[str, str]) -> list[dict]:
    """Reports that give one done act two acting bodies of one kind: the word right before the
    head noun ("security cabinet", "war cabinet") is the claim, unless another mention names the
    body with that word further off ("Israeli cabinet" beside "Israeli war cabinet": the country
    every mention shares, no claim). The sides come from different reports."""
    out = []
    for se in story_events:
        bodies = [(m, b) for m in mentions.get(se["id"], []) if m["modality"] == "asserted" and (b := _body(m["actor_name"]))]
        for head in {b[0] for _, b in bodies}:
            named = [(m, words) for m, (h, words) in bodies if h == head and words]
            shared = {w for _, words in named for w in words[:-1]}
            sides = defaultdict(list)
            for m, words in named:
                if words[-1] not in shared:
                    sides[f"{words[-1]} {head}"].append(m)
            if len(sides) > 1 and len({m["report_id"] for ms in sides.values() for m in ms}) > 1:
                out.append({"kind": "other", "about": f"{se['event']} by which {head}", "sides": _sides(sides, texts),
                            "story_events": [se["id"]]})
    return out


def _singular_words(text: str) -> set[str]:
    """Content words with a plural -s folded, so "a rebel spokesman" names "the rebels"."""
    return {w[:-1] if w.endswith("s") and len(w) > 4 else w for w in T.content_words(text)}


def _contested_terms(tables: StoryTables, report_ids: list[str]) -> set[str]:
    """Short phrases quoted in the story ("full operational freedom"), and their two-word heads."""
    terms = set()
    for quote in tables.direct_quotes(report_ids):
        words = quote.lower().strip(" .,“”\"'‘’").split()
        if TERM_WORDS[0] <= len(words) <= TERM_WORDS[1]:
            terms.update({" ".join(words), " ".join(words[-2:])})
    return {t for t in terms if len(T.content_words(t)) == len(t.split())}   # "the same", "to do" are not terms


def positions(tables: StoryTables, reports: list[dict]) -> list[dict]:
    """For each contested term, every party's stated stance on it, in date order: the events whose
    clause holds the term (Israel REQUEST, Hezbollah REJECT...) and the quotes that use it."""
    texts = {r["id"]: r["text"].lower() for r in reports}
    by_id = {r["id"]: r for r in reports}
    statements = tables.statements(list(by_id))
    out = []
    for term in sorted(_contested_terms(tables, list(by_id))):
        stances = [{"party": party, "stance": stance, "date": by_id[rid]["published"], "outlet": by_id[rid]["outlet"],
                    "source": source, "text": by_id[rid]["text"][s:e][:160]}
                   for rid, s, e, party, stance, source in statements if term in texts[rid][s:e]]
        if len({s["party"] for s in stances}) >= 2:
            out.append({"term": term, "positions": sorted(stances, key=lambda s: (str(s["date"]), s["party"]))})
    return out


def story_disputes(tables: StoryTables, story_id: int, story_events: list[dict],
                   mentions: dict[int, list[dict]]) -> list[dict]:
    reports = tables.story_reports(story_id)
    texts = {r["id"]: r["text"] for r in reports}
    return (number_disputes(quantities(tables, reports), texts)
            + stance_disputes(story_events, mentions, texts)
            + denials(story_events, mentions, tables.attributed_quotes([r["id"] for r in reports]), texts)
            + actor_disputes(story_events, mentions, texts) + date_disputes(story_events, mentions, texts))


def story_positions(tables: StoryTables, story_id: int) -> list[dict]:
    return positions(tables, tables.story_reports(story_id))
