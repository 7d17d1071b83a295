"""Build storyline/data/event_lexicon.json, the PLOVER trigger lexicon of the events component.

Two layers, the second overriding the first:

1. The CAMEO verb pattern dictionary (petrarch2, MIT licence, data/sources/CAMEO.2.0.txt)
   converted to PLOVER with the CAMEO->PLOVER table (data/sources/CAMEO2PLOVER-2021.txt):
   every verb of a block with a default code, and the block's simple patterns
   "verb OBJECT" / "verb (PREP OBJECT)" / "verb (PREP)".  CAMEO 01x (public statements) is not an
   event in PLOVER and is dropped, except 016 (denials), a REJECT; CAMEO 02x (appeals) becomes
   REQUEST with the mode of its 10x twin.
2. A curated table (below) for the news vocabulary of conflicts and negotiations: nominal triggers
   ("airstrikes", "withdrawal", "talks", "deal"), particle verbs ("pull back"), modes the CAMEO
   codes do not carry (aerial, heavy-weapons, third-party ...), and corrections where CAMEO's
   default is wrong for news prose. Every entry names an act the PLOVER manual defines, in words
   news prose uses for it in general, whatever the conflict; none is there for one report.

Usage:  python scripts/build_event_lexicon.py [SOURCES_DIR]   (default: data/sources)
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "storyline" / "data" / "event_lexicon.json"

# Strength of a trigger from each layer: curated entries are reliable, CAMEO defaults are broad.
CAMEO_VERB_STRENGTH = 0.45
CAMEO_PATTERN_STRENGTH = 0.5
CURATED_STRENGTH = 0.9
# CAMEO 016 "deny responsibility" (deny an accusation, a charge, an attack): the PLOVER manual
# (section on converting CAMEO) names it as a REJECT; the development gold codes denials so.
DENIAL_CODE = "016"

# ---------------------------------------------------------------------------------------------
# Curated layer.  Keys: "lemma" (verb or noun), "verb particle" / "verb prep" (phrasal verbs),
# "verb +object" (verb with that direct-object lemma), "modifier noun" (compound nouns).
# Value: "TYPE" or "TYPE/mode".
CURATED_VERBS = {
    # CONSULT
    "meet": "CONSULT", "visit": "CONSULT/visit", "travel": "CONSULT/visit", "arrive": "CONSULT/visit",
    "land": "CONSULT/visit", "head to": "CONSULT/visit", "discuss": "CONSULT", "negotiate": "CONSULT",
    "talk": "CONSULT", "confer": "CONSULT", "consult": "CONSULT", "mediate": "CONSULT/third-party",
    "broker": "CONSULT/third-party", "facilitate": "CONSULT/third-party", "phone": "CONSULT/phone",
    "telephone": "CONSULT/phone", "speak with": "CONSULT", "meet with": "CONSULT",
    "welcome": "SUPPORT", "attend": "CONSULT/multilateral", "rule out": "REJECT",
    # AGREE
    "agree": "AGREE", "accept": "AGREE", "approve": "AGREE", "sign": "AGREE", "ratify": "AGREE",
    "vote for": "AGREE", "promise": "AGREE", "pledge": "AGREE", "commit": "AGREE",
    # SUPPORT
    "support": "SUPPORT", "back": "SUPPORT", "endorse": "SUPPORT", "praise": "SUPPORT",
    "appreciate": "SUPPORT", "commend": "SUPPORT", "thank": "SUPPORT", "hail": "SUPPORT", "applaud": "SUPPORT",
    # CONCEDE
    "concede": "CONCEDE", "yield": "CONCEDE", "relent": "CONCEDE", "compromise": "CONCEDE",
    # COOPERATE
    "cooperate": "COOPERATE", "collaborate": "COOPERATE", "coordinate": "COOPERATE",
    "fight alongside": "COOPERATE", "fight beside": "COOPERATE",  # fighting on another's side
    # AID
    "aid": "AID", "assist": "AID", "donate": "AID", "rebuild": "AID", "shelter": "AID",
    "host": "AID",  # hosting people is giving refuge; hosting talks is CONSULT (verb + object below)
    # RETREAT
    "withdraw": "RETREAT/withdraw", "pull back": "RETREAT/withdraw", "pull out": "RETREAT/withdraw",
    "retreat": "RETREAT/withdraw", "relocate": "RETREAT/withdraw", "release": "RETREAT/release",
    "free": "RETREAT/release", "exchange": "RETREAT/release", "disarm": "RETREAT/disarm",
    "demobilize": "RETREAT/disarm", "cease": "RETREAT/ceasefire", "halt": "RETREAT/ceasefire",
    # REQUEST
    "urge": "REQUEST", "call for": "REQUEST", "call on": "REQUEST", "demand": "REQUEST",
    "ask": "REQUEST", "request": "REQUEST", "appeal": "REQUEST", "propose": "REQUEST/yield",
    "invite": "REQUEST/meet",  # an invitation asks the other side to come (CAMEO reads it as a meeting)
    "offer": "REQUEST/yield", "submit": "REQUEST/yield", "present": "REQUEST/yield",
    "relay": "REQUEST/yield", "insist": "REQUEST", "press": "REQUEST", "seek": "REQUEST",
    "push for": "REQUEST", "plead": "REQUEST", "beg": "REQUEST/yield",
    # ACCUSE
    "accuse": "ACCUSE/allege", "blame": "ACCUSE/allege", "allege": "ACCUSE/allege",
    "criticize": "ACCUSE/disapprove", "condemn": "ACCUSE/disapprove",
    "denounce": "ACCUSE/disapprove", "slam": "ACCUSE/disapprove", "decry": "ACCUSE/disapprove",
    "investigate": "ACCUSE/investigate",
    # REJECT
    "reject": "REJECT", "refuse": "REJECT", "dismiss": "REJECT", "deny": "REJECT", "oppose": "REJECT",
    "rebuff": "REJECT", "veto": "REJECT", "vote against": "REJECT", "decline": "REJECT", "defy": "REJECT/yield",
    # THREATEN
    "threaten": "THREATEN/violence", "warn": "THREATEN", "vow": "THREATEN/violence",
    "swear": "THREATEN/violence",
    # PROTEST
    "protest": "PROTEST/demo", "demonstrate": "PROTEST/demo", "rally": "PROTEST/demo",
    "march": "PROTEST/demo", "shout": "PROTEST/demo", "chant": "PROTEST/demo",
    # SANCTION
    "suspend": "SANCTION/withdraw", "sever": "SANCTION/withdraw", "expel": "SANCTION/expel",
    "displace": "SANCTION/expel", "force out": "SANCTION/expel", "drive out": "SANCTION/expel",
    "drive from": "SANCTION/expel", "boycott": "SANCTION/withdraw", "sanction": "SANCTION/discontinue",
    "uproot": "SANCTION/expel", "capitulate": "CONCEDE",
    # MOBILIZE
    "deploy": "MOBILIZE/troops", "mobilize": "MOBILIZE/troops",
    "patrol": "MOBILIZE/troops", "recruit": "MOBILIZE/troops", "reinforce": "MOBILIZE/troops",
    "redeploy": "MOBILIZE/troops",
    # COERCE
    "arrest": "COERCE/arrest", "detain": "COERCE/arrest", "blockade": "COERCE/restrict",
    "prevent": "COERCE/restrict", "ban": "COERCE/restrict", "bar": "COERCE/restrict", "deport": "COERCE/deport",
    "seize": "COERCE/seize", "capture": "COERCE/seize", "occupy": "COERCE/seize", "evacuate": "COERCE", "confiscate": "COERCE/seize",
    # ASSAULT
    "attack": "ASSAULT", "strike": "ASSAULT", "bomb": "ASSAULT/aerial", "shell": "ASSAULT/heavy-weapons",
    "kill": "ASSAULT", "fire": "ASSAULT/firearms", "pound": "ASSAULT", "raid": "ASSAULT",
    "invade": "ASSAULT", "storm": "ASSAULT", "assassinate": "ASSAULT/assassinate", "abduct": "ASSAULT/abduct",
    "kidnap": "ASSAULT/abduct", "fight": "ASSAULT", "convene": "CONSULT", "hit": "ASSAULT", "destroy": "ASSAULT/destroy",
    "wound": "ASSAULT", "injure": "ASSAULT", "target": "ASSAULT", "massacre": "ASSAULT/massacre",
    # retaliating is striking back (a vow or warning to retaliate is the threat)
    "retaliate": "ASSAULT",
    "bombard": "ASSAULT/heavy-weapons", "shoot": "ASSAULT/firearms", "intercept": "ASSAULT",
    # PLOVER ACCUSE: "express disapprovals, objections, and complaints; condemn, decry ...; criticize,
    # defame, denigrate responsible parties"; "accuse, allege, or charge"; "sue or bring to court"
    "castigate": "ACCUSE/disapprove", "censure": "ACCUSE/disapprove", "rebuke": "ACCUSE/disapprove",
    "deplore": "ACCUSE/disapprove", "berate": "ACCUSE/disapprove", "lambast": "ACCUSE/disapprove",
    "lambaste": "ACCUSE/disapprove", "chide": "ACCUSE/disapprove", "reproach": "ACCUSE/disapprove",
    "excoriate": "ACCUSE/disapprove", "denigrate": "ACCUSE/disapprove", "defame": "ACCUSE/disapprove",
    "complain": "ACCUSE/disapprove", "charge": "ACCUSE/allege", "sue": "ACCUSE/allege",
    # PLOVER SUPPORT: "express support for, commend" (praise)
    "laud": "SUPPORT", "salute": "SUPPORT", "congratulate": "SUPPORT",
    # PLOVER REJECT: "all rejections and refusals"; backing down is yielding (CONCEDE), not backing
    "turn down": "REJECT", "brush aside": "REJECT", "walk out": "REJECT", "spurn": "REJECT", "snub": "REJECT",
    "back down": "CONCEDE", "back off": "CONCEDE", "back away": "CONCEDE",
    # PLOVER RETREAT: release or exchange of prisoners, repatriation, resignations of officials;
    # PLOVER AID: hostage rescues
    "swap": "RETREAT/release", "repatriate": "RETREAT", "resign": "RETREAT/resign", "step down": "RETREAT/resign",
    "rescue": "AID",
}

CURATED_VERB_OBJECTS = {
    "take +control": "MOBILIZE/troops", "open +fire": "ASSAULT/firearms", "cut +tie": "SANCTION/withdraw",
    "seize +hostage": "ASSAULT/abduct", "take +hostage": "ASSAULT/abduct", "cease +fire": "RETREAT/ceasefire",
    "hold +hostage": "ASSAULT/abduct", "bolster +presence": "MOBILIZE/troops", "end +war": "RETREAT/ceasefire",
    "pay +visit": "CONSULT/visit", "make +visit": "CONSULT/visit", "send +troop": "MOBILIZE/troops",
    "send +aid": "AID", "provide +aid": "AID", "deliver +aid": "AID", "give +warning": "THREATEN",
    "provide +warning": "THREATEN", "exchange +fire": "ASSAULT", "vote in +favor": "AGREE",
    # An infinitive complement counts as the object: "voted to approve", "forced to flee".
    "vote +approve": "AGREE", "vote +support": "AGREE", "vote +back": "AGREE", "vote +endorse": "AGREE",
    "vote +adopt": "AGREE", "vote +accept": "AGREE", "vote +reject": "REJECT", "vote +oppose": "REJECT",
    "vote +block": "REJECT", "force +flee": "SANCTION/expel", "force +leave": "SANCTION/expel",
    "force +evacuate": "SANCTION/expel", "force +abandon": "SANCTION/expel",
    # Leading a delegation is taking part in the talks it is sent to (CAMEO has it as an agreement).
    "lead +delegation": "CONSULT", "head +delegation": "CONSULT",
}
# Observing talks is a third party's part in them ("observers from Norway will observe the talks").
OBSERVED_MEETINGS = ["talk", "negotiation", "meeting", "round", "summit", "conference", "dialogue"]

# Accepting an agreement is agreeing to it, whatever the verb of acceptance: "confirmed the
# ceasefire", "acknowledged the agreement", "endorsed the deal".
ACCEPTANCE_VERBS = ["confirm", "acknowledge", "accept", "approve", "ratify", "endorse", "embrace", "uphold",
                    "honor", "respect", "observe", "sign", "seal", "clinch", "finalize",
                    "adopt", "ink"]
AGREEMENTS = ["ceasefire", "truce", "deal", "agreement", "accord", "pact", "treaty", "armistice", "cease-fire"]
# Giving up weapons is disarming (PLOVER RETREAT, mode disarm): "hand over their weapons".
DISARM_VERBS = ["hand over", "surrender", "give up", "lay down", "turn in", "decommission"]
WEAPONRY = ["weapon", "arm", "gun", "rifle", "arsenal"]
# Breaking an agreement is an attack on its terms (CAMEO 19x "violate ceasefire"); a party said to
# have broken one is accused of it (the events stage reads this list from the lexicon).
BREACH_VERBS = ["violate", "breach", "break", "flout", "disregard", "contravene", "infringe"]

# Leaving the positions one holds is a withdrawal (PLOVER RETREAT: "withdraw or pull out of
# territory"): "will leave their bases", "quit its positions", "abandoned the town".
LEAVING_VERBS = ["leave", "quit", "vacate", "abandon"]
HELD_POSITIONS = ["base", "camp", "position", "post", "outpost", "stronghold", "garrison", "village", "town",
                  "territory", "zone", "area", "region", "city", "checkpoint"]

# Closing a border or a crossing restricts movement (PLOVER COERCE, mode restrict).
CLOSING_VERBS = ["close", "shut", "seal"]
CLOSED_PASSAGES = ["border", "crossing", "frontier", "airspace", "port", "checkpoint"]
# Blocking a road is an obstruction (PLOVER PROTEST, mode obstruct; a state's own forces blocking
# one restrict movement, which the events stage codes as COERCE).
BLOCKING_VERBS = ["block", "barricade", "blockade"]
BLOCKED_ROADS = ["road", "highway", "street", "bridge", "railway", "route", "motorway", "junction"]

# Giving material help is AID whatever the verb of transfer: "sent medical supplies", "gave rifles".
AID_TRANSFER_VERBS = ["provide", "give", "send", "deliver", "distribute", "allocate", "donate", "supply",
                      "ship", "airlift", "contribute", "grant", "pledge", "raise", "dispatch", "extend"]
AID_OBJECTS = {
    "aid": None, "assistance": None, "supply": "humanitarian", "food": "humanitarian",
    "medicine": "humanitarian", "drug": "humanitarian", "tent": "humanitarian", "relief": "humanitarian",
    "shelter": "humanitarian", "vaccine": "humanitarian", "fuel": "humanitarian", "water": "humanitarian",
    "equipment": "military", "weapon": "military", "arm": "military", "firearm": "military",
    "ammunition": "military", "rifle": "military", "training": "military", "funding": "economic",
    "fund": "economic", "loan": "economic", "money": "economic", "grant": "economic", "donation": "economic",
    "team": None, "expert": None, "asylum": "asylum", "refuge": "asylum", "protection": "peacekeeping",
}
# Launching or firing weapons at someone is an assault: "launched rockets at Israel", "fired drones".
WEAPON_VERBS = ["launch", "fire", "lob", "shoot"]
WEAPONS = {"rocket": "heavy-weapons", "missile": "heavy-weapons", "shell": "heavy-weapons",
           "mortar": "heavy-weapons", "artillery": "heavy-weapons", "projectile": "heavy-weapons",
           "drone": "drone", "bomb": "explosives"}
# Lifting a restriction is a concession (CAMEO 081), easing economic sanctions a retreat (CAMEO 085).
EASING_VERBS = ["lift", "ease", "relax", "loosen", "remove", "end", "drop", "suspend"]
EASED_OBJECTS = {"ban": "CONCEDE", "restriction": "CONCEDE", "curfew": "RETREAT", "sanction": "RETREAT/ease",
                 "embargo": "RETREAT/ease", "blockade": "RETREAT/withdraw", "siege": "RETREAT/withdraw",
                 "travel ban": "CONCEDE"}
# PLOVER SUPPORT: "initiate, resume, improve, or expand diplomatic, non-material cooperation":
# restoring or improving ties with a state, whatever the verb ("restored diplomatic ties",
# "reopened its embassy"). CAMEO has most of these as broad patterns only.
TIES_VERBS = ["restore", "re-establish", "reestablish", "establish", "resume", "normalize",
              "improve", "mend", "reopen", "forge", "upgrade", "strengthen", "deepen", "renew"]
TIES = ["tie", "relation", "relationship", "embassy"]
# What is done to a country's diplomats: calling them home or sending them away cuts relations
# (PLOVER SANCTION: "recalled its envoy", "expelled the charge d'affaires"); summoning one to present
# grievances is, by the PLOVER manual, a disapproval (ACCUSE), not a meeting.
DIPLOMAT_VERBS = {"recall": "SANCTION/withdraw", "withdraw": "SANCTION/withdraw", "expel": "SANCTION/expel",
                  "summon": "ACCUSE/disapprove"}
DIPLOMATS = ["envoy", "ambassador", "diplomat", "chargé", "charge", "attaché", "consul"]
# Handing over a reply is a statement, not a proposal (CAMEO 01x): "submitted its response to the
# plan", "presented its comments on the draft" (where "submitted a plan" proposes).
HANDING_VERBS = ["submit", "present", "deliver", "hand", "send", "give", "convey", "transmit", "relay"]
REPLIES = ["response", "reply", "answer", "feedback", "comment", "remark", "observation", "reaction"]
# Meeting an obligation is fulfilling it, not a meeting: "met its commitments", "meets the conditions".
FULFILLING_VERBS = ["meet", "fulfil", "fulfill"]
OBLIGATIONS = ["commitment", "obligation", "requirement", "condition", "deadline", "target",
               "criterion", "standard", "expectation", "need", "goal", "pledge", "promise", "term", "cost"]
# Speaking by telephone is a phone consultation (PLOVER CONSULT, mode phone): "the two presidents
# spoke by phone", "talked over the telephone".
PHONE_VERBS = ["speak", "talk", "confer", "converse"]
PHONE_PREPS = ["by", "on", "over", "via"]
PHONES = ["phone", "telephone"]
# Hosting a meeting is consulting; hosting anyone else (leaders, refugees) is giving them refuge.
HOSTED_MEETINGS = ["talk", "meeting", "summit", "conference", "round", "negotiation", "delegation", "visit",
                   "envoy", "minister", "counterpart", "forum", "dialogue"]

CURATED_NOUNS = {
    # CONSULT
    "talk": "CONSULT", "meeting": "CONSULT", "visit": "CONSULT/visit", "negotiation": "CONSULT",
    "discussion": "CONSULT", "summit": "CONSULT/multilateral", "conference": "CONSULT/multilateral",
    "mediation": "CONSULT/third-party", "trip": "CONSULT/visit", "consultation": "CONSULT",
    "phone call": "CONSULT/phone", "shuttle diplomacy": "CONSULT/third-party", "contact": "CONSULT",
    "diplomatic effort": "CONSULT",
    # REQUEST / AGREE / SUPPORT
    "proposal": "REQUEST/yield", "demand": "REQUEST", "request": "REQUEST", "appeal": "REQUEST",
    "invitation": "REQUEST/meet",
    "plea": "REQUEST", "approval": "AGREE", "acceptance": "AGREE", "support": "SUPPORT",
    "endorsement": "SUPPORT", "praise": "SUPPORT",
    # RETREAT
    "ceasefire": "RETREAT/ceasefire", "cease-fire": "RETREAT/ceasefire", "truce": "RETREAT/ceasefire",
    "cessation": "RETREAT/ceasefire", "withdrawal": "RETREAT/withdraw", "pullout": "RETREAT/withdraw",
    "pullback": "RETREAT/withdraw", "release": "RETREAT/release", "disarmament": "RETREAT/disarm",
    # ASSAULT
    "airstrike": "ASSAULT/aerial", "air strike": "ASSAULT/aerial", "air raid": "ASSAULT/aerial",
    "air assault": "ASSAULT/aerial", "drone strike": "ASSAULT/drone", "drone attack": "ASSAULT/drone",
    "strike": "ASSAULT", "attack": "ASSAULT", "bombardment": "ASSAULT/heavy-weapons",
    "shelling": "ASSAULT/heavy-weapons", "rocket fire": "ASSAULT/heavy-weapons",
    "missile attack": "ASSAULT/heavy-weapons", "rocket attack": "ASSAULT/heavy-weapons",
    "offensive": "ASSAULT", "invasion": "ASSAULT", "incursion": "ASSAULT", "raid": "ASSAULT",
    "retaliation": "ASSAULT",
    "assault": "ASSAULT", "assassination": "ASSAULT/assassinate", "killing": "ASSAULT",
    "massacre": "ASSAULT/massacre", "bombing": "ASSAULT/explosives", "hostility": "ASSAULT",
    "ground operation": "ASSAULT", "military operation": "ASSAULT", "air campaign": "ASSAULT/aerial",
    "ground campaign": "ASSAULT", "military campaign": "ASSAULT", "bombing campaign": "ASSAULT/aerial",
    "ground invasion": "ASSAULT", "exchange": "RETREAT/release",
    "fighting": "ASSAULT", "clash": "ASSAULT", "shootout": "ASSAULT/firearms", "ambush": "ASSAULT",
    "shooting": "ASSAULT/firearms", "aggression": "ASSAULT", "confrontation": "ASSAULT", "execution": "ASSAULT",
    # AGREE: an agreement named as the act of its parties ("the Ethiopia-TPLF deal", "an agreement
    # between X and Y", "reached a deal"); as the subject of "requires"/"calls for" it is a document.
    "deal": "AGREE", "agreement": "AGREE", "accord": "AGREE", "pact": "AGREE", "treaty": "AGREE",
    "signing": "AGREE", "armistice": "RETREAT/ceasefire", "consensus": "AGREE", "commitment": "AGREE",
    "pledge": "AGREE", "concession": "CONCEDE", "capitulation": "CONCEDE",
    "dialogue": "CONSULT", "round": "CONSULT", "gratitude": "SUPPORT", "appreciation": "SUPPORT",
    "thanks": "SUPPORT", "solidarity": "SUPPORT", "crackdown": "COERCE",
    "rapprochement": "SUPPORT", "normalization": "SUPPORT", "normalisation": "SUPPORT", "detente": "SUPPORT",
    "battle": "ASSAULT", "skirmish": "ASSAULT", "firefight": "ASSAULT/firearms", "gunfight": "ASSAULT/firearms",
    "gunbattle": "ASSAULT/firearms", "combat": "ASSAULT",
    "repression": "COERCE", "detention": "COERCE/arrest", "kidnapping": "ASSAULT/abduct",
    # THREATEN / ACCUSE / REJECT
    "threat": "THREATEN", "warning": "THREATEN", "ultimatum": "THREATEN/relations",
    "accusation": "ACCUSE/allege", "criticism": "ACCUSE/disapprove", "condemnation": "ACCUSE/disapprove",
    "rejection": "REJECT", "refusal": "REJECT",
    # MOBILIZE / SANCTION / COERCE / PROTEST / AID
    "deployment": "MOBILIZE/troops", "redeployment": "MOBILIZE/troops", "mobilization": "MOBILIZE/troops",
    "sanction": "SANCTION/discontinue", "sanction relief": "RETREAT/ease", "expulsion": "SANCTION/expel", "suspension": "SANCTION/withdraw",
    "arrest": "COERCE/arrest", "blockade": "COERCE/restrict", "evacuation order": "COERCE",
    "protest": "PROTEST/demo", "demonstration": "PROTEST/demo", "aid": "AID", "assistance": "AID",
    "humanitarian aid": "AID/humanitarian", "humanitarian assistance": "AID/humanitarian",
    "humanitarian support": "AID/humanitarian", "military aid": "AID/military", "military assistance": "AID/military",
    "economic aid": "AID/economic", "financial aid": "AID/economic", "relief": "AID/humanitarian",
    "cease fire": "RETREAT/ceasefire",  # "cease-fire" is split by the tokenizer
    "joint exercise": "COOPERATE/military", "joint drill": "COOPERATE/military", "war game": "COOPERATE/military",
    "joint patrol": "COOPERATE/military", "military exercise": "MOBILIZE/troops",
    "military drill": "MOBILIZE/troops",
}

# Adjective predicates ("is committed to", "was ready to implement"): the copula carries the clause.
CURATED_ADJECTIVES = {"committed": "AGREE", "ready": "AGREE", "willing": "AGREE", "prepared": "AGREE",
                      "opposed": "REJECT"}

# Verbs that carry a nominal trigger in their object ("held talks", "carried out strikes",
# "announced a proposal"): the noun is the event, the verb gives subject, tense and modality.
LIGHT_VERBS = [
    "hold", "carry", "conduct", "launch", "stage", "make", "reach", "express", "give", "mount",
    "begin", "start", "continue", "resume", "issue", "lead", "intensify", "step", "wage", "announce",
    "put", "unveil", "deliver", "voice", "extend", "renew", "escalate", "order", "impose", "declare",
    "pursue", "secure", "strike", "offer", "submit", "present", "relay", "send", "provide", "open",
    "initiate", "join", "enter",
]

# Nouns naming documents and plans: as the subject of "requires/calls for/includes", the verb is
# not an act of an actor, and what it governs is a term not yet in force (hypothetical).
DOCUMENT_NOUNS = [
    "proposal", "plan", "deal", "agreement", "draft", "accord", "resolution", "text", "framework",
    "document", "initiative", "term", "arrangement", "offer", "package", "roadmap", "clause",
    "condition", "truce", "ceasefire", "cease-fire", "pact", "treaty", "understanding", "outline",
]


# Verbs too general to be events on their own in news prose ("take", "expected to", "hope"):
# their CAMEO block default is dropped, their specific patterns ("take control") are kept.
GENERIC_VERBS = [
    "take", "go", "come", "leave", "add", "expect", "plan", "hope", "call", "get", "keep", "set", "run",
    "see", "want", "need", "try", "work", "allow", "receive", "move", "turn", "bring", "follow", "use",
    "face", "remain", "stay", "meet with", "point", "raise", "address", "consider", "look", "show",
    "signal", "prepare", "intend", "expect", "promise", "cover", "note", "report", "tell", "say",
    "decide", "confirm", "serve", "aim", "inform", "head", "oversee", "examine", "state", "stress",
    "emphasize", "reiterate", "explain", "describe", "announce", "fail",
]


def singular(word: str) -> str:
    """CAMEO patterns name objects in surface form ("SANCTIONS"); the component looks up lemmas."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def parse_curated_value(value: str, strength: float) -> list:
    event, _, mode = value.partition("/")
    return [event, mode or None, strength]


# ---------------------------------------------------------------------------------------------
# CAMEO layer.
def _cross(table: dict[str, str], verbs, objects, value, replace: bool = False) -> None:
    """Every verb with every object ("VERB +OBJECT") takes `value` (a string, or a function of the
    object); an explicit entry already in the table stays unless `replace`."""
    for verb in verbs:
        for obj in objects:
            entry = value(obj) if callable(value) else value
            if replace:
                table[f"{verb} +{obj}"] = entry
            else:
                table.setdefault(f"{verb} +{obj}", entry)


def curated_verb_objects() -> dict[str, str]:
    table = dict(CURATED_VERB_OBJECTS)
    _cross(table, AID_TRANSFER_VERBS, AID_OBJECTS, lambda obj: f"AID/{AID_OBJECTS[obj]}" if AID_OBJECTS[obj] else "AID")
    _cross(table, EASING_VERBS, EASED_OBJECTS, EASED_OBJECTS.get, replace=True)
    _cross(table, ["observe"], OBSERVED_MEETINGS, "CONSULT/third-party", replace=True)
    # "flew in to participate in the regional summit"
    _cross(table, ["host", "participate in"], HOSTED_MEETINGS, "CONSULT", replace=True)
    _cross(table, ACCEPTANCE_VERBS, AGREEMENTS, "AGREE")
    _cross(table, TIES_VERBS, TIES, "SUPPORT", replace=True)
    for verb in PHONE_VERBS:
        _cross(table, [f"{verb} {prep}" for prep in PHONE_PREPS], PHONES, "CONSULT/phone")
    for verb, value in DIPLOMAT_VERBS.items():
        _cross(table, [verb], DIPLOMATS, value)
    _cross(table, DISARM_VERBS, WEAPONRY, "RETREAT/disarm")
    _cross(table, BREACH_VERBS, AGREEMENTS, "ASSAULT")
    _cross(table, CLOSING_VERBS, CLOSED_PASSAGES, "COERCE/restrict")
    _cross(table, LEAVING_VERBS, HELD_POSITIONS, "RETREAT/withdraw")
    _cross(table, BLOCKING_VERBS, BLOCKED_ROADS, "PROTEST/obstruct", replace=True)
    _cross(table, WEAPON_VERBS, WEAPONS, lambda weapon: f"ASSAULT/{WEAPONS[weapon]}")
    return table


_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([0-9]{2,4})")
_SIMPLE_OBJECT = re.compile(r"^- \* ([A-Z][A-Z-]*)\s+\[")
_PREP_PATTERN = re.compile(r"^- \* \(([A-Z]+)(?: ([A-Z][A-Z-]*))?\)\s+\[")


def load_cameo_to_plover(path: Path) -> dict[str, tuple[str, str | None]]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
        if m:
            mode = m.group(3).strip() or None
            table[m.group(1)] = (m.group(2), mode)
    return table


def plover_of(code: str, table: dict) -> tuple[str, str | None] | None:
    if code.startswith(DENIAL_CODE):
        return ("REJECT", None)  # denying responsibility or a charge: the PLOVER manual's REJECT
    if code.startswith("01") or code.startswith("---"):
        return None  # public statements are not PLOVER events
    if code.startswith("02"):
        code = "10" + code[2:]  # appeals share REQUEST with demands
    for n in range(len(code), 2, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def load_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets, current = {}, None
    for line in lines:
        if line.startswith("&"):
            current = line.strip()
            synsets[current] = []
        elif current and line.startswith("+"):
            synsets[current].append(line[1:].split()[0].lower().replace("_", " "))
        elif not line.strip():
            current = None
    return synsets


def verb_lemmas(line: str) -> list[str]:
    """'HURRY {HURRIES ...}' -> ['hurry']; '+PULL_OUT' -> ['pull out'] (a particle verb)."""
    head = line.split("#")[0].split("{")[0].split("[")[0].strip()
    if not head or head.startswith("-"):
        return []
    return [head.lstrip("+").lower().replace("_", " ")]


_NOT_ALONE = set(GENERIC_VERBS) | set(LIGHT_VERBS)


def read_cameo(path: Path, table: dict) -> tuple[dict, dict, dict, set]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = load_synsets(lines)
    verbs, objects, preps, statements = {}, {}, {}, set()
    block_code, block_verbs = None, []
    for line in lines[next(i for i, l in enumerate(lines) if "VERB PATTERNS" in l):]:
        if line.startswith("####"):
            if "TRANSFORMATIONS" in line:
                break
            continue
        m = _BLOCK.match(line)
        if m:
            code = _CODE.match("[" + m.group(2))
            block_code = plover_of(code.group(1), table) if code else None
            block_verbs = []
            continue
        if line.startswith("- "):
            code = _CODE.search(line)
            if not code or not block_verbs:
                continue
            plover = plover_of(code.group(1), table)
            obj = _SIMPLE_OBJECT.match(line)
            if code.group(1).startswith("01") and not code.group(1).startswith(DENIAL_CODE) \
                    and obj and not obj.group(1).startswith("&"):
                # A public statement (CAMEO 01x: "decline comment", "make optimistic comment"): not an event.
                statements.update(f"{verb} +{singular(obj.group(1).lower())}" for verb in block_verbs)
            if plover is None:
                continue
            entry = [plover[0], plover[1], CAMEO_PATTERN_STRENGTH]
            obj, prep = _SIMPLE_OBJECT.match(line), _PREP_PATTERN.match(line)
            for verb in block_verbs:
                if obj:
                    for word in synsets.get(obj.group(1), [obj.group(1).lower()]) if obj.group(1).startswith("&") else [obj.group(1).lower()]:
                        objects.setdefault(f"{verb} +{singular(word)}", entry)
                elif prep:
                    key = f"{verb} {prep.group(1).lower()}"
                    if prep.group(2) is None:
                        preps.setdefault(key, entry)
                    else:
                        objects.setdefault(f"{key} +{singular(prep.group(2).lower())}", entry)
            continue
        for lemma in verb_lemmas(line):
            block_verbs.append(lemma)
            own = _CODE.search(line)
            code = plover_of(own.group(1), table) if own else block_code
            if code and lemma not in verbs and lemma not in _NOT_ALONE:
                verbs[lemma] = [code[0], code[1], CAMEO_VERB_STRENGTH]
    return verbs, objects, preps, statements


def build(sources: Path) -> dict:
    table = load_cameo_to_plover(sources / "CAMEO2PLOVER-2021.txt")
    verbs, objects, preps, statements = read_cameo(sources / "CAMEO.2.0.txt", table)
    phrasal = {k: v for k, v in verbs.items() if " " in k}
    verbs = {k: v for k, v in verbs.items() if " " not in k}
    phrasal.update(preps)
    for key, value in CURATED_VERBS.items():
        (phrasal if " " in key else verbs)[key] = parse_curated_value(value, CURATED_STRENGTH)
    for key, value in curated_verb_objects().items():
        objects[key] = parse_curated_value(value, CURATED_STRENGTH)
    statements -= set(objects)
    statements |= {f"{verb} +{reply}" for verb in HANDING_VERBS for reply in REPLIES}
    statements |= {f"{verb} +{duty}" for verb in FULFILLING_VERBS for duty in OBLIGATIONS}
    nouns = {k: parse_curated_value(v, CURATED_STRENGTH) for k, v in CURATED_NOUNS.items()}
    return {
        "source": "CAMEO.2.0 verb dictionary (petrarch2, MIT) via CAMEO2PLOVER-2021, plus curated entries",
        "verbs": dict(sorted(verbs.items())),
        "phrasal_verbs": dict(sorted(phrasal.items())),
        "verb_objects": dict(sorted(objects.items())),
        "nouns": dict(sorted(nouns.items())),
        "adjectives": {k: parse_curated_value(v, CURATED_STRENGTH) for k, v in sorted(CURATED_ADJECTIVES.items())},
        "statements": sorted(statements),
        "light_verbs": sorted(LIGHT_VERBS),
        "document_nouns": sorted(DOCUMENT_NOUNS),
        "breach_verbs": sorted(BREACH_VERBS),
    }


def main() -> None:
    sources = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "data" / "sources"
    lexicon = build(sources)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(lexicon, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: " + ", ".join(f"{k} {len(v)}" for k, v in lexicon.items() if isinstance(v, (dict, list))))


if __name__ == "__main__":
    main()
