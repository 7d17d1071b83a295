"""Light coreference over the mentions already found in a report (no model, parse only).

  pronouns  he/she/him/his/her  -> a person: a subject earlier in the same sentence, else the
            last person in that sentence, else the last person subject of a preceding sentence;
            they/them/their -> the last group/organization/state, one named in the plural first;
            a "they" subject of a clause hanging from a verb ("X approached Y, saying they want
            ...") -> that verb's subject when it is a body or a state;
            its -> organization/state or a group named in the singular ("the group");
            "it" only as the subject of an action verb ("the military said it struck ..."), never
            the empty "it" of "it is unclear", "it remains to be seen", and only within a few sentences.
            News outlets (media organizations) are never antecedents of its/they/their: a report
            cites them as sources ("Reuters reported"), the pronoun that follows is about actors
  titles    "the prime minister", "the speaker" -> the last person holding that title (from the
            actor table's titles or the title written before the name), else the last whose title
            it shortens ("the minister" after "Foreign Minister X")
  definite  "the official", "the source" -> the last descriptor with the same head noun; a noun
            by which a report refers back to a body ("the group", "the rebels") -> the last body
            of its sector the report names
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from ..lexicon import column, default_lexicon, words
from ..models import ActorMention

PERSON_PRONOUNS = words("pronouns", "person")
GROUP_PRONOUNS = words("pronouns", "group")
ORG_PRONOUNS = words("pronouns", "organization")
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | ORG_PRONOUNS
GROUP_NOUNS = words("source_nouns", "group_noun")
# The kind of body a word for one refers back to ("the group": an armed group).
GROUP_NOUN_SECTORS = {word: sector for word, sector in column("source_nouns", "sector").items() if word in GROUP_NOUNS}
# Verbs whose subject "it" is usually empty: "it seems", "it remains unclear", "it takes time".
IMPERSONAL_VERBS = {"be", "seem", "appear", "remain", "take", "happen", "matter", "mean", "look", "become",
                    "depend"}
PREDICATE_DEPS = {"acomp", "attr", "oprd", "expl"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
MEDIA_SECTORS = {"JRN", "MED"}
MAX_SENTENCES_BACK = 3
# "both sides", "the two sides", "the parties", "neither side", "the warring parties", "the two
# countries": the parties last named together in the text.
PAIR_NOUNS = {"side", "party"}
# Nouns that stand for the pair only when counted: "the two countries", "both rivals".
PAIR_COUNTED_NOUNS = words("source_nouns", "counted_pair")
PAIR_DETERMINERS = {"both", "two", "all", "neither", "either", "the"}
PAIR_MODIFIERS = {"warring", "rival", "opposing"}


@dataclass
class MentionInfo:
    """What coreference needs to know about a mention besides the ActorMention itself."""
    mention: ActorMention
    head: Token
    sent: int                      # token index where the head's sentence starts
    titles: tuple[str, ...] = ()
    head_phrase: str = ""          # agent phrase of a descriptor ("official", "source")


def refers(pronoun: Token) -> bool:
    """Whether a pronoun can have an antecedent: "it" only as the subject of an action verb."""
    if pronoun.lower_ != "it":
        return True
    verb = pronoun.head
    if pronoun.dep_ == "nsubj" and any(c.dep_ == "acomp" and c.lower_ in default_lexicon().adjectives
                                       for c in verb.children):
        return True  # "it was ready to host the talks": a party's stance, not "it is unclear"
    return (pronoun.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_.lower() not in IMPERSONAL_VERBS
            and not any(c.dep_ in PREDICATE_DEPS for c in verb.children))


def pronoun_antecedent(word: str, sent: int, window: int, seen: list[MentionInfo],
                       opens_sentence: bool = False) -> Optional[int]:
    """Index into `seen` of the mention a pronoun refers to, or None.

    `sent` is the start of the pronoun's sentence, `window` the start of the sentence
    MAX_SENTENCES_BACK before it (preferred antecedents are within the window)."""
    if word in PERSON_PRONOUNS:
        fits = [i for i, m in enumerate(seen) if m.mention.kind == "person" and m.mention.code is not None]
    else:
        fits = [i for i, m in enumerate(seen) if m.mention.kind in ("group", "organization", "state")
                and not _outlet(m.mention) and _number_fits(word, m)]
        if word in GROUP_PRONOUNS:
            # "they" is the Houthis rather than the administration they approached, when the
            # last few sentences name anyone in the plural
            plural = [i for i in fits if is_plural(seen[i].head) and seen[i].sent >= window]
            fits = plural or fits
    if not fits:
        return None
    same_sentence = [i for i in fits if seen[i].sent == sent]
    subjects = [i for i in same_sentence if seen[i].head.dep_ in SUBJECT_DEPS]
    if subjects:
        return subjects[-1]
    earlier = [i for i in fits if seen[i].sent >= window]
    earlier_subjects = [i for i in earlier if seen[i].head.dep_ in SUBJECT_DEPS]
    if word == "it":  # "it" continues a subject; any other noun in between is likelier its referent
        return earlier_subjects[-1] if earlier_subjects else None
    if opens_sentence and word == "its" and not same_sentence:
        # "The role of Eritrea remains unclear. Its troops ...": a sentence opening on "its" goes
        # on about the sentence before (its subject, else what it names), not about one further back
        last = max((m.sent for m in seen if m.sent < sent), default=None)
        previous = [i for i in fits if seen[i].sent == last]
        if previous:
            return next((i for i in reversed(previous) if seen[i].head.dep_ in SUBJECT_DEPS), previous[-1])
    if same_sentence:
        return same_sentence[-1]
    if earlier_subjects:
        return earlier_subjects[-1]
    if earlier:
        return earlier[-1]
    return fits[-1]


# How a clause hangs from the verb whose subject a "they" in it continues.
_GOVERNED_DEPS = {"ccomp", "advcl", "xcomp", "conj"}


def governing_subject(pronoun: Token, seen: list[MentionInfo]) -> Optional[int]:
    """Index into `seen` of the subject of the verb that a subject "they" is in a clause of
    ("the rebels approached the mediators, indicating they want talks": the rebels, not the nearer
    plural), if that subject is a body or a state; None when the nearest subject up is anyone else."""
    if pronoun.lower_ not in GROUP_PRONOUNS or pronoun.dep_ not in SUBJECT_DEPS:
        return None
    verb = pronoun.head
    while verb.dep_ in _GOVERNED_DEPS and verb.head is not verb:
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None:
            continue
        k = next((i for i, m in enumerate(seen) if m.head.i == subject.i), None)
        fits = k is not None and seen[k].mention.kind in ("group", "organization", "state") \
            and not _outlet(seen[k].mention)
        return k if fits else None
    return None


def is_plural(head: Token) -> bool:
    return "Plur" in head.morph.get("Number")


def _number_fits(word: str, info: MentionInfo) -> bool:
    """ "its" is a state, an organisation or a group named in the singular ("the group", "the
    movement"); "they" any group, organisation or state."""
    if word in GROUP_PRONOUNS:
        return True
    return info.mention.kind != "group" or not is_plural(info.head) and info.head.pos_ in ("NOUN", "PROPN")


def _outlet(mention: ActorMention) -> bool:
    return mention.kind == "organization" and mention.sector in MEDIA_SECTORS


def title_antecedent(title: str, seen: list[MentionInfo]) -> Optional[int]:
    """The last person holding the title, else the last whose title it shortens ("the minister"
    after "Foreign Minister X")."""
    people = [i for i in range(len(seen) - 1, -1, -1) if seen[i].mention.kind == "person"]
    exact = next((i for i in people if title in seen[i].titles), None)
    if exact is not None:
        return exact
    return next((i for i in people if any(t.endswith(" " + title) for t in (*seen[i].titles, seen[i].head_phrase))),
                None)


def descriptor_antecedent(head_phrase: str, seen: list[MentionInfo]) -> Optional[int]:
    for i in range(len(seen) - 1, -1, -1):
        if seen[i].head_phrase == head_phrase and seen[i].mention.evidence != "unknown":
            return i
    return None


def body_named(word: str, seen: list[MentionInfo]) -> Optional[int]:
    """The organisation or group named last whose name holds `word` ("the alliance" after "the
    Sahel Freedom Alliance", "the front's leader" after "the Polisario Front")."""
    for i in range(len(seen) - 1, -1, -1):
        m = seen[i].mention
        if m.proper and m.kind in ("organization", "group") and m.name and word in m.name.lower().split():
            return i
    return None


def body_antecedent(sector: Optional[str], seen: list[MentionInfo]) -> Optional[int]:
    """ "the group", "the rebels": the last body of that sector (any, for a noun with none) named
    by its name, so that the name, not an earlier descriptor, gives the identity."""
    for i in range(len(seen) - 1, -1, -1):
        m = seen[i].mention
        if m.proper and m.kind in ("organization", "group") and not _outlet(m) \
                and (sector is None or m.sector == sector):
            return i
    return None


def is_pair_reference(token: Token) -> bool:
    """ "both sides", "the two countries", "the warring parties": the two parties named together."""
    modifiers = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet", "amod")}
    if token.lemma_.lower() in PAIR_COUNTED_NOUNS:  # "the two countries", "both nations"
        return token.tag_ == "NNS" and bool(modifiers & {"two", "both"})
    if token.lemma_.lower() not in PAIR_NOUNS:
        return False
    if modifiers & PAIR_MODIFIERS or modifiers & {"neither", "either", "both"}:
        return True
    return token.tag_ == "NNS" and bool(modifiers & PAIR_DETERMINERS)
