"""Text evidence: what the words around a mention say of who it is.

Read off the dependency parse around a mention's head: modifiers ("Ghana's", "Ugandan",
"ELN leader", "its", "the group's"), a country or host after the noun ("the Government of
Lebanon", "the French embassy in Nairobi", "envoy for Yemen"), the body a person works for ("a
spokesman for the TPLF"), the owner of an office, places inside organisation names ("Tigray
People's Liberation Front") and titles written before a name. A party to talks is not from
where the talks are held, and a country that backs a group is not the group's.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from ..lexicon import words
from ..models import ORGANIZATION_CODES, ActorMention
from . import coref
from .entities import RANK_NONE, Affiliation, is_acronym
from .identity import TITLE_KEYS, Identity, _aligned, _backer, _strip_det
from .names import normalize_name
from .placenames import COMPASS_WORDS, DEMONYM_ENDINGS
from .table import Agent

COUNTRY_PREPS = words("prepositions", "country")
COUNTRY_NOUNS = words("source_nouns", "country_noun")    # "the country's prime minister"
GROUP_NOUNS = coref.GROUP_NOUNS
# Diplomats and missions are of the sending country: "in/to X" names the host, not the affiliation,
# and belongs to the mention ("the French embassy in Nairobi", "Kenyan ambassador to Uganda Grace Achieng").
DIPLOMATIC_HEADS = {"embassy", "embassies", "consulate", "consulates", "ambassador", "ambassadors",
                    "envoy", "envoys"}
HOST_PREPS = words("prepositions", "host")          # "envoy for Yemen"
# Prepositions introducing the parties of an act ("talks between X and Y", "a deal with X").
PARTY_PREPS = words("prepositions", "party")
EMPLOYER_PREPS = words("prepositions", "employer")
# A counterpart is of the other party: the possessor ("his counterpart") never gives its country.
COUNTERPART_HEADS = {"counterpart", "counterparts"}
OWNER_PREPS = words("prepositions", "owner")          # "the office of the prime minister"
# "X, who leads the party": the body X is at the head of.
LEADING_VERBS = {"lead", "head", "chair", "command", "run"}
BODY_PREPS = words("prepositions", "body")  # "leader of the group", "spokesman for the army", "delegates from the ministry"
LOCATIVE_PREPS = words("prepositions", "locative")  # whose object is a location


# Last words of the names of news organisations ("Nour News", "the Jerusalem Post").
MEDIA_NAME_HEADS = {"news", "post", "times", "herald", "tribune", "gazette", "journal", "daily", "tv", "television",
                    "radio", "agency", "press", "telegraph", "chronicle"}


# Words a state's formal name is built on: "the Sultanate of Oman", "the Republic of Chad".
STATE_FORMS = words("source_nouns", "state_form")
PHRASE_STOP_DEPS = {"conj", "cc", "appos", "punct", "relcl", "acl"}


class TextEvidence:
    """Reading identity evidence around a head (a mixin of MentionFinder)."""

    def _place_as_name(self, ent: Span) -> bool:
        """A city the NER took for an organization or a person: one the actor table knows
        ("[Washington]ORG's proposal"), or a town of the gazetteer, named where a place stands
        ("the highway to [Yacuiba]ORG", "signed a truce in [Bissau]PERSON"). A person's name
        may be a place's ("Jordan"): only where a place stands."""
        text = _strip_det(ent.text)
        if ent.label_ not in ("ORG", "PERSON") or self._lookup(text) is not None:
            return False
        known_place = normalize_name(text) in self.actors.places
        if known_place and ent.label_ == "ORG":
            return True
        root = ent.root
        return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS \
            and (known_place or self.places.unambiguous_code(text) is not None)

    def _name_inside(self, start: int, head: Token) -> Optional[Span]:
        ent = self.ent_of.get(head.i)
        return ent if ent is not None and ent.start >= start else None

    def _modifier_context(self, start: int, head: Token, name_ent: Optional[Span]
                          ) -> tuple[Optional[str], Optional[Identity], Optional[Affiliation], bool]:
        """Country code, known actor (body, person), the body it belongs to and whether the
        country comes from a region or city rather than a state, named by the modifiers left of
        the name/head ("Ghana's", "ELN leader", "its", "the group's", "Tigrayan")."""
        # the name's own words are no modifier, nor are those of a group's name ("the [Kestrel] group")
        stop = name_ent.start if name_ent is not None and head.i in (name_ent.root.i, name_ent.end) else head.i
        country, body, possessor_country, affiliation, regional = None, None, None, None, False
        i = start
        while i < stop:
            ent = self.ent_of.get(i)
            if ent is not None and ent.start >= start and ent.end <= stop and (self._sponsor(ent[-1]) or _aligned(ent[0])):
                i = ent.end  # "the Iran-backed rebels": the backer is not the rebels' country
                continue
            if ent is not None and ent.start >= start and ent.end <= stop:
                found = self._lookup(_strip_det(ent.text))
                known = self._from_registry(_strip_det(ent.text), ent.label_, None) if found is None else None
                if found is not None and found.kind != "state":
                    body = self._from_entity(found, None, "table")
                    country = country or body.code
                elif known is not None:  # "ELN leader X": a body an earlier report explained
                    body = known
                    country = country or body.code
                else:
                    code = self.actors.country_code(ent.text)
                    if code is None and country is None:
                        code, state_named = self._place_in_words(ent)
                        regional = code is not None and not state_named
                    country = country or code
                    holder = self.by_surname.get(normalize_name(_strip_det(ent.text))) \
                        if ent.label_ in ("ORG", "PERSON") and len(ent) == 1 else None
                    if holder is not None and self.seen[holder].mention.kind == "person":
                        # "the Olafsson administration" after "US President Lars Olafsson": his government
                        affiliation = Affiliation(index=holder)
                        country = country or self.seen[holder].mention.code
                    elif self.actors.country_code(ent.text) is None and ent.label_ in ("ORG", "NORP", "PERSON"):
                        affiliation = Affiliation(name=normalize_name(_strip_det(ent.text)))  # "ELN leader"
                i = ent.end
                continue
            tok = self.doc[i]
            if tok.dep_ == "poss" and tok.lower_ in coref.PRONOUNS:  # "its leader", "his government"
                idx = self._pronoun_antecedent(tok)
                if idx is not None:
                    m = self.seen[idx].mention
                    body = Identity(m.name, m.code, m.sector, m.kind, "coreference", idx)
                    possessor_country = m.code
                    affiliation = Affiliation(index=idx)
            elif tok.dep_ == "poss" and tok.pos_ == "NOUN" and tok.lower_ in GROUP_NOUNS:
                # "the front's leader": the body named "... Front"; "the group's leader": the armed
                # group the report last named (else the last body of any kind)
                word = tok.lemma_.lower()
                idx = coref.body_named(word, self.seen)
                if idx is None:
                    idx = coref.body_antecedent(coref.GROUP_NOUN_SECTORS.get(word), self.seen)
                idx = idx if idx is not None else self._last_body()
                if idx is not None:
                    affiliation = Affiliation(index=idx)
            elif tok.lower_ in COUNTRY_NOUNS and tok.dep_ == "poss":
                country = country or self.last_state
            elif affiliation is None and tok.pos_ == "NOUN" and tok.dep_ == "compound" \
                    and self._body_word(self.index.norm(i)):
                idx = coref.descriptor_antecedent(self.index.norm(i), self.seen)
                if idx is not None:  # "junta spokesperson X": of the junta the report named
                    affiliation = Affiliation(index=idx)
            elif tok.lower_ in COMPASS_WORDS and i + 1 < stop and self.doc[i + 1].text[:1].isupper():
                # "South Korean", "South Sudanese", "East Timorese": the pair names the country;
                # "South American", "West African" name a continent's part, no country
                country = country or self._compass_demonym(self.doc[i:i + 2])
                i += 2
                continue
            elif tok.pos_ in ("PROPN", "ADJ", "NOUN") and tok.text[:1].isalpha() and not self._sponsor(tok) \
                    and not _aligned(tok):
                code = self.actors.demonyms.get(tok.lower_) or (  # "Israeli", "U.S."
                    self.actors.country_code(tok.text) if tok.pos_ == "PROPN" else None)
                if code is None and tok.pos_ == "PROPN" and tok.text[:1].isupper():
                    # "Tigray forces", "the Cabo Delgado Liberation Front": named after a region
                    code, state_named = self._place_in_words(self.doc[i:min(i + 2, stop)])
                    regional = regional or (code is not None and not state_named)
                if code is None and affiliation is None and is_acronym(tok.text):
                    affiliation = Affiliation(name=normalize_name(tok.text))  # "ELN negotiators"
                country = country or code
            i += 1
        if self.index.norm(head.i) in COUNTERPART_HEADS:
            return country, None, None, False  # "his Algerian counterpart": Algerian, whoever "his" is
        # a nationality written out beats the possessor's
        return country or possessor_country, body, affiliation, regional

    def _compass_demonym(self, pair: Span) -> Optional[str]:
        """The country a compass word and a name or demonym give together ("South Korean", "South
        Sudanese": South Sudan), else None ("South American")."""
        text = pair.text
        candidates = [text] + [text[:-len(e)] for e in DEMONYM_ENDINGS if text.lower().endswith(e)]
        return next(filter(None, map(self.actors.country_code, candidates)), None)

    def _sponsor(self, tok: Token) -> bool:
        """A country joined by a hyphen to a backer word or another party ("Iran-backed",
        "Israel-Hezbollah"), not to a title ("US-president X" is American)."""
        if not _backer(tok):
            return False
        title = self._agent_at(self.doc[tok.i + 2])[0]
        return title is None or title.kind != "person"

    def _last_body(self) -> Optional[int]:
        """The organisation or group named last ("the group", "the movement" refer to it)."""
        for k in range(len(self.seen) - 1, -1, -1):
            m = self.seen[k].mention
            if m.kind in ("organization", "group") and m.sector not in coref.MEDIA_SECTORS \
                    and self.extra[k].rank > RANK_NONE or m.evidence == "unknown" and m.kind == "organization":
                return k
        return None

    def _country_after(self, head: Token, end: int) -> tuple[Optional[str], int, bool]:
        """ "the Government of Lebanon", "officials in Gaza", "forces from Tigray": the country, the
        new span end and whether a region or city (not a state) gave it. A party to talks is not
        from where they are held: in "talks between the army and the rebels in Nairobi", "in
        Nairobi" is the talks' place."""
        party = head
        while party.dep_ == "conj" and party.head is not party:
            party = party.head
        event_party = party.dep_ == "pobj" and party.head.lower_ in PARTY_PREPS
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in COUNTRY_PREPS and not (event_party and prep.lower_ in HOST_PREPS):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        code = self.actors.country_code(pobj.text) if pobj.pos_ == "PROPN" else None
                        if code is None and pobj.lower_ in STATE_FORMS:  # "from the Sultanate of Oman"
                            named = next((g for p in pobj.children if p.dep_ == "prep" and p.lower_ == "of"
                                          for g in p.children if g.dep_ == "pobj"), None)
                            code = self.actors.country_code(named.text) if named is not None else None
                        regional = code is None and prep.lower_ == "from" and pobj.pos_ == "PROPN"
                        code = code or (self.places.region_code(pobj.text) if regional else None)
                        if code:
                            return code, _phrase_end(pobj), regional
        return None, end, False

    def _employer_country(self, head: Token) -> tuple[Optional[str], Optional[Affiliation]]:
        """ "a spokeswoman for the Kenyan embassy", "an adviser to the Malian army", "a spokesman for
        the TPLF": the country of the body a person works for (a mention of its own), and the
        body's name, for the report-wide pass to resolve."""
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in EMPLOYER_PREPS:
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                found = self._identify(pobj) if pobj is not None and pobj.pos_ in ("NOUN", "PROPN") else None
                if found is not None and found[1].kind == "state" and prep.lower_ == "to":
                    continue  # "a representative to Chad": where they are sent, not who sends them
                if found is not None and found[1].kind in ("organization", "state", "person"):
                    name = found[1].name if found[1].proper else _strip_det(found[0].text)
                    return found[1].code, Affiliation(name=normalize_name(_strip_det(name or "")))
        return None, None

    @staticmethod
    def _body_led(head: Token) -> Optional[Affiliation]:
        """ "X, who leads Tigray's ruling party", "the army of X", "X of the army": the body a person
        is said to lead or belong to."""
        for clause in head.rights:
            if clause.dep_ == "relcl" and clause.lemma_.lower() in LEADING_VERBS:
                led = next((c for c in clause.children if c.dep_ == "dobj"), None)
                if led is not None and led.pos_ in ("NOUN", "PROPN"):
                    return Affiliation(head=led.i)
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.ent_type_ == "PERSON" \
                and head.head.head.pos_ in ("NOUN", "PROPN") and head.head.head.ent_type_ == "ORG":
            return Affiliation(head=head.head.head.i)  # "the Libyan National Army of X"
        if head.ent_type_ == "PERSON":
            for prep in head.rights:
                body = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.lower_ == "of" else None
                if body is not None and body.ent_type_ == "ORG":
                    return Affiliation(head=body.i)  # "X of the Ta'ang National Liberation Army"
        return None

    def _appositive_body(self, head: Token) -> Optional[Affiliation]:
        """ "X, head of the ELN delegation", "X, head of protocol at the interior
        ministry": the body the role set beside a person's name belongs to."""
        if head.ent_type_ != "PERSON":
            return None
        for role in (c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"):
            for tok in role.subtree:
                if tok.dep_ == "pobj" and tok.head.lower_ in BODY_PREPS | EMPLOYER_PREPS \
                        and tok.pos_ in ("NOUN", "PROPN") and (tok.ent_type_ == "ORG" or self._agent_at(tok)[0]):
                    return Affiliation(head=tok.i, stated=True)
        return None

    @staticmethod
    def _body_after(head: Token) -> Optional[Affiliation]:
        """ "forces of the Lebanese army", "the president of the parliament", "a spokesman for the
        ministry": the body named after the noun, a mention of its own."""
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in BODY_PREPS:
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                    return Affiliation(head=pobj.i)
        return None

    def _host_after(self, head: Token, end: int) -> tuple[Optional[Span], int]:
        """ "embassy in Nairobi", "ambassador to Uganda [Grace Achieng]": the span end past the host
        and, when the parser folded the diplomat's name into the host phrase, that name."""
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in HOST_PREPS:
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    ent = self.ent_of.get(pobj.i)
                    if ent is not None and ent.label_ == "PERSON" and ent.start > prep.i + 1:
                        return ent, ent.end
                    if self.actors.country_code(pobj.text) or (ent is not None and ent.label_ == "GPE"):
                        return None, _phrase_end(pobj)
        return None, end

    def _owner(self, head: Token, end: int) -> tuple[Optional[Identity], int]:
        """Who an office belongs to ("the prime minister's office", "the office of the Israeli
        Prime Minister"): identified as a mention of its own; the span end grows over "of ..."."""
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ != "PRON":
                found = self._identify(child)
                return (found[1] if found else None), end
            if child.dep_ == "prep" and child.lower_ in OWNER_PREPS and child.i > head.i:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                found = self._identify(pobj) if pobj is not None else None
                if found is not None:
                    return found[1], max(end, found[0].end)
        return None, end

    def _leader_country(self, head: Token) -> Optional[str]:
        """ "the government of President X", "the administration of X": the country of the person
        it is named after (the person stays a mention of its own)."""
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in OWNER_PREPS:
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                found = self._identify(pobj) if pobj is not None and pobj.ent_type_ == "PERSON" else None
                if found is not None and found[1].kind == "person" and found[1].code:
                    return found[1].code
        return None

    def _place_in_words(self, words: Span) -> tuple[Optional[str], bool]:
        """The country of the first capitalised word, or pair of words, naming a place ("Malawian
        Parliament", "Cabo Delgado Liberation Front"), and whether it names the state itself."""
        skip = -1
        for k, tok in enumerate(words):
            if not tok.text[:1].isupper() or k == skip:
                continue
            pair = words[k:k + 2].text if k + 1 < len(words) and words[k + 1].text[:1].isupper() else None
            if pair and tok.lower_ in COMPASS_WORDS:
                skip = k + 1  # "South American": a continent's part, unless the pair names a country
                code = self._compass_demonym(words[k:k + 2])
                if code is not None:
                    return code, True
            for text in filter(None, (pair, tok.text)):
                code = self.actors.country_code(text)
                if code is not None:
                    return code, True
                code = self.places.region_code(text)
                if code is not None:
                    return code, False
        return None, False

    def _parent_organization(self, words: Span) -> Optional[str]:
        """ "United Nations Mission in ...", "African Union Commission": a body of an international
        organisation named inside the name is that organisation's, wherever it works."""
        for k in range(len(words)):
            for size in (3, 2, 1):
                if k + size > len(words) or not words[k].text[:1].isupper():
                    continue
                entity = self._lookup(words[k:k + size].text)
                role = entity.role_at(self.day) if entity is not None and entity.kind == "organization" else None
                if role is not None and role.code in ORGANIZATION_CODES:
                    return role.code
        return None

    def _organization_name_evidence(self, name_ent: Span, country: Optional[str], sector: Optional[str]
                                    ) -> tuple[Optional[str], Optional[str]]:
        """What an unknown organisation's name says of it: a country or place inside it ("Tigray
        People's Liberation Front" -> ETH, "Sudanese Armed Forces" -> SDN) and the sector of its
        head noun ("... Front" -> REB, "... Ministry" -> GOV). Armed forces named after a region,
        a town or nothing but a cause are not a state's army: REB."""
        head = name_ent.root  # "Revolutionary Front of the South": the front
        code, state_named = self._place_in_words(name_ent[:-1])
        country = country or self._parent_organization(name_ent[:-1]) or code
        agent, _ = self._agent_at(head, name_ent.start)
        if sector is None and head.lower_ in MEDIA_NAME_HEADS and len(name_ent) > 1:
            sector = "JRN"  # "Nour News", "the Jerusalem Post"
        if sector is None and agent is not None:
            sector = agent.sector
            if sector == "MIL" and not state_named and len(name_ent) > 1:
                sector = "REB"
        return country, sector

    def _title_before(self, span: Span, name_ent: Span) -> tuple[Optional[Agent], str]:
        if name_ent.start <= span.start:
            return None, ""
        return self._agent_at(self.doc[name_ent.start - 1], span.start)

    def _title_inside(self, name_ent: Span) -> Optional[tuple[Span, Agent]]:
        """A person's title the NER took into the name: the name after the last title word."""
        for k in range(name_ent.end - 2, name_ent.start - 1, -1):
            agent, _ = self._agent_at(self.doc[k], name_ent.start)
            if agent is not None and agent.kind == "person":
                return self.doc[k + 1:name_ent.end], agent
        return None

    def _titles(self, span: Span, name_ent: Optional[Span], identity: Identity,
                 title: Optional[str] = None) -> tuple[str, ...]:
        titles = list(self._entity_titles(identity.name))
        if name_ent is not None:
            title = title or self._title_before(span, name_ent)[1]
            if title:
                titles.append(TITLE_KEYS.get(title, title))
        return tuple(titles)

    def _entity_titles(self, name: Optional[str]) -> tuple[str, ...]:
        entity = self._lookup(name) if name else None
        return entity.titles if entity is not None else ()

    def _whose_country(self, span: Span, head: Token) -> Optional[str]:
        """ "Sisi, whose government ...": the country of the one the relative clause is about
        (any other institution named without a country gets one in entities.py)."""
        if span[0].lower_ != "whose":
            return None
        owner = self._relative_owner(head)
        return owner.code if owner is not None else None

    def _relative_owner(self, head: Token) -> Optional[ActorMention]:
        """ "Sisi, whose government ...": the mention the relative clause is about."""
        clause = head
        while clause.dep_ not in ("relcl", "acl") and clause.head is not clause:
            clause = clause.head
        if clause.dep_ not in ("relcl", "acl"):
            return None
        owner = clause.head
        return next((info.mention for info in reversed(self.seen) if info.head.i == owner.i), None)


def _phrase_end(tok: Token) -> int:
    """End of a noun's own phrase, before what is coordinated or set beside it ("of Gabon[, Paul
    Mbeki, and the Prime Minister of Chad]" when the parser hangs the rest on the country)."""
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in PHRASE_STOP_DEPS:
            break
        end = child.right_edge.i + 1
    return end
