"""The `events` component: PLOVER events with arguments, modality, date, place and source.

Per sentence of the parse:
1. triggers from the lexicon (verbs, phrasal verbs, nominal triggers, light verb + noun);
2. triggers that are the content of another verbal act are folded into it ("urged Hamas to agree
   to a ceasefire" is one REQUEST), and a reporting verb whose complement holds a must/should
   ("Sisi said talks should resume") becomes the REQUEST; verbs whose subject is a document
   ("the proposal requires ...") are not acts, what they govern is hypothetical;
3. actor and recipient from the parse (arguments.py), one event per coordinated actor/recipient,
   in text order ("the Israel-Hezbollah ceasefire": like "between", the first acts, the second
   receives); a noun naming the act of its verb again is folded into it ("mediated talks");
4. modality (modality.py), a refused cooperative act becoming REJECT ("will not agree");
5. date, location and source from the timexes, places and quotes of the earlier components.
"""
from __future__ import annotations

import re
from itertools import product
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..models import STATE_SECTORS, Event, EventArgument, ReportDoc, Source
from ..nlp.parse import cut_off_start, headline_end
from ..time import event_date_value, is_event_date
from ..actors.coref import is_pair_reference
from .arguments import (ArgumentResolver, conjuncts, gerund_content, group_of, hosted_by_third_party, hyphen_partner,
                        is_headline_infinitive, mediated_parties, nominal_actor, place_argument, recipients_of,
                        subject_of)
from ..lexicon import Entry, Lexicon, default_lexicon, words
from .modality import (ASSERTED, FUTURE, HYPOTHETICAL, NEGATED, denied, is_denial, is_infinitive, is_refusal,
                       modality_of)
from .triggers import (PRESENCE, THIRD_PARTY, THIRD_PARTY_NOUNS, Trigger, clause_head, find_triggers, is_due, noun_entry,
                       prep_objects, quantity_head, sponsor_of, verb_trigger)

# Acts whose complement is their content, not a separate event: "urged X to withdraw".
VERBAL_TYPES = {"REQUEST", "AGREE", "REJECT", "THREATEN", "CONCEDE", "ACCUSE", "SUPPORT"}
# Acts two parties do with each other: coordinated actors are each other's recipients.
RECIPROCAL_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
# Cooperative acts that, when negated, are refusals: "will not agree" / "would not suspend attacks".
REFUSABLE_TYPES = {"AGREE", "CONCEDE", "RETREAT", "SUPPORT", "COOPERATE", "AID", "CONSULT"}
# The PLOVER REJECT mode of what is refused: "will not withdraw" (yield), "will not meet" (meet),
# "will not help" (assist).
_REFUSAL_MODES = {"RETREAT": "yield", "CONSULT": "meet", "AID": "assist", "COOPERATE": "assist"}
_CONTENT_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "relcl", "advcl", "nsubjpass", "attr", "oprd"}
_REPORTING = words("reporting_verbs", "demand_report")
_SAYING = words("reporting_verbs", "reporting")
# Saying that another party broke an agreement accuses it (PLOVER ACCUSE, mode allege).
ALLEGATION = Entry("ACCUSE", "allege", 0.7)
_DEMAND_AUX = words("modality", "demand_aux")
_DEMAND_VERBS = words("modality", "demand_verb")
# What a demand asks for decides its REQUEST mode.
_REQUEST_MODE_OF_CONTENT = {"CONSULT": "meet", "RETREAT": "yield", "AGREE": "yield", "CONCEDE": "yield",
                            "AID": "assist", "COOPERATE": "assist"}
# What a threat threatens decides its THREATEN mode (the PLOVER manual's modes: violence, restrict,
# arrest, expel, relations); a mode the threatened act names itself ("arrest", "expel") is kept.
_THREAT_MODE_OF_CONTENT = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations"}
_THREAT_MODES_KEPT = {"arrest", "expel"}
# A vow to do these, or not to do something, is a promise (AGREE), not a threat ("vowed to respect
# the truce", "vowed not to attack"); "defend" (SUPPORT, or a broad CAMEO entry) is as often force.
_PROMISED_TYPES = REFUSABLE_TYPES - {"SUPPORT"}
_LOCATION_PREPS = words("prepositions", "event_location")
_OCCASION_PREPS = words("prepositions", "occasion")
_INSTRUMENT_PREPS = words("prepositions", "instrument")
# CAMEO-derived entries (below this strength) are broad: they count only between two resolved actors.
_WEAK_STRENGTH = 0.55
# Verbs of intent or phase whose infinitive is the act itself: "sought to broker", "began bombing".
_PASS_THROUGH = words("modality", "pass_through")
# Predicates for which a nominal trigger as subject is itself the event: "the ceasefire took effect",
# "the truce is in effect"; nouns of its start: "the start of the ceasefire".
_EFFECT_VERBS = words("modality", "effect_verb")
_EFFECT_STATES = words("modality", "effect_state")
_ONSET_NOUNS = words("modality", "onset")
# Ending violence is a ceasefire: "hostilities will cease", "end the fighting".
_CESSATION_VERBS = words("modality", "cessation_verb")
_CEASEFIRE = Entry("RETREAT", "ceasefire", 0.9)
# Ending one's part in talks or cooperation reduces relations (PLOVER SANCTION): withdrawing from a
# mediation or negotiation, discontinuing an exchange.
_WITHDRAWAL_FROM = {"CONSULT": Entry("SANCTION", "withdraw", 0.9), "COOPERATE": Entry("SANCTION", "discontinue", 0.9),
                    "AID": Entry("SANCTION", "discontinue", 0.9)}
# What a word of striving governs is an aim, not an act ("sought a truce", "efforts to free the
# captives"); a word of success ("secure", "broker") governs an aim until it is told as done.
_AIM_GOVERNORS = words("modality", "aim_governor")
_AIM_UNLESS_DONE = words("modality", "aim_unless_done")
_MODAL_AUX = words("modality", "modal")
# Verbs whose infinitive happened ("managed to secure"), leaving out those of intent or phase
# ("tried to", "began to") and of failure.
_ACHIEVING = words("modality", "implicative") - _PASS_THROUGH - words("modality", "failure_governor")
_AIM_CLIMB_DEPS = {"dobj", "pobj", "prep", "pcomp", "acl", "relcl", "xcomp", "conj"}
_AIM_LEVELS = 4   # a word of striving governs its aim from a few phrases up ("efforts to free the captives")
# Committing to a retreat is a concession: "pledged to halt", "promised to relocate its forces".
_COMMITMENT_VERBS = words("modality", "commitment")
# Forces are moved by their own side: "the Lebanese army will be deployed" -> actor the army.
_PATIENT_IS_ACTOR = {"MOBILIZE", "RETREAT"}
_MAX_CLIMB = 6
# How far back a reported act looks for the day the narrative has set: its paragraph and the one before.
CONTEXT_PARAGRAPHS = 2
# How many paragraphs after the lead may tell its undated acts again with their day.
RESTATING_PARAGRAPHS = 2
_PERIOD_PREPS = words("prepositions", "period")
# "under the deal", "according to the agreement": the terms of a text, not its making.
_TERMS_PREPS = words("prepositions", "terms")
_TOPIC_PREPS = words("prepositions", "topic")
_TOPIC_ANYWHERE_PREPS = words("prepositions", "topic_anywhere")
_SCENE_PREPS = words("prepositions", "scene")
_TIME_PREPS = words("prepositions", "time_phrase")
_DURATION_SPAN_PREPS = words("prepositions", "duration_span")
# How a paragraph that is a sentence ends; a first line without one is a headline.
# How a time phrase hangs from what it dates: object of a preposition, or a bare noun phrase
# ("last year", "Tuesday", "a few months ago").
_ADVERBIAL_TIME_DEPS = {"pobj", "npadvmod", "tmod", "advmod", "obl"}
# Spans of days: "11 to 13 October", "between 11 and 13 October", "June 4-6".
DAY_SPAN_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s*(?:to|and|through|until|-|–)\s*$")
DAY_SPAN_AFTER = re.compile(r"\s*(?:-|–|to|through|until)\s*\d{1,2}\b")
# A dispatch's dateline: a place (in capitals or title case) and a comma before the date, its
# agency in brackets or a dash or colon after it ("TRIPOLI, Nov 04 (Xinhua):").
DATELINE_BEFORE = re.compile(r"[ \t]*[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,2}(?:, [A-Z][A-Za-z.' ]+)?,\s*")
DATELINE_AFTER = re.compile(r"\s*(?:\([^)\n]{1,30}\)\s*)?[-–—:]")
# A report opening with its dispatch's place and date may run straight into its first sentence
# ("Kerrin, Mar 3 The council voted..."): a scrape that lost the dash
OPENING_DATELINE_AFTER = re.compile(r" +(?=[A-Z][a-z])")
# Durations of several days or weeks ("P4D", "PXD", "P2W").
MULTI_DAY = re.compile(r"P(?:[2-9]|\d{2,}|X)[DW]")
DAY_JOINER = re.compile(r"\s*(?:,?\s*and|to|through|until|-|–)\s*")
# A strike on a town hits its country; a visit to a city is to its country.
_PLACE_TARGETS = {"ASSAULT": None, "COERCE": None, "CONSULT": {"visit"}}  # type -> its modes (None: any)
# Acts of one side of a conflict on the other: with no recipient named, it is the other side.
_DYADIC_ACTS = {"ASSAULT": None, "THREATEN": None, "COERCE": None, "RETREAT": {"ceasefire"}}


@Language.factory(
    "storyline_events",
    requires=["doc._.storyline_actors", "doc._.storyline_main_country", "doc._.storyline_timexes",
              "doc._.storyline_places", "doc._.storyline_quotes"],
    assigns=["doc._.storyline_events"],
    default_config={"min_confidence": 0.0},
)
def make_event_extractor(nlp: Language, name: str, min_confidence: float) -> "EventExtractor":
    """`min_confidence`: events less confident than this are dropped (0 to 1; 0 keeps them all)."""
    return EventExtractor(min_confidence)


class EventExtractor:
    def __init__(self, min_confidence: float = 0.0):
        if not 0.0 <= min_confidence <= 1.0:
            raise ValueError(f"storyline_events: min_confidence must be between 0 and 1, not {min_confidence}")
        self.lexicon: Lexicon = default_lexicon()
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc) -> Doc:
        rdoc = ReportDoc(doc)
        resolver = ArgumentResolver(rdoc)
        candidates = self.lexicon.candidate_tokens(doc)
        cut = cut_off_start(doc)
        rdoc.events = [event for sent in doc.sents if cut is None or sent.start_char < cut
                       for event in self.sentence_events(rdoc, sent, resolver, candidates)
                       if event.confidence >= self.min_confidence]
        date_opening_acts(rdoc)
        place_meetings_by_whereabouts(rdoc)
        return doc

    # ---- per sentence -------------------------------------------------------------------
    def sentence_events(self, rdoc: ReportDoc, sent: Span, resolver: ArgumentResolver,
                        candidates: Optional[frozenset[int]] = None) -> list[Event]:
        triggers = [c for c in (as_cessation(t) for t in find_triggers(sent, self.lexicon, candidates)
                                if not self.is_document_act(t) and not is_pass_through(t)
                                and not describes_source(t)) if c is not None]
        # "halting Israel's aggression", "halted its mediation": the verb is the support of the
        # cessation or withdrawal it names, one act
        triggers = [t for t in triggers if not any(o.support is not None and o.support.i == t.token.i
                                                   and (o.entry.event == t.entry.event or is_ending(o)) for o in triggers)]
        triggers = [t for t in triggers if not repeats_act(t, triggers)]
        triggers += self.reported_acts(sent, triggers)
        by_head = {t.token.i: t for t in triggers}
        by_head.update({t.support.i: t for t in triggers if t.support is not None})
        governors = {t.token.i: self.governing_act(t, by_head) for t in triggers}
        contents: dict[int, list[Trigger]] = {}
        for t in triggers:
            if governors[t.token.i] is not None:
                contents.setdefault(governors[t.token.i].token.i, []).append(t)
        # One event per type and actor in a sentence: the most confident trigger gives it
        # (a trigger with several recipients still gives one event per recipient).
        chosen: dict[tuple, list[Event]] = {}
        for trigger in (t for t in triggers if (governors[t.token.i] is None or self.own_event(t, governors[t.token.i]))
                        and not is_aim(t, self.lexicon)):
            content = contents.get(trigger.token.i, []) or requested_act(trigger, by_head)
            if is_forecast(trigger, content):
                continue
            trigger = with_content(trigger, content)
            events = list(self.trigger_events(rdoc, trigger, resolver, sent, governors[trigger.token.i], content))
            # In text order, so coordinated actors ("Israel and Hezbollah agreed") come out in order.
            clause = occasion_clause(trigger, clause_head(trigger.predicate), by_head).i
            for key in dict.fromkeys((e.event, _arg_key(e.actor), clause) for e in events):
                group = [e for e in events if (e.event, _arg_key(e.actor), clause) == key]
                if key in chosen and acts_on_others(group, chosen[key], sent):
                    key += (trigger.token.i,)  # "flew to X for talks with Y": two acts of one actor
                if key not in chosen or chosen[key][0].confidence < group[0].confidence:
                    chosen[key] = group
        return sorted((e for group in chosen.values() for e in group), key=lambda e: (e.trigger_start, e.event))

    @staticmethod
    def own_event(trigger: Trigger, governor: Trigger) -> bool:
        """What an agreement is to ("agreed to a ceasefire", "agreed to release prisoners") is an
        event of its own; what a demand asks for or a promise commits to is not, and neither is
        the governor's act named again ("mediated talks")."""
        support = trigger.support
        if support is not None and support.head.i == trigger.token.i and subject_of(support) is not None:
            return True  # "endorsed the agreement that both sides struck": a clause tells its own act
        if trigger.entry.event == governor.entry.event and not trigger.nominal:
            return False  # "voted to approve": one agreement
        if in_time_phrase(trigger.token, governor.token):
            # "thanked X after talks in Geneva": an act before or around it, not its content; "during
            # the meeting" names again one already told
            return not (trigger.nominal and refers_back(trigger.token))
        if governor.entry is ALLEGATION or governor.entry.event == "ACCUSE" and not trigger.nominal:
            return True  # the act alleged ("accused X of shelling Y") is told as one of its own, with its source
        if is_denial(governor.token) and not trigger.nominal:
            return True  # "denied that its coast guard had rammed the boat": the act denied, negated
        if governor.entry.event == "AGREE" and governor.token.lemma_.lower() not in _COMMITMENT_VERBS:
            return not (trigger.nominal and trigger.token.dep_ == "dobj" and governor.token.i == trigger.token.head.i)
        # What a demand asks for, or a promise commits to, is the demand's or promise's, unless the
        # text names whose act it is ("rejected a Taliban demand" holds the Taliban's demand).
        own = nominal_actor(trigger.token) if trigger.nominal else None
        return own is not None and own.head.lower_ != "between"

    def is_document_act(self, trigger: Trigger) -> bool:
        """'The proposal requires / calls for ...': the document is not an actor, and the
        document itself is no event ("the agreement requires", "under the deal")."""
        if trigger.nominal:
            return self.is_document(trigger)
        subject = subject_of(trigger.token)
        return subject is not None and subject.lemma_.lower() in self.lexicon.document_nouns

    def is_document_object(self, trigger: Trigger) -> bool:
        """ "called the deal a betrayal", "brought the accord to the cabinet", "violated the truce",
        "brokered the accord": who handles, judges, breaks or mediates a deal is not its party
        (unlike "disclosed talks with X", "voted on the accord")."""
        token = trigger.token
        if token.dep_ != "dobj" or token.lemma_.lower() not in self.lexicon.document_nouns:
            return False
        handling = verb_trigger(token.head, self.lexicon)
        # "signed the deal": its parties; "brokered the accord": its mediator, who is no party
        return token.head.lemma_.lower() in self.lexicon.breach_verbs or handling is None \
            or handling.entry.mode == THIRD_PARTY.mode

    def is_document(self, trigger: Trigger) -> bool:
        token = trigger.token
        if trigger.support is not None or token.lemma_.lower() not in self.lexicon.document_nouns:
            return False
        prep = token.head
        if token.dep_ == "pobj" and (prep.lower_ in _TOPIC_ANYWHERE_PREPS or prep.lower_ in _TOPIC_PREPS
                                     and prep.head.pos_ in ("NOUN", "PROPN")):
            return True  # "movement on a deal between X and Y", "a proposal for an X-Y truce": a subject
        own = nominal_actor(token)
        if own is not None and (own.head.lower_ == "between" or hyphen_partner(own) is not None):
            return False  # "a deal between X and Y", "the US-Houthi deal": its parties' agreement
        if token.dep_ in ("nsubj", "nsubjpass"):
            return not takes_effect(token.head)
        if self.is_document_object(trigger) and not any(c.dep_ == "acl" or c.dep_ == "prep" and c.lower_ == "of"
                                                         for c in token.children):
            # "examined the US proposal", "published the draft": a text handled, not made (not
            # "noted both rivals' agreement to reopen the road", whose clause is their act)
            return True
        if token.dep_ != "pobj" or effect_predicate(trigger) is not None:
            return False  # "the start of the truce" is the truce itself
        return prep.lower_ in _TERMS_PREPS or prep.lower_ == "to" and prep.head.lower_ in ("according", "pursuant")

    def governing_act(self, trigger: Trigger, by_head: dict[int, Trigger]) -> Optional[Trigger]:
        """The verbal act whose content this trigger is, if any ("agree" in "urged X to agree"), or
        the act this trigger only names again ("talks" in "mediated talks between X and Y")."""
        token = trigger.support or trigger.token
        for _ in range(_MAX_CLIMB):
            if token.dep_ == "conj" and token.head.dep_ in ("xcomp", "ccomp"):
                token = token.head  # "urged X to show restraint and to accept a deal": both are the content
            if token.dep_ not in _CONTENT_DEPS or token.head.i == token.i:
                return None
            if token.dep_ == "acl" and token.tag_ == "VBN" and token.pos_ == "VERB":
                return None  # "a proposal brokered by Egypt": a second act, not the proposal's content
            if token is trigger.token and token.dep_ == "advcl" and token.tag_ == "VBG" \
                    and not any(c.dep_ in ("mark", "aux") for c in token.children) \
                    and not _tells_more_of(token, gerund_content(token.head)):
                return None  # "condemned the attack, blaming the militants": a second act of the same actor
            if token.dep_ == "ccomp" and token.head.lemma_.lower() in _SAYING and token.head.i not in by_head:
                return None  # "..., adding that X would not release them": what a saying reports is its own
            token = token.head
            governor = by_head.get(token.i)
            if governor is not None and governor is not trigger:
                same_act = (trigger.nominal and trigger.token.dep_ == "dobj" and governor.token.i == trigger.token.head.i
                            and governor.entry.event == trigger.entry.event)
                if governor.entry.strength < _WEAK_STRENGTH and not same_act:
                    return None  # a broad verb ("said it claimed to have accepted") reports its content, not holds it
                return governor if governor.entry.event in VERBAL_TYPES or same_act else None
        return None

    def reported_acts(self, sent: Span, triggers: list[Trigger]) -> list[Trigger]:
        """What a speaker does by saying something: "X told Y that Israel must ...", "Sisi said talks
        should resume" demand (REQUEST); "the rebels said the army had violated the truce" accuses
        the army (ACCUSE; the breach stays an event of its own, told by the speaker)."""
        acts = []
        taken = {t.token.i for t in triggers}
        for verb in sent:
            lemma = verb.lemma_.lower()
            if lemma not in _SAYING or verb.i in taken:
                continue
            for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                content = [t for t in triggers if clause.left_edge.i <= t.token.i <= clause.right_edge.i]
                if lemma in _REPORTING and self.is_demand(clause):
                    mode = next((_REQUEST_MODE_OF_CONTENT[t.entry.event] for t in content
                                 if t.entry.event in _REQUEST_MODE_OF_CONTENT), None)
                    acts.append(Trigger(verb, Entry("REQUEST", mode, 0.7)))
                    break
                if any(self.is_breach(t) for t in content):
                    acts.append(Trigger(verb, ALLEGATION))
                    break
        return acts

    def is_breach(self, trigger: Trigger) -> bool:
        """ "had violated the truce", "is breaching the deal", told as done (not "did not violate",
        nor "if they violate it", a condition; a breach the accused denies is still alleged)."""
        return trigger.entry.event == "ASSAULT" and not trigger.nominal \
            and trigger.token.lemma_.lower() in self.lexicon.breach_verbs \
            and not any(c.dep_ == "neg" for c in trigger.token.children) \
            and modality_of(trigger.predicate, self.lexicon.document_nouns) in (ASSERTED, NEGATED)

    @staticmethod
    def is_demand(clause: Token) -> bool:
        if any(c.dep_ == "aux" and c.lower_ in _DEMAND_AUX for c in clause.children):
            return True
        return clause.lemma_.lower() in _DEMAND_VERBS and any(c.dep_ == "xcomp" for c in clause.children)

    # ---- per trigger --------------------------------------------------------------------
    def trigger_events(self, rdoc: ReportDoc, trigger: Trigger, resolver: ArgumentResolver,
                       sent: Span, governor: Optional[Trigger] = None, content: Iterable[Trigger] = ()) -> Iterable[Event]:
        actor_token = self.actor_token(trigger)
        if actor_token is not None and trigger.nominal and trigger.entry.event == "CONSULT" \
                and actor_token.dep_ == "compound" and resolver.is_town(actor_token):
            actor_token = None  # "the Doha talks": where they are held, not who holds them
        if actor_token is None and governor is not None and trigger.nominal and (
                trigger.entry.event in RECIPROCAL_TYPES or not in_time_phrase(trigger.token, governor.token)):
            # "the two sides agreed to a ceasefire", "signed a deal after talks": theirs (not "capitulated
            # after a bombing campaign")
            actor_token = self.actor_token(governor)
        partner = hyphen_partner(actor_token) if trigger.nominal and actor_token is not None else None
        if partner is not None:  # "the Israel-Hezbollah ceasefire": like "between": X acts, Y receives
            actor_token, recipient_token = partner, actor_token
        elif trigger.token.dep_ == "amod":  # "the Iran-backed rebels": the rebels are backed
            recipient_token = trigger.token.head if trigger.entry.event == "SUPPORT" else None
        else:
            recipient_token = recipients_of(trigger.token, actor_token, resolver.is_party, moves_own_forces(trigger))
        if recipient_token is None and trigger.support is not None:
            recipient_token = recipients_of(trigger.support, actor_token, resolver.is_party)
        if recipient_token is None and trigger.entry.mode == "third-party" and not trigger.nominal:
            recipient_token = mediated_parties(trigger.token)
        if recipient_token is None and trigger.entry.event == "THREATEN":
            # "warned that Israel would hit Hezbollah": who the threatened act targets is threatened
            recipient_token = next((r for r in (recipients_of(c.token, self.actor_token(c), resolver.is_party)
                                                for c in content) if r is not None), None)
        if recipient_token is None and trigger.entry is ALLEGATION:
            # "said the army had violated the truce": the army is accused
            recipient_token = next((a for a in (self.actor_token(c) for c in content if self.is_breach(c)) if a is not None), None)
        if recipient_token is not None and recipient_token.i == trigger.token.i:
            recipient_token = None
        if actor_token is None:
            # A ceasefire or a deal binds both parties: those last named together ("between Israel
            # and Hezbollah"; "Mozambique and the insurgents ... An agreement was reached").
            pair = resolver.named_pair(trigger.token) if binds_both_parties(trigger) else []
            actors = [resolver.argument(t) for t in pair] or [None]
            one_act = trigger.entry.event not in RECIPROCAL_TYPES or trigger.nominal and trigger.entry.event == "CONSULT"
            if len(pair) == 2 and one_act and recipient_token is None:
                # "the talks began", "the truce took hold": one act of the pair, as "a truce between
                # X and Y" (X acts, Y receives)
                actors, recipient_token = actors[:1], pair[1]
        elif actor_token.head.lower_ == "between" or partner is not None:  # "a ceasefire between X and Y": X acts, Y receives
            sides = resolver.expand(actor_token) if is_pair_reference(actor_token) and recipient_token is None else []
            if len(sides) == 2:  # "a truce between the two sides": the pair named before, named as one
                actor_token = sides[0]
            actors = [resolver.argument(actor_token)]
        else:
            actors = [resolver.argument(t) for t in resolver.expand(actor_token)]
            actors = [a for a in actors if a is not None] or [None]  # a conjunct that names no one
        recipient_tokens = resolver.expand(recipient_token) if recipient_token is not None else []
        if actor_token is not None and recipient_token is not None and is_pair_reference(recipient_token) \
                and {t.i for t in recipient_tokens} & {t.i for t in conjuncts(actor_token)}:
            recipient_tokens = []  # "Egypt and Qatar mediated between the two sides": not each other
        recipients = [resolver.target(t) for t in recipient_tokens] or [None]
        if not self.worth_coding(trigger, actors, recipients):
            return
        if actor_token is None and actors == [None] and binds_both_parties(trigger):
            # "the truce took effect" in a report that names no two sides: its own country's parties
            actors = [resolver.home_party()]
        deal = trigger.entry.event == "AGREE" or trigger.entry.mode == "ceasefire"
        pair = resolver.announced_deal_parties(trigger.token, trigger.predicate, actors) \
            if deal and recipients == [None] else []
        if pair:  # a third party announcing a truce: the pair's act, as "a truce between X and Y"
            actors, recipients = [resolver.argument(pair[0])], [resolver.target(pair[1])]
        event_type, mode, modality = self.type_and_modality(trigger)
        mode = mode or self.means_mode(trigger, event_type)
        start, end = clause_span(trigger, actor_token)
        words = trigger.words
        t_start, t_end = words[0].idx, words[-1].idx + len(words[-1])
        date = self.event_date(rdoc, trigger, sent, modality)
        if modality == ASSERTED and date and rdoc.report.published and date > rdoc.report.published \
                and is_infinitive(trigger.predicate):
            modality = FUTURE  # "to arrive on Tuesday"
        location = self.event_location(rdoc, trigger, event_type, sent)
        quote = rdoc.quote_containing(t_start, t_end)
        source = quote.as_source() if quote is not None else None
        if source is None and governor is not None and governor.entry.event == "ACCUSE":
            source = self.accuser(rdoc, governor)  # "X accused Y of shelling Z": the shelling is X's word
        text = rdoc.text[t_start:t_end]
        pairs = list(product(actors, recipients))
        if event_type in RECIPROCAL_TYPES and recipients == [None] and len(actors) == 2 and None not in actors \
                and mode != "third-party":  # co-mediators are not each other's counterparts
            # "Ethiopia and the TPLF signed an agreement": each party acts with the other
            pairs = [(actors[0], actors[1]), (actors[1], actors[0])]
        for actor, recipient in pairs:
            if trigger.entry is PRESENCE and not is_abroad(actor, location):
                continue
            if recipient is not None and actor is not None and (
                    recipient.start == actor.start or (recipient.name and recipient.name == actor.name)):
                recipient = None  # nobody acts on themselves ("Hezbollah submitted its response")
            score = confidence(trigger.entry, actor, recipient)  # an implied recipient adds no confidence
            if recipient is None and actor is not None:
                recipient = implied_recipient(event_type, mode, actor, location, resolver, trigger.token)
            held_at = location.code if location is not None else None
            kind, how = event_type, consult_mode(event_type, mode, actor, recipient, held_at, trigger)
            if kind == "PROTEST" and actor is not None and actor.sector in STATE_SECTORS:
                # a state body's protest is a diplomatic one (PLOVER); its forces blocking a road
                # restrict movement
                kind, how = ("COERCE", "restrict") if how == "obstruct" else ("ACCUSE", "disapprove")
            yield Event(event=kind, mode=how,
                        actor=actor, recipient=recipient, event_text=text, start=start, end=end,
                        modality=modality, date=date, location=location, source=source,
                        confidence=score,
                        trigger_start=t_start, trigger_end=t_end)

    def accuser(self, rdoc: ReportDoc, accusation: Trigger) -> Optional[Source]:
        token = self.actor_token(accusation)
        mention = rdoc.actor_covering(token.idx, token.idx + len(token)) if token is not None else None
        return mention.as_source() if mention is not None else None

    def actor_token(self, trigger: Trigger) -> Optional[Token]:
        if trigger.token.dep_ == "amod":  # "Iran-backed", "China-brokered"
            return sponsor_of(trigger.token)
        if trigger.nominal and trigger.entry.mode == THIRD_PARTY.mode:
            own = third_party_of(trigger.token)  # "the mediation of X", "with the help of X"
        elif trigger.nominal:
            # who ends talks is who withdraws from them, not their parties ("X halted its mediation between Y and Z")
            own = subject_of(trigger.support) if is_ending(trigger) else nominal_actor(trigger.token)
            if own is None and trigger.support is not None:
                own = subject_of(trigger.support)
            if own is None and moves_patient(trigger):
                own = group_of(trigger.token)  # "the withdrawal of Israeli troops"
            if own is None and trigger.entry.event in RECIPROCAL_TYPES:
                own = participant_of(trigger.token)  # "talks involving X", "a meeting to bring together X"
            if own is None and trigger.entry.event in RECIPROCAL_TYPES and not self.is_document_object(trigger):
                verb = _verb_taking(trigger.token)
                own = subject_of(verb) if verb is not None else None  # "X disclosed talks with Y", "X took part in a summit"
        else:
            own = subject_of(trigger.token)
            stance = trigger.token.lower_ in self.lexicon.adjectives  # "Egypt is committed to", parsed as a passive
            patient = next((c for c in trigger.token.children if c.dep_ == "nsubjpass"), None)
            if own is None and stance and trigger.token.dep_ == "acomp":
                own = subject_of(trigger.token.head)  # "they were committed to the deal": who holds the stance
            if own is None and (moves_patient(trigger) or trigger.entry is PRESENCE or stance):
                own = patient  # "troops will be withdrawn" (not "detainees were released": the captives)
            elif own is None and patient is not None and patient.lemma_.lower() in self.lexicon.document_nouns:
                own = nominal_actor(patient)  # "the deal between X and Y was signed": its parties signed it
        if trigger.entry.mode == "release":
            # who releases captives is who holds them: "the release of hostages held by X"
            captives = group_of(trigger.token) if trigger.nominal else \
                next((c for c in trigger.token.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if captives is None and not trigger.nominal and trigger.token.tag_ in ("VBD", "VBN") and own is not None \
                    and not any(c.dep_ in ("aux", "auxpass") for c in trigger.token.children):
                # "Surinamese crew freed after incident": a headline's passive (no auxiliary), the subject is freed
                captives, own = own, None
            holder = captor_of(captives) if captives is not None and own in (None, captives) else None
            own = holder if holder is not None else own
        if own is not None and own.pos_ in ("NOUN", "PROPN") and noun_entry(own, self.lexicon) is not None:
            return nominal_actor(own)  # "Israeli strikes killed 45 people": the strikes' actor
        return own

    @staticmethod
    def worth_coding(trigger: Trigger, actors: list, recipients: list) -> bool:
        """An event needs an actor, except a nominal one that is the subject of its own taking effect
        ("the ceasefire took effect"); broad lexicon entries need two resolved actors."""
        if trigger.entry.strength < _WEAK_STRENGTH:
            return any(a is not None and a.code for a in actors) and any(r is not None and r.code for r in recipients)
        if all(a is None for a in actors):
            # "the truce took effect", "an agreement was reached": the act is told even with no party named
            return effect_predicate(trigger) is not None or (trigger.nominal and binds_both_parties(trigger))
        return True

    def type_and_modality(self, trigger: Trigger) -> tuple[str, Optional[str], str]:
        entry = trigger.entry
        # an event noun as the subject of its clause starts the walk, so that the clause's verb
        # counts as its governor ("talks are scheduled for Monday": to come)
        subject_noun = trigger.nominal and trigger.support is None and trigger.predicate is not trigger.token
        modality = modality_of(trigger.token if subject_noun else trigger.predicate, self.lexicon.document_nouns)
        if trigger.entry is PRESENCE and modality == ASSERTED and is_due(trigger.token):
            modality = FUTURE  # "is expected in Beirut", "is due in Cairo": the visit's own marker
        if modality == ASSERTED and is_headline_infinitive(trigger.predicate):
            modality = FUTURE  # "X to resume talks"
        if modality == NEGATED and entry.event in REFUSABLE_TYPES and is_refusal(trigger.predicate):
            return "REJECT", _REFUSAL_MODES.get(entry.event), ASSERTED
        if modality == ASSERTED and is_named_pact(trigger):
            return "AGREE", None, modality
        return entry.event, entry.mode, modality

    def means_mode(self, trigger: Trigger, event_type: str) -> Optional[str]:
        """ "Israeli airstrikes hit X", "killed him in a drone strike": a verb with no mode of its own
        takes the kind of the act named as its subject or its means."""
        if trigger.nominal:
            return None
        verb = trigger.token
        means = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] + prep_objects(verb, _INSTRUMENT_PREPS)
        entries = (noun_entry(noun, self.lexicon) for noun in means)
        return next((e.mode for e in entries if e is not None and e.event == event_type and e.mode), None)

    # ---- date, place --------------------------------------------------------------------
    def event_date(self, rdoc: ReportDoc, trigger: Trigger, sent: Span, modality: str) -> Optional[str]:
        """The act's date (see `governing_date`); an act that went on for days ("held four days of
        talks", "discussions over the past five days") has no one day: its month."""
        value = self.governing_date(rdoc, trigger, sent, modality)
        if value and len(value) == 10 and _lasts_days(rdoc, trigger, sent):
            return value[:7]
        return value

    def governing_date(self, rdoc: ReportDoc, trigger: Trigger, sent: Span, modality: str) -> Optional[str]:
        """The day (or month) of the time expression that governs the event: one hanging from its
        clause (a year when only the year is named: "cut ties in 2016"; none when its own time
        names no one day: "in 2021 and 2022", "a few months ago", "for months"), else the only one
        its sentence names (not a bound: "since October"; not a dispatch's dateline; for a future
        or hypothetical act not a day before the report's, which is the day of the saying); for an
        act reported as done, with no date in its sentence, the day its paragraph or the paragraph
        before has set. Timexes were resolved for tense by the time stage. No date is guessed
        from the day of the report: the development sets' annotators disagree on lead events, and a
        report's day given to an act of the day before keeps it from other reports of it (an
        undated headline or lead act may take the day the next paragraphs give it, see
        `date_opening_acts`)."""
        anchors = _anchor_ids(trigger)
        in_sentence = [t for t in rdoc.timexes_in(sent.start_char, sent.end_char) if not _in_dateline(rdoc, t)]
        dates = [t for t in in_sentence if is_event_date(t)]
        attached = next((t for t in dates if _attached(rdoc, t.start, t.end, anchors)), None)
        if attached is not None:
            return _day_or_month(rdoc, attached)
        own_times = [t for t in in_sentence if t.type == "date" and _is_adverbial(rdoc, t)
                     and _attached(rdoc, t.start, t.end, anchors)]
        years = [t for t in own_times if is_year(t) and not _bounds_a_period(rdoc, t)]  # not "since 2021"
        if len(years) == 1 and len(own_times) == 1 and not _has_conjunct(rdoc, years[0]):
            return years[0].value  # "seized power in 2021", "last year signed": only the year is known
        if own_times or any(_spans(rdoc, t, anchors) for t in in_sentence if t.type == "duration"):
            # "in 2021 and 2022", "only a few months ago", "have attacked shipping for months": a
            # time of its own that names no one day
            return None
        if trigger.token.dep_ == "amod":
            return None  # "the Iran-backed rebels": background, not the day the sentence reports
        if modality == NEGATED and denied(trigger.predicate):
            return None  # "denied on Tuesday that its troops had fired": the day of the denial, no day of the act
        days = [t for t in dates if not _bounds_a_period(rdoc, t)]
        governing = None
        if len(days) == 1 and len(dates) == 1 and not _is_possessive(rdoc, days[0]):
            governing = days[0]  # the one date the sentence names ("Israel said on Sunday it had agreed")
        elif len(days) == 2 and _joined_days(rdoc, *days):
            governing = days[1]  # "on Wednesday and Thursday"
        if governing is not None:
            value = _day_or_month(rdoc, governing)
            if modality in (FUTURE, HYPOTHETICAL) and value and rdoc.report.published \
                    and value < rdoc.report.published[:len(value)]:
                return None  # "said on Monday it would withdraw": the day of the saying, not of the act
            if modality == ASSERTED and told_as_past(trigger.predicate) and _after_report(rdoc, value):
                return None  # "rejected the deal and said it would strike on Thursday": the plan's day
            return value
        if dates or any(t.type == "date" for t in in_sentence) or modality != ASSERTED or not is_past(trigger.predicate) or trigger.predicate.dep_ == "amod" \
                or trigger.nominal and trigger.support is None or is_past_perfect(trigger.predicate):
            # background ("the Iran-backed rebels", "the talks") keeps no date of its own; what
            # "had" been done came before the day the narrative has set
            return None
        start = rdoc.text.rfind("\n", 0, sent.start_char) + 1
        for _ in range(CONTEXT_PARAGRAPHS):
            earlier = [t for t in rdoc.timexes_in(start, sent.start_char)
                       if is_event_date(t) and is_day(t) and not _bounds_a_period(rdoc, t)
                       and not _after_report(rdoc, t.value)]  # a plan's day sets no day for what was done
            if earlier:
                return earlier[-1].value
            if start == 0:
                break
            start = previous_paragraph(rdoc.text, start)
        return None

    def event_location(self, rdoc: ReportDoc, trigger: Trigger, event_type: str, sent: Span):
        places = rdoc.places_in(sent.start_char, sent.end_char)
        place = self._place_attached(rdoc, places, _anchor_ids(trigger), event_type)
        scene = self.scene_verb(trigger)
        if place is None and scene is not None:
            place = self._place_attached(rdoc, places, {scene.i}, event_type)
        return place

    def scene_verb(self, trigger: Trigger) -> Optional[Token]:
        """'Smoke rises over southern Beirut after Israeli airstrikes': an event named in a time
        phrase of a clause that is no event itself happened where that clause is."""
        if not trigger.nominal:
            return None
        noun = quantity_head(trigger.token) or trigger.token
        prep = noun.head if noun.dep_ == "pobj" else None
        if prep is None or prep.lower_ not in _SCENE_PREPS or prep.head.pos_ != "VERB":
            return None
        verb = prep.head
        return None if verb_trigger(verb, self.lexicon) is not None else verb

    @staticmethod
    def _place_attached(rdoc: ReportDoc, places: list, anchors: set[int], event_type: str):
        for place in places:
            span = rdoc.span(place.start, place.end)
            if span is None or not len(span):
                continue
            head = span.root
            prep = _prep_above(head)
            if prep is not None and prep.lower_ in _LOCATION_PREPS and _attached(rdoc, place.start, place.end, anchors):
                if prep.lower_ == "to" and event_type != "CONSULT":
                    continue
                return place
        return None


def consult_mode(event_type: str, mode: Optional[str], actor: Optional[EventArgument],
                 recipient: Optional[EventArgument], held_at: Optional[str], trigger: Optional[Trigger]) -> Optional[str]:
    """PLOVER's CONSULT modes by who hosts the meeting: 'third-party' when a third party hosts it
    (the clause says someone hosts, mediates or helps it, or it is held in a country, `held_at`,
    that is neither side's); 'visit' when the actor meets on another country's soil, the
    recipient's or where no counterpart is known. Other types and modes are left as they are."""
    if event_type != "CONSULT" or mode not in (None, "visit"):
        return mode
    if trigger is not None and hosted_by_third_party(trigger.token, trigger.predicate):
        return "third-party"
    abroad = actor is not None and held_at is not None and actor.code and actor.code != held_at
    if abroad and recipient is not None and recipient.code and recipient.code not in (held_at, actor.code):
        return "third-party"
    return "visit" if abroad else mode


def place_meetings_by_whereabouts(rdoc: ReportDoc) -> None:
    """A person's meeting that names no place is held where the report last placed them ("X arrived
    in Beirut on Monday. He later held talks with the speaker": a visit): its CONSULT mode follows
    from that country. The event's own place stays unknown."""
    whereabouts: dict[str, str] = {}
    for event in rdoc.events:
        actor = event.actor
        mention = rdoc.actor_covering(actor.start, actor.end) if actor is not None else None
        if mention is None or mention.kind != "person":
            continue
        key = actor.name or actor.text
        if event.location is not None and event.location.code:
            whereabouts[key] = event.location.code
        elif event.event == "CONSULT" and event.mode is None and key in whereabouts:
            event.mode = consult_mode("CONSULT", None, actor, event.recipient, whereabouts[key], None)


def implied_recipient(event_type: str, mode: Optional[str], actor: EventArgument, location,
                      resolver: ArgumentResolver, token: Token) -> Optional[EventArgument]:
    """The recipient the text implies when its syntax names none: the country of the place a strike
    hits or a visit goes to, else for hostile acts and truces the other side of the actor's pair."""
    if not actor.code:
        return None
    if _applies(_PLACE_TARGETS, event_type, mode) and location is not None and location.code \
            and location.code != actor.code:
        return place_argument(location)
    if _applies(_DYADIC_ACTS, event_type, mode):
        return resolver.counterpart(token, actor)
    return None


def _applies(acts: dict, event_type: str, mode: Optional[str]) -> bool:
    return event_type in acts and (acts[event_type] is None or mode in acts[event_type])


def is_abroad(actor: Optional[EventArgument], location) -> bool:
    """Whether a known actor is in a place of another country (being there is then a visit)."""
    return (actor is not None and location is not None and bool(actor.code) and bool(location.code)
            and actor.code != location.code)


def is_past(predicate: Token) -> bool:
    """Reported as done: a past tense, a present perfect, or a headline's present ("X signs deal")."""
    if predicate.tag_ in ("VBD", "VBN"):
        return True
    if predicate.tag_ == "VBZ" and predicate.dep_ == "ROOT":
        return True  # the headline's historic present
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in predicate.children)


def told_as_past(predicate: Token) -> bool:
    """Reported as done (`is_past`), but not in the present a timetable uses for what is to come
    ("talks resume on Monday", "a meeting is scheduled for March")."""
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in predicate.children):
        return True
    present_passive = any(c.dep_ == "auxpass" and c.lower_ in ("is", "are", "be", "am", "'s", "'re")
                          for c in predicate.children)
    return is_past(predicate) and predicate.tag_ != "VBZ" and not present_passive


def is_past_perfect(predicate: Token) -> bool:
    """ "had accepted", and "had accepted ... but rejected" (a conjunct shares its auxiliary)."""
    auxes = [c for c in predicate.children if c.dep_ in ("aux", "auxpass")]
    if not auxes and predicate.dep_ == "conj" and predicate.head.pos_ in ("VERB", "AUX"):
        auxes = [c for c in predicate.head.children if c.dep_ in ("aux", "auxpass")]
    return any(c.lower_ == "had" for c in auxes)


def _tells_more_of(participle: Token, gerund: Optional[Token]) -> bool:
    """ "accused X of shelling the villages, killing 14": a participle after the gerund its verb
    takes tells more of the gerund's act."""
    return gerund is not None and gerund.i < participle.i


def opening_paragraphs(text: str, count: int) -> tuple[Optional[tuple[int, int]], list[tuple[int, int]]]:
    """The report's headline (a first line with no closing stop), if it has one, and the first
    `count` paragraphs of its body, as character ranges."""
    paragraphs, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append((offset, offset + len(line)))
        offset += len(line) + 1
        if len(paragraphs) > count:
            break
    if paragraphs and headline_end(text):
        return paragraphs[0], paragraphs[1:count + 1]
    return None, paragraphs[:count]


def date_opening_acts(rdoc: ReportDoc) -> None:
    """A headline states in brief what its lead reports, and the paragraphs after the lead tell it
    again with its details: an act of the headline or the lead reported as done, with no date of
    its own, happened on the day the lead (for the headline), else the next paragraphs, give the
    act of the same type."""
    headline, body = opening_paragraphs(rdoc.text, 1 + RESTATING_PARAGRAPHS)
    if not body:
        return
    lead, after = body[0], body[1:]

    def first_dates(ranges: list[tuple[int, int]], days_only: bool) -> dict[str, str]:
        dates: dict[str, str] = {}
        for event in rdoc.events:
            if event.date and event.modality == ASSERTED and (len(event.date) == 10 or not days_only) \
                    and any(a <= event.trigger_start < b for a, b in ranges):
                dates.setdefault(event.event, event.date)
        return dates

    def undated(where: tuple[int, int]) -> list[Event]:
        return [e for e in rdoc.events
                if where[0] <= e.trigger_start < where[1] and e.date is None and e.modality == ASSERTED]

    in_lead, later = first_dates([lead], False), first_dates(after, True)
    if headline is not None:
        for event in undated(headline):
            event.date = in_lead.get(event.event)
    for event in undated(lead) + (undated(headline) if headline is not None else []):
        event.date = later.get(event.event)


def previous_paragraph(text: str, start: int) -> int:
    """Where the paragraph before the one beginning at `start` begins (blank lines skipped)."""
    end = start
    while end > 0 and text[end - 1] in "\n \t":
        end -= 1
    return text.rfind("\n", 0, end) + 1


def _day_or_month(rdoc: ReportDoc, timex) -> Optional[str]:
    """A timex's day, or its month when it ends or starts a span of days ("from 11 to 13 October",
    "June 4-6", "on Wednesday and Thursday"): an event over several days has no one day."""
    value = event_date_value(timex)
    if not value or len(value) != 10:
        return value
    before, after = rdoc.text[max(0, timex.start - 24):timex.start], rdoc.text[timex.end:timex.end + 16]
    if DAY_SPAN_BEFORE.search(before) or DAY_SPAN_AFTER.match(after):
        return value[:7]
    later = next((t for t in rdoc.timexes if t.start >= timex.end), None)
    if later is not None and _joined_days(rdoc, timex, later):
        return value[:7]
    return value


def _joined_days(rdoc: ReportDoc, first, second) -> bool:
    """Two day expressions joined only by "and"/"to"/a dash: one span of days."""
    return bool(first.value and second.value and len(first.value) == len(second.value) == 10
                and first.value[:7] == second.value[:7] and DAY_JOINER.fullmatch(rdoc.text[first.end:second.start]))


def _after_report(rdoc: ReportDoc, value: Optional[str]) -> bool:
    """A day (or month) later than the report's: no act the report tells as done fell on it."""
    published = rdoc.report.published
    return bool(value and published and value > published[:len(value)])


def _in_dateline(rdoc: ReportDoc, timex) -> bool:
    """ "TRIPOLI, Nov 04 (Xinhua):": the date of the dispatch opening a paragraph, not of an event;
    on a report's first line it may run straight into the first sentence."""
    start = rdoc.text.rfind("\n", 0, timex.start) + 1
    opening = not rdoc.text[:start].strip()   # the report's first line
    return bool(DATELINE_BEFORE.fullmatch(rdoc.text[start:timex.start])
                and (DATELINE_AFTER.match(rdoc.text, timex.end)
                     or opening and OPENING_DATELINE_AFTER.match(rdoc.text, timex.end)))


def _lasts_days(rdoc: ReportDoc, trigger: Trigger, sent: Span) -> bool:
    """A duration of several days or weeks that the act itself lasts: counting it ("four days of
    talks") or hanging from its predicate ("over the past five days")."""
    anchors = _anchor_ids(trigger)
    for timex in rdoc.timexes_in(sent.start_char, sent.end_char):
        if timex.type != "duration" or not timex.value or not MULTI_DAY.fullmatch(timex.value):
            continue
        span = rdoc.span(timex.start, timex.end)
        if span is None or not len(span):
            continue
        root = span.root
        counts = root.head.i == trigger.token.i or any(c.dep_ == "prep" and c.lower_ == "of" and
                                                       any(o.i == trigger.token.i for o in c.children)
                                                       for c in root.children)
        if counts or _spans(rdoc, timex, anchors):
            return True
    return False


def _is_possessive(rdoc: ReportDoc, timex) -> bool:
    """ "Saturday's signing": a date that names the day of another act, not of the sentence."""
    span = rdoc.span(timex.start, timex.end)
    return span is not None and len(span) > 0 and span.root.dep_ == "poss"


def _has_conjunct(rdoc: ReportDoc, timex) -> bool:
    """ "in 2021 and 2022": one of several times."""
    span = rdoc.span(timex.start, timex.end)
    return span is not None and len(span) > 0 and any(c.dep_ == "conj" for c in span.root.children)


def _is_adverbial(rdoc: ReportDoc, timex) -> bool:
    """A time phrase that says when ("in 2016", "last year", "a few months ago"), not a noun's
    modifier ("the 2000 line", "a 2024 election deal")."""
    span = rdoc.span(timex.start, timex.end)
    return span is not None and len(span) > 0 and span.root.dep_ in _ADVERBIAL_TIME_DEPS


def _spans(rdoc: ReportDoc, timex, anchors: set[int]) -> bool:
    """A duration the act goes on through ("for months", "over the past two days"), hanging from
    the act's own predicate."""
    span = rdoc.span(timex.start, timex.end)
    if span is None or not len(span):
        return False
    root = span.root
    if root.dep_ == "npadvmod":
        return root.head.i in anchors
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ in _DURATION_SPAN_PREPS and prep.head.i in anchors


def is_year(timex) -> bool:
    return bool(timex.value) and len(timex.value) == 4 and timex.value.isdigit()


def is_day(timex) -> bool:
    return bool(timex.value) and len(timex.value) == 10


def _bounds_a_period(rdoc: ReportDoc, timex) -> bool:
    """ "since October", "until Friday", "after Tuesday": a date that bounds another time, not
    the day something happened."""
    span = rdoc.span(timex.start, timex.end)
    prep = span.root.head if span is not None and len(span) and span.root.dep_ == "pobj" else None
    return prep is not None and prep.lower_ in _PERIOD_PREPS


def takes_effect(predicate: Token) -> bool:
    """'the ceasefire took effect', 'is set to take effect', 'is expected to begin', 'is in effect'."""
    for _ in range(3):
        if predicate.lemma_.lower() in _EFFECT_VERBS or any(
                p.dep_ == "prep" and p.lower_ == "in" and any(g.dep_ == "pobj" and g.lemma_.lower() in _EFFECT_STATES
                                                              for g in p.children) for p in predicate.children):
            return True
        predicate = next((c for c in predicate.children if c.dep_ == "xcomp"), None)
        if predicate is None:
            return False
    return False


def effect_predicate(trigger: Trigger) -> Optional[Token]:
    """The word by which a nominal act (a truce, talks) is said to take effect, hold or end: the verb
    it is the subject of ("the truce took hold"), a relative clause on it ("a truce that comes into
    effect on Friday"), or the noun it is the start of ("the start of the ceasefire") or that itself
    takes effect ("on Monday the extension of the ceasefire entered into force")."""
    if not trigger.nominal:
        return None
    if trigger.predicate is not trigger.token:
        return trigger.predicate if takes_effect(trigger.predicate) else None
    noun = trigger.token
    clause = next((c for c in noun.children if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX")
                   and takes_effect(c) and not _acts_on_other(c)), None)
    if clause is not None:
        return clause
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or noun.head.head.pos_ not in ("NOUN", "PROPN"):
        return None
    owner = noun.head.head
    if owner.lemma_.lower() in _ONSET_NOUNS:
        return owner
    if owner.dep_ in ("nsubj", "nsubjpass") and owner.head.pos_ in ("VERB", "AUX") and takes_effect(owner.head):
        return owner.head
    return None


def _acts_on_other(verb: Token) -> bool:
    """A clause on what a truce does to something else ("a truce that would end the war", "a plan
    intended to stop the fighting"), not on its own taking effect ("that takes effect today")."""
    for _ in range(3):
        if any(c.dep_ == "dobj" and c.lemma_.lower() not in _EFFECT_STATES for c in verb.children):
            return True
        verb = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if verb is None:
            return False
    return False


def is_named_pact(trigger: Trigger) -> bool:
    """ "the ceasefire between X and Y", "the X-Y truce": a ceasefire named as its parties' own,
    with no verb of its keeping or taking effect, is the pact they made (PLOVER: declaring a
    ceasefire is verbal; only observing it is a RETREAT)."""
    if not trigger.nominal or trigger.entry.mode != "ceasefire" or trigger.support is not None:
        return False
    if effect_predicate(trigger) is not None:
        return False
    own = nominal_actor(trigger.token)
    return own is not None and (own.head.lower_ == "between" or hyphen_partner(own) is not None)


def binds_both_parties(trigger: Trigger) -> bool:
    """A nominal ceasefire that takes effect, or an agreement reached, signed or made with no one
    named as doing it ("an agreement was reached", "it was agreed to"): the act of the parties
    last named together."""
    passive = any(c.dep_ == "auxpass" for c in trigger.predicate.children)
    if not trigger.nominal:
        return trigger.entry.event == "AGREE" and passive  # "it was agreed to free all detainees"
    if (trigger.entry.mode == "ceasefire" or trigger.entry.event == "CONSULT") and effect_predicate(trigger) is not None:
        return True  # "the truce took effect", "the talks began": the parties' own
    if trigger.entry.event == "CONSULT" and trigger.entry.mode is None and told_before(trigger.token):
        return True  # "signed the deal after five days of talks": the parties' own talks
    if trigger.predicate is trigger.token:
        return False
    return trigger.entry.event in ("AGREE", "RETREAT") and trigger.support is not None and passive


# What an unnamed source asks for: "an official who requested anonymity", "asked not to be named".
_ANONYMITY = words("source_nouns", "anonymity")


def describes_source(trigger: Trigger) -> bool:
    """A verb whose object or complement is the source's anonymity describes who speaks: no event."""
    if trigger.nominal:
        return False
    return any(c.dep_ in ("dobj", "xcomp") and c.lemma_.lower() in _ANONYMITY for c in trigger.token.children)


def moves_own_forces(trigger: Trigger) -> bool:
    """ "deployed troops", "withdrew its forces": the object of a verb of moving forces is the
    actor's own, not a recipient (unlike who is released or disarmed, or the sanctions eased)."""
    entry = trigger.entry
    return not trigger.nominal and (entry.event == "MOBILIZE" or entry.event == "RETREAT" and entry.mode == "withdraw")


def is_pass_through(trigger: Trigger) -> bool:
    token = trigger.token
    return not trigger.nominal and token.lemma_.lower() in _PASS_THROUGH and any(c.dep_ == "xcomp" for c in token.children)


def as_cessation(trigger: Trigger) -> Optional[Trigger]:
    """What a verb of ending governs. Violence named as what ends is a ceasefire: 'hostilities will
    cease', 'end the fighting'; one's own talks, mediation or cooperation ended is a withdrawal
    from them (PLOVER SANCTION): 'it would stop mediating', 'halted its cooperation'. As the aim of
    an effort or a plan ('efforts to end the fighting') it is no event."""
    token = trigger.token
    verb = token.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _CESSATION_VERBS:
        return trigger
    if trigger.entry.event == "ASSAULT" and trigger.nominal and token.dep_ in ("nsubj", "dobj"):
        ended = _CEASEFIRE
    elif trigger.entry.event in _WITHDRAWAL_FROM and (trigger.nominal and token.dep_ == "dobj"
                                                       or not trigger.nominal and token.dep_ == "xcomp"):
        ended = _WITHDRAWAL_FROM[trigger.entry.event]
    else:
        return trigger
    aim = verb.dep_ in ("acl", "relcl", "advcl") or verb.dep_ == "xcomp" and verb.head.pos_ in ("ADJ", "NOUN")
    if aim and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None  # "efforts to end the fighting", "closer to stopping the fighting"
    if verb.lemma_.lower() != "come" or any(c.lemma_.lower() == "end" for c in verb.subtree):
        return Trigger(token, ended, support=verb)
    return trigger


def is_forecast(trigger: Trigger, content: list[Trigger]) -> bool:
    """ "warned the deal could still collapse": a warning whose clause holds no act is a forecast,
    not a threat (unlike "warned that it would strike", "warned that delay could end its mediation")."""
    return trigger.entry.event == "THREATEN" and not trigger.nominal and not content \
        and any(c.dep_ == "ccomp" for c in trigger.token.children)


def repeats_act(trigger: Trigger, triggers: list[Trigger]) -> bool:
    """ "will deploy and take control", "struck and destroyed": a verb joined to a verb of the same
    kind of act (type and mode), with no subject or auxiliary of its own, tells that one act again."""
    verb = trigger.token
    if trigger.nominal or verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children):
        return False  # "will complete the withdrawal and will withdraw all forces": told as two
    if any(c.dep_ == "dobj" for c in verb.head.children):
        return False  # "welcomed the deal and thanked the mediators": each verb has its own matter
    return any(t.token.i == verb.head.i and not t.nominal and (t.entry.event, t.entry.mode) == (trigger.entry.event, trigger.entry.mode)
               for t in triggers)


def is_aim(trigger: Trigger, lexicon: Lexicon) -> bool:
    """What an actor strives for is not yet an act: "pursuing a truce", "efforts to release the
    captives", "to broker a deal between X and Y", "a ceasefire that would end the fighting" sought.
    A verb of intent's infinitive is the act itself ("sought to mediate": pass-through), talks
    pursued are held, and what a proposal aims at is one of its terms ("a plan aimed at freeing
    the captives")."""
    token = trigger.token  # "securing a cessation": the noun's verb may itself be the striving
    for _ in range(_AIM_LEVELS):
        if token.dep_ not in _AIM_CLIMB_DEPS or token.head.i == token.i \
                or token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):  # a second act beside the first
            return False
        head = token.head
        lemma = head.lemma_.lower()
        if (token.dep_ == "xcomp" and lemma in _PASS_THROUGH) or (
                trigger.entry.event == "CONSULT" and token is trigger.token and token.dep_ == "dobj"
                and lemma in lexicon.light_verbs):
            return False
        if lemma in _AIM_GOVERNORS or lemma in _AIM_UNLESS_DONE and not told_as_done(head):
            holder = head.head if head.dep_ == "acl" else subject_of(head) if head.pos_ in ("VERB", "AUX") else None
            return holder is None or holder.lemma_.lower() not in lexicon.document_nouns
        token = head
    return False


def told_as_done(verb: Token) -> bool:
    """A verb of success told as achieved: not an infinitive (unless one that happened: "managed
    to secure"), a gerund or under a modal."""
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _ACHIEVING:
        return True
    return verb.pos_ == "VERB" and verb.tag_ not in ("VB", "VBG") \
        and not any(c.dep_ == "aux" and c.lower_ in _MODAL_AUX for c in verb.children)


def is_ending(trigger: Trigger) -> bool:
    """A withdrawal from talks or cooperation named by the verb that ends them (as_cessation)."""
    return trigger.entry.event == "SANCTION" and trigger.support is not None \
        and trigger.support.lemma_.lower() in _CESSATION_VERBS


def requested_act(trigger: Trigger, by_head: dict[int, Trigger]) -> list[Trigger]:
    """ "The council will meet at Iran's request": a request named as the occasion of an act asks
    for that act (its content, which gives the request its mode)."""
    token = trigger.token
    if trigger.entry.event != "REQUEST" or not trigger.nominal or token.dep_ != "pobj" \
            or token.head.lower_ not in _OCCASION_PREPS:
        return []
    verb = token.head.head
    # the act is the verb's, or its subject's where the verb only says it happens ("the meeting
    # will take place at Iran's request", "talks were held at the request of X")
    acts = [by_head.get(verb.i)] + [by_head.get(c.i) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    act = next((a for a in acts if a is not None and a is not trigger), None)
    return [act] if act is not None else []


def with_content(trigger: Trigger, content: list[Trigger]) -> Trigger:
    """A promise to withdraw is a concession; a demand takes its mode from what it asks for."""
    kinds = [t.entry.event for t in content]  # in text order: the first content decides a mode
    entry = trigger.entry
    acts = {t.entry.event for t in content if not t.nominal}
    committing = trigger.token.lemma_.lower() in _COMMITMENT_VERBS
    promised = {t.entry.event for t in content if not t.nominal and t.entry.strength >= _WEAK_STRENGTH}
    if entry.event == "THREATEN" and committing and (promised and promised <= _PROMISED_TYPES or refrains(trigger.token)):
        # "vowed to respect the truce", "vowed never to send troops": a promise, not a threat
        entry = Entry("AGREE", None, entry.strength)
    if entry.event == "AGREE" and committing and acts & {"RETREAT", "CONCEDE"}:
        entry = Entry("CONCEDE", None, entry.strength)
    elif entry.event == "REQUEST" and entry.mode is None:
        mode = next((_REQUEST_MODE_OF_CONTENT[k] for k in kinds if k in _REQUEST_MODE_OF_CONTENT), None)
        entry = Entry("REQUEST", mode, entry.strength)
    elif entry.event == "THREATEN":
        threatened = next((t.entry for t in content if t.entry.event in _THREAT_MODE_OF_CONTENT), None)
        if threatened is not None:  # "threatened to suspend aid": relations, not violence
            mode = threatened.mode if threatened.mode in _THREAT_MODES_KEPT else _THREAT_MODE_OF_CONTENT[threatened.event]
            entry = Entry("THREATEN", mode, entry.strength)
    if entry is trigger.entry:
        return trigger
    return Trigger(trigger.token, entry, support=trigger.support, particle=trigger.particle)


def moves_patient(trigger: Trigger) -> bool:
    """ "troops will be withdrawn", "the withdrawal of Israeli troops": forces are moved by their
    own side, so the patient acts (not captives released: "detainees were freed")."""
    return trigger.entry.event in _PATIENT_IS_ACTOR and trigger.entry.mode != "release"


def refrains(verb: Token) -> bool:
    """ "vowed not to attack": the verb's infinitive is negated."""
    return any(c.dep_ == "xcomp" and any(g.dep_ == "neg" for g in c.children) for c in verb.children)


def _anchor_ids(trigger: Trigger) -> set[int]:
    """Tokens a date or place may hang from: the trigger, its light verb and clause head, and the
    quantity it is counted by ("a series of airstrikes on Sunday")."""
    return {t.i for t in (trigger.token, trigger.support, trigger.predicate, quantity_head(trigger.token))
            if t is not None}


def _prep_above(token: Token) -> Optional[Token]:
    """The preposition a place name hangs from ("on southern Beirut" -> on), through appositions."""
    while token.dep_ in ("appos", "conj", "compound") and token.head is not token:
        token = token.head
    return token.head if token.dep_ == "pobj" else None


def _attached(rdoc: ReportDoc, start: int, end: int, anchors: set[int]) -> bool:
    """Whether the phrase at [start, end) depends on one of the anchor tokens without crossing a clause."""
    span = rdoc.span(start, end)
    if span is None or not len(span):
        return False
    token = span.root
    for _ in range(_MAX_CLIMB):
        if token.i in anchors:
            return True
        if token.head.i == token.i or (token.pos_ in ("VERB", "AUX") and token.i not in anchors and token.i != span.root.i):
            return False
        token = token.head
    return token.i in anchors


def clause_span(trigger: Trigger, actor_token: Optional[Token]) -> tuple[int, int]:
    """Characters of the clause stating the event: the predicate's subtree without coordinated clauses."""
    head = trigger.predicate
    sent = head.sent  # Token.sent walks the Doc: look it up once
    skip = {t.i for c in head.children if c.dep_ in ("conj", "cc", "parataxis", "mark") for t in c.subtree}
    kept = [t.i for t in head.subtree
            if t.i not in skip and sent.start <= t.i < sent.end and not t.is_punct] or [head.i]
    doc = head.doc
    first, last = doc[min(kept)], doc[max(kept)]
    if actor_token is not None and sent.start <= actor_token.i < sent.end and actor_token.i < first.i:
        first = actor_token.left_edge
    return first.idx, last.idx + len(last)


# Prepositions through which a verb's subject takes part in a meeting or a deal ("took part in talks").
_TAKING_PART_PREPS = words("prepositions", "taking_part")


def third_party_of(noun: Token) -> Optional[Token]:
    """Who plays the part a noun names: "the support of X", "help from X", "the help of X's
    facilitation", "mediation by X", "Egyptian mediation" -> X (not the parties: "mediation
    between X and Y")."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from")):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            return third_party_of(obj) if obj.lemma_.lower() in THIRD_PARTY_NOUNS else obj
    own = nominal_actor(noun)
    return own if own is not None and own.head.lower_ != "between" else None


def captor_of(captives: Token) -> Optional[Token]:
    """ "hostages held by X", "prisoners taken by X", "X's hostages" -> X."""
    for verb in (c for c in captives.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        agent = next((g for a in verb.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)
        if agent is not None:
            return agent
    return next((c for c in captives.children if c.dep_ == "poss"), None)


# Verbs through which a meeting names who takes part in it: "talks involving X", "a summit
# gathering X", "a meeting to bring together X and Y".
_PARTICIPANT_VERBS = {"involve", "include", "gather", "bring"}


def in_time_phrase(token: Token, governor: Token) -> bool:
    """Whether a token hangs from its governor through a time phrase ("after talks", "following the deal")."""
    while token.i != governor.i and token.head.i != token.i:
        if token.dep_ == "prep" and token.lower_ in _TIME_PREPS:
            return True
        token = token.head
    return False


def told_before(noun: Token) -> bool:
    """A noun, new to the report, in a time phrase: "after five days of talks", "following recent discussions"."""
    noun = quantity_head(noun) or noun
    return noun.dep_ == "pobj" and noun.head.lower_ in _TIME_PREPS and not refers_back(noun)


def refers_back(noun: Token) -> bool:
    """ "the meeting", "these talks": a definite noun with nothing of its own names an act already told."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in noun.children) \
        and all(c.dep_ in ("det", "punct") for c in noun.children)


def participant_of(noun: Token) -> Optional[Token]:
    for verb in (c for c in noun.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _PARTICIPANT_VERBS):
        if verb.lemma_.lower() == "bring" and not any(c.lower_ == "together" for c in verb.children):
            continue  # "talks brought calm": not a gathering
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return obj
    return None


def _verb_taking(noun: Token) -> Optional[Token]:
    """The verb a noun is the object of, directly or through a preposition of taking part; or any
    preposition when the noun names the other side ("flew in for talks with X", "said after a
    meeting with X": the one who meets X is the clause's subject)."""
    if noun.dep_ == "dobj":
        return noun.head
    prep = noun.head
    if noun.dep_ == "pobj" and prep.head.pos_ == "VERB" and (
            prep.lower_ in _TAKING_PART_PREPS or any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children)):
        return prep.head
    return None


def occasion_clause(trigger: Trigger, clause: Token, by_head: dict[int, Trigger]) -> Token:
    """ "landed in Beirut to take part in the talks", "arrived to mediate": a meeting that is the
    purpose of a visit or meeting is that visit's occasion (one act of the traveller), so it
    counts in the visit's clause."""
    if trigger.entry.event != "CONSULT" or clause.dep_ not in ("xcomp", "advcl") \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return clause
    governor = by_head.get(clause.head.i)
    return clause.head if governor is not None and governor.entry.event == "CONSULT" else clause


def acts_on_others(group: list[Event], other: list[Event], sent: Span) -> bool:
    """Whether two triggers' events of one type and actor reach different parties, each named in the
    sentence (not a side only implied: "Israeli strikes killed 45 people" is one act)."""
    if not all(e.recipient is not None and sent.start_char <= e.recipient.start < sent.end_char
               for e in (*group, *other)):
        return False
    ours, theirs = ({_arg_key(e.recipient) for e in g} for g in (group, other))
    return not ours & theirs


def _arg_key(arg: Optional[EventArgument]) -> Optional[str]:
    if arg is None:
        return None
    return arg.code or arg.text.lower()


def confidence(entry: Entry, actor: Optional[EventArgument], recipient: Optional[EventArgument]) -> float:
    score = 0.25 + 0.5 * entry.strength
    if actor is not None:
        score += 0.1 if actor.code else 0.05
    if recipient is not None:
        score += 0.05
    return min(score, 0.95)
