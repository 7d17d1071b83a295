"""The "quotes" component: direct and indirect speech with resolved speakers -> ReportDoc.quotes.

1. Direct quotes come from the quotation marks (marks.py), indirect ones from reporting verbs and
   "according to" in the parse (attribution.py); an indirect content that is just a direct quote
   is dropped, one that holds a direct quote among other words is kept beside it.
2. A direct quote takes the speaker of the attribution whose content covers it ('"...," X said'),
   else of one in its sentence, else in its paragraph, else in the paragraph before (a quote
   paragraph after 'X said:' or after a quote of X's), else "unknown".
3. Speakers are resolved by speakers.py; an unnamed source mentioned again ("the source also
   said", "the US official said") is linked to its first mention.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..actors.table import ActorTable, load_tables
from ..models import ActorMention, Quote, ReportDoc
from ..nlp.parse import DATELINES, cut_off_start, headline_end
from .attribution import Attribution, find_attributions
from .lexicon import load_lexicon
from .marks import QuoteSpan, find_direct_quotes
from .speakers import Speaker, SpeakerResolver


@Language.factory("storyline_quotes", requires=["doc._.storyline_actors"], assigns=["doc._.storyline_quotes"])
def make_quote_extractor(nlp: Language, name: str) -> "QuoteExtractor":
    return QuoteExtractor()


class QuoteExtractor:
    def __init__(self):
        self.lex = load_lexicon()
        self.actors, _ = load_tables()   # country names and demonyms, shared with the actors component

    def __call__(self, doc: Doc) -> Doc:
        rdoc = ReportDoc(doc)
        text = rdoc.text
        direct = find_direct_quotes(text)
        marked = _MarkedRegions(direct)
        resolver = SpeakerResolver(self.lex, self.actors, rdoc)
        attributions, speakers = [], []
        for attribution in find_attributions(rdoc.doc, self.lex):
            if marked.holds(attribution.cue.idx):   # reported speech inside a quote is the speaker's
                continue
            speaker = resolver.resolve(attribution.speaker) if attribution.speaker is not None else None
            if speaker is None or resolver.speaks(speaker, attribution.speaker, attribution.cue):
                attributions.append(attribution)
                speakers.append(speaker)
        layout = _Layout(rdoc, attributions)

        found: list[tuple[Quote, Optional[Speaker]]] = []
        seen: set[tuple[int, int]] = set()
        for attribution, speaker in zip(attributions, speakers):
            content = _past_dateline(text, attribution.content)
            if content and content not in seen and not marked.holds(content[0], content[1]):
                seen.add(content)
                found.append((_quote(text, content, "indirect", speaker), speaker))
        for group in _groups(direct):
            chosen = layout.speaker_for(group)
            speaker = speakers[chosen] if chosen is not None else None
            found.extend((_quote(text, (piece.start, piece.end), "direct", speaker), speaker) for piece in group)
        headline = headline_quote(rdoc, resolver, self.actors)
        if headline is not None and not any(q.start < headline[0].end and headline[0].start < q.end for q, _ in found):
            found.append(headline)
        cut = cut_off_start(doc)
        found = [pair for pair in found if cut is None or pair[0].start < cut]
        found.sort(key=lambda pair: (pair[0].start, -pair[0].end))
        _link_unnamed_sources(found)
        rdoc.quotes = [q for q, _ in found]
        return doc


# "Tinubu: we will sign nothing yet", "AU: the two armies accept a truce": a headline that opens
# with who says it
_HEADLINE_SPEAKER = re.compile(r"\s*(?P<speaker>[^:\n]{2,60}?):\s+(?P<said>\S[^\n]*)")


def headline_quote(rdoc: ReportDoc, resolver: SpeakerResolver, actors: ActorTable) -> Optional[tuple[Quote, Speaker]]:
    """What a headline attributes with a colon to a person or body the report (or the actor
    table: "UN") names; not to a place or a state, which a headline names as its topic ("Gaza: ...")."""
    end = headline_end(rdoc.text)
    match = _HEADLINE_SPEAKER.match(rdoc.text, 0, end) if end else None
    if match is None:
        return None
    start, stop = match.span("speaker")
    phrase = rdoc.doc.char_span(start, stop, alignment_mode="expand")
    named = next((a for a in rdoc.actors if start <= a.start and a.end <= stop), None) \
        or _named_elsewhere(rdoc, actors, match.group("speaker"))
    if phrase is None or named is None or named.kind not in ("person", "organization", "group"):
        return None
    speaker = resolver.resolve(phrase)
    if speaker.code is None:  # a name the model tagged nowhere in the headline: as named elsewhere
        speaker = replace(speaker, name=named.name, code=named.code, sector=named.sector,
                          type="person" if named.kind == "person" else "organization")
    return _quote(rdoc.text, (match.start("said"), end), "indirect", speaker), speaker


def _named_elsewhere(rdoc: ReportDoc, actors: ActorTable, text: str) -> Optional[ActorMention]:
    """The actor a name stands for as the report names it in full, else as the actor table has it."""
    idx = actors.lookup(text)
    if idx is None:
        return None
    entity = actors.entities[idx]
    role = entity.role_at(rdoc.reference_date)
    return next((a for a in rdoc.actors if a.name == entity.name), None) or ActorMention(
        text, 0, 0, entity.name, role.code if role else None, role.sector if role else None, entity.kind)


def _past_dateline(text: str, content: Optional[tuple[int, int]]) -> Optional[tuple[int, int]]:
    """ "BAMAKO, May 2 - X did Y, officials said": what was said starts after the dateline."""
    if content is None:
        return None
    paragraph = text.rfind("\n", 0, content[0]) + 1
    dateline = next((m for m in (p.match(text, paragraph) for p in DATELINES) if m is not None), None)
    start = max(content[0], dateline.end()) if dateline is not None else content[0]
    while start < content[1] and text[start].isspace():
        start += 1
    return (start, content[1]) if start < content[1] else None


def _quote(text: str, span: tuple[int, int], kind: str, speaker: Optional[Speaker]) -> Quote:
    start, end = span
    if speaker is None:
        return Quote(text[start:end], start, end, kind, None, None, None, None, "unknown")
    return Quote(text[start:end], start, end, kind, speaker.name, speaker.text, speaker.start, speaker.end,
                 speaker.type, speaker.code, speaker.sector, speaker_count=speaker.count,
                 speaker_rank=speaker.rank)


def _groups(direct: list[QuoteSpan]) -> list[list[QuoteSpan]]:
    groups: dict[int, list[QuoteSpan]] = {}
    for piece in direct:
        groups.setdefault(piece.group, []).append(piece)
    return list(groups.values())


class _MarkedRegions:
    """Text between quotation marks, for O(log n) "is this offset quoted?" checks."""

    def __init__(self, direct: list[QuoteSpan]):
        self.starts = [q.open_mark for q in direct]
        self.ends = [(q.close_mark + 1) if q.close_mark is not None else q.end for q in direct]

    def holds(self, start: int, end: Optional[int] = None) -> bool:
        end = start + 1 if end is None else end
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.ends[i]


class _Layout:
    """Sentences and paragraphs of a report with the attributions in each, to pick a quote's speaker."""

    def __init__(self, rdoc: ReportDoc, attributions: list[Attribution]):
        text = rdoc.text
        self.text = text
        self.attributions = attributions
        self.cues = [a.cue.idx for a in attributions]
        self.sent_starts = [s.start_char for s in rdoc.doc.sents]
        self.para_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n" and i + 1 < len(text)
                                  and text[i + 1] != "\n"]

    def speaker_for(self, group: list[QuoteSpan]) -> Optional[int]:
        """Index of the attribution that gives a direct quotation its speaker, or None."""
        for piece in group:
            covering = self._covering(piece)
            if covering is not None:
                return covering
        for piece in group:
            found = self._nearest(piece, self._sentence_bounds(piece.open_mark), with_speaker=True)
            if found is not None:
                return found
        for piece in group:
            found = self._nearest(piece, self._paragraph_bounds(piece.open_mark), with_speaker=True)
            if found is not None:
                return found
        return self._previous_paragraph(group[0])

    def _covering(self, piece: QuoteSpan) -> Optional[int]:
        for i in self._in_range(piece.open_mark - 600, piece.end + 600):
            a = self.attributions[i]
            if a.speaker is not None and a.content and a.content[0] <= piece.start and piece.end <= a.content[1] + 1:
                return i
            if a.speaker is not None and a.content and a.content[0] <= piece.open_mark + 1 and \
                    a.content[1] >= piece.start and a.cue.idx > piece.end:   # '"...," X said'
                return i
        return None

    def _nearest(self, piece: QuoteSpan, bounds: tuple[int, int], with_speaker: bool) -> Optional[int]:
        close = piece.close_mark if piece.close_mark is not None else piece.end
        best, best_distance = None, None
        for i in self._in_range(*bounds):
            a = self.attributions[i]
            if with_speaker and a.speaker is None:
                continue
            cue = a.cue.idx
            distance = piece.open_mark - cue if cue < piece.open_mark else cue - close
            if a.colon and cue < piece.open_mark:
                distance = 0   # "X said:" introduces the quote that follows
            if best_distance is None or distance < best_distance:
                best, best_distance = i, distance
        return best

    def _previous_paragraph(self, piece: QuoteSpan) -> Optional[int]:
        p_start, _ = self._paragraph_bounds(piece.open_mark)
        if p_start == 0:
            return None
        prev_start, prev_end = self._paragraph_bounds(p_start - 1)
        candidates = [i for i in self._in_range(prev_start, prev_end) if self.attributions[i].speaker is not None]
        return candidates[-1] if candidates else None

    def _in_range(self, start: int, end: int) -> range:
        return range(bisect.bisect_left(self.cues, start), bisect.bisect_left(self.cues, end))

    def _sentence_bounds(self, offset: int) -> tuple[int, int]:
        return _bounds(self.sent_starts, offset, len(self.text))

    def _paragraph_bounds(self, offset: int) -> tuple[int, int]:
        return _bounds(self.para_starts, offset, len(self.text))


def _bounds(starts: list[int], offset: int, text_len: int) -> tuple[int, int]:
    i = max(bisect.bisect_right(starts, offset) - 1, 0)
    return starts[i], starts[i + 1] if i + 1 < len(starts) else text_len


def _link_unnamed_sources(found: list[tuple[Quote, Optional[Speaker]]]) -> None:
    """A definite mention of an unnamed source ("the official", "one of the sources") refers to
    the latest earlier source of the same role and country; it takes that source's identity."""
    earlier: list[int] = []
    for i, (q, speaker) in enumerate(found):
        if speaker is None or q.speaker_type != "anonymous":
            continue
        antecedent = _antecedent(found, earlier, speaker) if speaker.definite else None
        if antecedent is not None:
            first = found[antecedent][0].same_source_as
            first = antecedent if first is None else first
            _take_identity(q, found[first][0], first)
        earlier.append(i)


def _antecedent(found: list[tuple[Quote, Optional[Speaker]]], earlier: list[int], speaker: Speaker) -> Optional[int]:
    """"the source" is the latest earlier unnamed source; "the official" the latest one with the
    same role, else the latest plain "source"; countries must not clash."""
    q_code = speaker.code
    compatible = [j for j in reversed(earlier)
                  if q_code is None or found[j][0].speaker_code in (None, q_code)]
    if speaker.role == "source":
        return compatible[0] if compatible else None
    same_role = next((j for j in compatible if found[j][1].role == speaker.role), None)
    if same_role is not None:
        return same_role
    return next((j for j in compatible if "source" in (speaker.role, found[j][1].role)), None)


def _take_identity(q: Quote, first: Quote, first_index: int) -> None:
    q.same_source_as = first_index
    q.speaker = first.speaker
    q.speaker_code = q.speaker_code or first.speaker_code
    q.speaker_sector = q.speaker_sector or first.speaker_sector
    q.speaker_rank = q.speaker_rank or first.speaker_rank
    q.speaker_count = first.speaker_count
