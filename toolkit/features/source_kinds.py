"""Source kinds: what sort of source an attribution cites, from its words alone.

``source_kind(words, tags)`` sorts a source span into one of :data:`SOURCE_KINDS`
with word lists, independently of the cue (so "residents said" and "according to
residents" agree):

``media``
    a media word (state media, news agency, TV, Reuters, Interfax, newspaper names);
``anonymous``
    "sources", or an official/diplomat/aide/spokesman introduced by an indefinite
    or quantifier ("a senior official", "two officials", "officials who declined to
    be named") with no proper name;
``official``
    a title word as head, or a title with a name ("Foreign Minister Sergei Lavrov");
``institution``
    ministry, government, army, agency, party, UN ..., or a capital or country
    named for its government (metonymy: "Damascus denied", "Moscow says");
``collective``
    plural groups of people (residents, witnesses, rebels, medics) and
    coordinations ("medics, NGOs and the United Nations");
``person``
    a proper name, or "he"/"she";
``other``
    documents and data ("the report shows", "a poll found").

The lists are tuned for international and US political news; extend them per
study. References: anonymous-source conventions follow the AP Stylebook's
"anonymous sources" entry; metonymic capitals follow Markert & Nissim (2007),
SemEval metonymy resolution.

>>> source_kind(["A", "senior", "Turkish", "security", "official"],
...             ["DT", "JJ", "JJ", "NN", "NN"])
'anonymous'
>>> source_kind(["State", "media"], ["NNP", "NNS"]), source_kind(["Damascus"], ["NNP"])
('media', 'institution')
"""
from __future__ import annotations

from ._attribution_grammar import _PRONOUNS

SOURCE_KINDS = ("person", "official", "institution", "anonymous", "collective", "media",
                "other")
_MEDIA = frozenset({"media", "agency", "news", "newspaper", "paper", "tv", "television",
                    "radio", "channel", "broadcaster", "reuters", "ap", "afp", "interfax",
                    "tass", "ria", "xinhua", "sana", "bbc", "cnn", "fox", "msnbc", "nbc",
                    "abc", "cbs", "times", "post", "journal", "daily", "tribune", "gazette",
                    "magazine", "press", "website", "outlet", "reporter", "reporters",
                    "correspondent", "journalist", "journalists", "anchor", "politico",
                    "breitbart", "huffpost", "bloomberg", "al-jazeera", "jazeera", "ifax"})
_ANON_HEADS = frozenset({"source", "sources", "insider", "insiders"})
_ANON_PEOPLE = frozenset({"official", "officials", "diplomat", "diplomats", "aide", "aides",
                          "spokesman", "spokeswoman", "spokesperson", "person", "people",
                          "officer", "officers", "adviser", "advisers", "advisor",
                          "advisors", "member", "members", "staffer", "staffers",
                          "commander", "commanders", "minister", "ministers"})
#: Singular people nouns that, after "a"/"one"/"another", cite an unnamed person
#: ("a resident", "one doctor, who asked not to be named").
_UNNAMED_PERSON = frozenset({"doctor", "nurse", "medic", "resident", "witness", "activist",
                             "soldier", "fighter", "rebel", "villager", "survivor",
                             "teacher", "journalist", "lawyer", "worker", "man", "woman",
                             "mother", "father", "relative", "neighbour", "neighbor",
                             "volunteer", "rescuer", "farmer", "student", "refugee",
                             "driver", "shopkeeper", "voter", "supporter", "analyst",
                             "expert", "observer"})
_TITLES = frozenset({"minister", "president", "spokesman", "spokeswoman", "spokesperson",
                     "secretary", "governor", "senator", "sen.", "rep.", "gov.", "gen.",
                     "general", "commander", "ambassador", "chief", "head", "director",
                     "mayor", "official", "officials", "leader", "envoy", "premier",
                     "chancellor", "king", "prince", "emir", "sheikh", "colonel", "col.",
                     "lt.", "major", "captain", "capt.", "admiral", "chairman",
                     "chairwoman", "speaker", "representative", "congressman",
                     "congresswoman", "nominee", "candidate", "diplomat", "aide",
                     "adviser", "advisor", "deputy", "mr.", "mrs.", "ms.", "dr.", "prof.",
                     "judge", "prosecutor", "attorney", "sheriff", "officer", "lawmaker",
                     "lawmakers", "negotiator", "manager", "ceo", "founder", "pope",
                     "cleric", "imam", "mufti", "vice", "mp", "mps",
                     "secretary-general"})
_INSTITUTIONS = frozenset({"ministry", "government", "army", "agency", "military", "forces",
                           "police", "committee", "council", "court", "network", "group",
                           "groups", "organization", "organisation", "commission", "office",
                           "department", "party", "campaign", "administration", "nations",
                           "un", "u.n.", "kremlin", "pentagon", "house", "observatory",
                           "coalition", "alliance", "union", "nato", "ngo", "ngos",
                           "parliament", "congress", "senate", "cabinet", "authority",
                           "authorities", "regime", "state", "states", "company", "bank",
                           "fund", "institute", "center", "centre", "foundation", "board",
                           "bureau", "service", "services", "embassy", "mission", "team",
                           "movement", "front", "brigade", "brigades", "command",
                           "headquarters", "university", "church", "association", "fbi",
                           "cia", "who", "unicef", "unhcr", "icrc", "msf", "hrw", "gop",
                           "dnc", "rnc", "opposition", "republicans", "democrats",
                           "watch", "international", "crescent", "cross", "directorate",
                           "federation", "society", "tribunal", "agencies", "ministries",
                           "defence", "defense", "monitor"})
_METONYMS = frozenset(["moscow", "damascus", "ankara", "tehran", "washington", "beijing", "kiev", "kyiv", "london", "paris", "berlin", "jerusalem", "riyadh", "cairo", "baghdad", "beirut", "amman", "doha", "brussels", "tokyo", "seoul", "pyongyang", "delhi", "islamabad", "kabul", "russia", "syria", "turkey", "iran", "iraq", "israel", "china", "ukraine", "france", "germany", "britain", "america", "lebanon", "jordan", "egypt", "qatar", "japan", "india", "pakistan", "afghanistan", "europe", "saudi", "korea", "yemen", "libya"])
_COLLECTIVE = frozenset({"residents", "witnesses", "activists", "rescuers", "medics",
                         "rebels", "experts", "analysts", "people", "villagers", "doctors",
                         "protesters", "militants", "fighters", "civilians", "workers",
                         "observers", "monitors", "locals", "refugees", "survivors",
                         "voters", "critics", "supporters", "opponents", "insurgents",
                         "families", "parents", "students", "scientists", "economists",
                         "researchers", "investigators", "lawyers", "leaders", "troops",
                         "soldiers", "inhabitants", "citizens", "americans", "others",
                         "many", "some", "both", "all", "polls", "pollsters"})
_OTHER = frozenset({"report", "reports", "poll", "survey", "study", "data", "document",
                    "documents", "letter", "statement", "video", "footage", "records",
                    "analysis", "figures", "numbers", "evidence", "results", "memo",
                    "email", "emails", "tweet", "book", "article", "headline", "website",
                    "ad", "message", "research", "estimate", "estimates", "filing"})
_PERSON_SINGULAR = frozenset({"he", "she", "him", "her", "i", "me"})
_PLURAL_PRON = frozenset({"they", "them", "we", "us"})


def source_kind(words: list[str], tags: list[str]) -> str:
    """The kind of a source from its words and Penn tags (see the module docstring)."""
    low = [w.lower() for w in words]
    if not low:
        return "other"
    if len(low) == 1 and low[0] in _PRONOUNS:
        return "person" if low[0] in _PERSON_SINGULAR else "collective" \
            if low[0] in _PLURAL_PRON else "institution"
    content_words = [w for w, t in zip(low, tags) if t[:1] in ("N", "J", "C")]
    cw = set(content_words)
    # the head is the last noun of the first conjunct before a PP
    head = low[-1]
    for k, w in enumerate(low):
        if w in ("of", "for", "and", "or", ",", "who", "from", "at", "in", "on", "with",
                 "near", "inside") or (w in ("close", "familiar", "loyal", "linked") and k):
            head = low[k - 1] if k else w
            break
    else:
        nouns = [w for w, t in zip(low, tags) if t.startswith("NN")]
        head = nouns[-1] if nouns else head
    if head in _ANON_HEADS or (head in _ANON_PEOPLE | _UNNAMED_PERSON and low[0] in ("a", "an", "one", "two",
                                                                     "three", "several",
                                                                     "some", "other",
                                                                     "another", "senior",
                                                                     "western", "u.s.")):
        return "anonymous"
    # a possessor makes the person specific: "Iran's foreign minister", "the
    # group's spokesman" are officials, not anonymous sources
    if head in _ANON_PEOPLE and not any(t in ("NNP", "NNPS") and w not in _TITLES
                                        for w, t in zip(low, tags)
                                        if w not in _METONYMS) and low[0] not in ("the",) \
            and "POS" not in tags and not (tags and tags[0] == "PRP$"):
        return "anonymous"
    if head in _UNNAMED_PERSON or head.endswith("-old"):
        return "person"   # "the 30-year-old mother", "the 46-year-old"
    if cw & _MEDIA and not (cw & {"network"} and "rights" in cw):
        return "media"
    if head in _TITLES:
        return "official"
    if head in _INSTITUTIONS or head in _METONYMS:
        return "institution"    # "President Assad's government": the head decides
    if cw & _TITLES and any(t == "NNP" for t in tags):
        return "official"
    if cw & {"ministry", "government", "army", "kremlin"}:
        return "institution"
    if head in _OTHER:
        return "other"
    if head in _COLLECTIVE or (tags and tags[low.index(head)] == "NNS"
                               if head in low else False) or "and" in low:
        return "collective"
    # a name; the tagger often reads a sentence-initial one as a common noun
    # ("Putin/NN at a rally said"), so a capitalised singular noun counts too
    if any(t in ("NNP", "NNPS") or (t == "NN" and w[:1].isupper())
           for w, t in zip(words, tags)):
        return "person"
    return "other"
