"""Light coreference over the mentions already found in a report (no model, parse only).

  pronouns  he/she/him/his/her  -> a person: a subject earlier in the same sentence, else the
            last person in that sentence, else the last person subject of a preceding sentence;
            they/them/their -> the last group/organization/state; its -> organization/state
  titles    "the prime minister", "the speaker" -> the last person holding that title (from the
            actor table's titles or the title written before the name)
  definite  "the official", "the source" -> the last descriptor with the same head noun
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from ..models import ActorMention

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
GROUP_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
ORG_PRONOUNS = {"its"}
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | ORG_PRONOUNS
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
MAX_SENTENCES_BACK = 3


@dataclass
class MentionInfo:
    """What coreference needs to know about a mention besides the ActorMention itself."""
    mention: ActorMention
    head: Token
    titles: tuple[str, ...] = ()
    head_phrase: str = ""          # agent phrase of a descriptor ("official", "source")


def pronoun_antecedent(token: Token, seen: list[MentionInfo]) -> Optional[int]:
    """Index into `seen` of the mention the pronoun refers to, or None."""
    word = token.lower_
    if word in PERSON_PRONOUNS:
        fits = [i for i, m in enumerate(seen) if m.mention.kind == "person" and m.mention.code is not None]
    elif word in GROUP_PRONOUNS:
        fits = [i for i, m in enumerate(seen) if m.mention.kind in ("group", "organization", "state")]
    else:
        fits = [i for i, m in enumerate(seen) if m.mention.kind in ("organization", "state")]
    if not fits:
        return None
    sent = token.sent
    same_sentence = [i for i in fits if seen[i].head.sent == sent]
    subjects = [i for i in same_sentence if seen[i].head.dep_ in SUBJECT_DEPS]
    if subjects:
        return subjects[-1]
    if same_sentence:
        return same_sentence[-1]
    earlier = [i for i in fits if seen[i].head.sent.start >= _sentence_start_back(token)]
    earlier_subjects = [i for i in earlier if seen[i].head.dep_ in SUBJECT_DEPS]
    if earlier_subjects:
        return earlier_subjects[-1]
    return earlier[-1] if earlier else fits[-1]


def _sentence_start_back(token: Token) -> int:
    """Token index where the window of MAX_SENTENCES_BACK sentences before `token` starts."""
    start = token.sent.start
    for _ in range(MAX_SENTENCES_BACK):
        if start == 0:
            break
        start = token.doc[start - 1].sent.start
    return start


def title_antecedent(title: str, seen: list[MentionInfo]) -> Optional[int]:
    for i in range(len(seen) - 1, -1, -1):
        if seen[i].mention.kind == "person" and title in seen[i].titles:
            return i
    return None


def descriptor_antecedent(head_phrase: str, seen: list[MentionInfo]) -> Optional[int]:
    for i in range(len(seen) - 1, -1, -1):
        if seen[i].head_phrase == head_phrase and seen[i].mention.method != "unknown":
            return i
    return None
