"""Tests of the attribution extractor (toolkit.features.attribution)."""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from toolkit.actors import Codebook
from toolkit.errors import DocumentError
from toolkit.evaluate import shared_data_dir
from toolkit.features import attribution as A
from toolkit.text import process

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / \
    "000_477a7e3c0f523f6d.txt"


def rows_of(text: str, **kw) -> list[dict]:
    doc = process(text, doc_id="t")
    return [a.as_dict() for a in A.iter_attributions(doc, **kw)]


def summary(text: str) -> list[tuple]:
    return [(r["cue_text"], r["source_resolved"] or r["source_text"], r["content_text"],
             r["kind"]) for r in rows_of(text)]


@pytest.mark.parametrize("text, expected", [
    # preverbal subject, indirect
    ("Rescuers there said 60,000 people had fled.",
     [("said", "Rescuers", "60,000 people had fled", "indirect")]),
    # inverted cue after a direct quotation
    ('"The flow of cars is not stopping," said Abdullah Younis from the city.',
     [("said", "Abdullah Younis", "The flow of cars is not stopping", "direct")]),
    # addressee skipped, quote before the source
    ('"There were 15 raids," Abdul Rahman al Halabi told Reuters from the area.',
     [("told", "Abdul Rahman al Halabi", "There were 15 raids", "direct")]),
    # postposed cue with a coordinated source
    ("Thousands fled the city, residents, rights groups and opposition sources said.",
     [("said", "residents, rights groups and opposition sources", "Thousands fled the city",
       "indirect")]),
    # time phrase between source and cue
    ("State media on Tuesday said forces had seized a highway.",
     [("said", "State media", "forces had seized a highway", "indirect")]),
    # partial quotation inside a reported clause
    ('Experts say it is a "scorched earth strategy".',
     [("say", "Experts", 'it is a "scorched earth strategy"', "mixed")]),
    # according to, postposed
    ("Russia used mercenaries, according to Western intelligence sources.",
     [("according to", "Western intelligence sources", "Russia used mercenaries",
       "according_to")]),
    # according to, sentence-initial
    ("According to the ministry, 40 people died.",
     [("According to", "the ministry", "40 people died", "according_to")]),
    # parenthetical cue
    ("The town, he said, was taken.",
     [("said", "he", "The town was taken", "indirect")]),
    # relative pronoun source resolved to its antecedent
    ("Moscow and Damascus, who deny bombing hospitals, say they fight militants.",
     [("deny", "Moscow and Damascus", "bombing hospitals", "indirect"),
      ("say", "Moscow and Damascus", "they fight militants", "indirect")]),
    # colon and a direct quotation after the cue
    ('Graham said: "We will not lose."',
     [("said", "Graham", "We will not lose.", "direct")]),
    # participial cue takes the previous source
    ('Trump attacked Clinton, saying that she lied.',
     [("saying", "Trump", "she lied", "indirect")]),
    # stance verbs keep their class
    ("Rebels concede most of their fighters have fled.",
     [("concede", "Rebels", "most of their fighters have fled", "indirect")]),
    # coordinated verb phrase, subject with a relative clause, quantifier subject
    ('De Blasio called Trump a "blowhard," and said his remarks were priceless.',
     [("called", "De Blasio", 'Trump a "blowhard,"', "mixed"),
      ("said", "De Blasio", "his remarks were priceless", "indirect")]),
    # a reported intention in the subject's relative clause; its content ends before
    # the main verb (cue model 1.3 keeps "want" here, as PolNeAR often marks it)
    ("Hawkins and others who want to ban abortion said the ruling was stark.",
     [("want", "Hawkins and others", "to ban abortion", "indirect"),
      ("said", "Hawkins and others", "the ruling was stark", "indirect")]),
    ("Two in three said they would not vote.",
     [("said", "Two in three", "they would not vote", "indirect")]),
    # a parenthesis between source and cue; "has since said"
    ("Rep. Hank Johnson (D-Ga.) said the vote was close.",
     [("said", "Rep. Hank Johnson", "the vote was close", "indirect")]),
    ("She has since said that she attended for fun.",
     [("said", "She", "she attended for fun", "indirect")]),
    # a document does not speak: its releaser does
    ("Trump's campaign released a statement saying it was postponing a rally.",
     [("saying", "Trump's campaign", "it was postponing a rally", "indirect")]),
    # headline colon convention
    ("Paul Ryan: FBI decision defies explanation.",
     [(":", "Paul Ryan", "FBI decision defies explanation", "indirect")]),
    # a title with "of" inside the speaker label
    ("Secretary of State John Kerry: “We will not give up.”",
     [(":", "Secretary of State John Kerry", "We will not give up.", "direct")]),
    # a digest item: headline, dash, who said it, the quotation
    ("Pollsters agree - Carl Bialik: “One lesson was simple: keep calling voters.”",
     [(":", "Carl Bialik", "One lesson was simple: keep calling voters.", "direct")]),
    ("What that means for this year - More from Jones: “The map is a starting point.”",
     [(":", "Jones", "The map is a starting point.", "direct")]),
    # ... but with no quotation after the label the colon is not the cue
    ("Pollsters agree - Carl Bialik: the race is close.",
     [("agree", "Pollsters", "Carl Bialik: the race is close", "indirect")]),
    # PolNeAR-style attitude and evidential cues (lexicon 1.1)
    ("The campaign sought to portray her as a liar.",
     [("sought", "The campaign", "to portray her as a liar", "indirect")]),
    ("Christie appeared to end his bid.",
     [("appeared", "Christie", "to end his bid", "indirect")]),
    ("His criticism of the trade deal was harsh.",
     [("criticism", "His", "the trade deal", "indirect")]),
    # lexicon 1.3: denial and accusation nouns take their theme in an of-phrase
    ("Moscow repeated its denial of the strikes.",
     [("repeated", "Moscow", "its denial of the strikes", "indirect"),
      ("denial", "Moscow", "the strikes", "indirect")]),
    ("The UN issued a condemnation of the attack.",
     [("condemnation", "", "the attack", "indirect")]),
    ("In the latest Washington Post-ABC News poll, Clinton led Trump among young voters.",
     [("In", "the latest Washington Post-ABC News poll",
       "Clinton led Trump among young voters", "according_to")]),
    ("Clinton camp: Trump's rhetoric threatens national security.",
     [(":", "Clinton camp", "Trump's rhetoric threatens national security", "indirect")]),
    # attitude cues (lexicon attitude_cues 1.0, kept by the cue model)
    ("Trump was critical of the trade deal.",
     [("critical of", "Trump", "the trade deal", "indirect")]),
    ("Republicans raised questions about his taxes.",
     [("questions about", "Republicans", "his taxes", "indirect")]),
    ("Trump has a lead in the latest NBC News poll.",
     [("in", "the latest NBC News poll", "Trump has a lead", "according_to")]),
    ("Ferguson had 115 violent crimes, according to the most recent data from the FBI.",
     [("according to", "the most recent data from the FBI", "Ferguson had 115 violent crimes",
       "according_to")]),
    ("Cuccinelli reportedly reacted to the decision by leaving.",
     [("reportedly", "", "Cuccinelli reacted to the decision by leaving", "indirect")]),
    ("Bellwether County Says Trump Should Win GOP Nomination.",
     [("Says", "Bellwether County", "Trump Should Win GOP Nomination", "indirect")]),
    # a postposed report whose clause-final verb the tagger reads as a noun
    ("The company gave $5,000 to the PAC in 2014, campaign finance records show.",
     [("show", "campaign finance records", "The company gave $5,000 to the PAC in 2014",
       "indirect")]),
    ("The races are all close, a Quinnipiac University poll shows.",
     [("shows", "a Quinnipiac University poll", "The races are all close", "indirect")]),
    ("It was a great TV show.", []),
    ("The race is tight, people close to Clinton say.",
     [("say", "people close to Clinton", "The race is tight", "indirect")]),
    ("Ferguson had 115 violent crimes, according to press reports.",
     [("according to", "press reports", "Ferguson had 115 violent crimes", "according_to")]),
    # "that said," is the idiom only at the start of a clause
    ("The item was replaced by a message that said, \"Sorry, the item is gone.\"",
     [("said", "a message", "Sorry, the item is gone.", "direct")]),
    ("But that said, the plan works.", []),
    ("It is awkward to audition for vice president. Just ask former senator Evan Bayh.",
     []),
    ("Overall, 64 percent call him competent.",
     [("call", "64 percent", "him competent", "indirect")]),
    # the base form after a plural subject in a Title-Case headline
    ("New Polls Show Double-Digit Gaps in Republican Contest.",
     [("Show", "New Polls", "Double-Digit Gaps in Republican Contest", "indirect")]),
    ("Texas Voters Head To The Polls Today.", []),
    ("Zoe Saldana Asked Men Everywhere To Redefine Masculinity.",
     [("Asked", "Zoe Saldana", "Men Everywhere To Redefine Masculinity", "indirect")]),
    # physical acts in war reports are no attitudes, even with the cue model
    ("Jets attacked a hospital in Idlib.", []),
    ("Government forces defended the town.", []),
    # a first-person source outside quotations (columns, memoirs)
    ("I said it was over.", [("said", "I", "it was over", "indirect")]),
    # negatives: no attribution
    ("He does not believe the polls.", []),
    ("He did not respond to a request for comment.", []),
    ("The cost is lower than, say, Mr. Cruz's plan.", []),
    ("Officers showed up at her door.", []),
    ("Q: What about the wall?", []),
    ("Related article: Why a confrontation might be good news for Russia.", []),
    ("BOOM: The FBI just gave the campaign a new reason to worry.", []),
    ("PREVIOUSLY: The candidate is selling the painting.", []),
    ("Iowa: Tim Albrecht, Brad Anderson, Rob Barron, Jeff Boeyink.", []),
    ("Jets struck the town on Tuesday.", []),
    ("The convoy had not moved since the strike.", []),
    ("He did not say anything.", []),
    ('"I think we will win," she said.',
     [("said", "she", "I think we will win", "direct")]),
    # a reported desire: PolNeAR marks want + NP object in about a third of cases
    # (63 of 188 train candidates); cue model 1.3 keeps a lone one
    ("They want a new job.", [("want", "They", "a new job", "indirect")]),
    # a verb of physical action from the extra forms: not a cue without its
    # figurative particle (physical_verbs.csv)
    ("An army advance pushed further into the city, residents said.",
     [("said", "residents", "An army advance pushed further into the city",
       "indirect")]),
    ("Trump fired back at his critics.",
     [("fired", "Trump", "back at his critics", "indirect")]),
    ("The alleged attack killed ten.", []),
    # the prepositional object of an object-taking cue is its content, not an
    # adjunct to skip like "told reporters in Moscow"
    ("Clinton has accused Trump of using divisive rhetoric.",
     [("accused", "Clinton", "of using divisive rhetoric", "indirect")]),
    ("The army warned residents about the risk of new strikes.",
     [("warned", "The army", "about the risk of new strikes", "indirect")]),
    ("He told reporters in Moscow that the town had fallen.",
     [("told", "He", "the town had fallen", "indirect")]),
    # a name takes no locative post-modifier: the PP is the cue's adjunct; a common
    # noun keeps it; the "in a statement" frame is the cue's, not the source's
    ("Putin at a rally in Moscow said the operation would go on.",
     [("said", "Putin", "the operation would go on", "indirect")]),
    ("Officials in Damascus said the town had fallen.",
     [("said", "Officials in Damascus", "the town had fallen", "indirect")]),
    ("The minister in a statement said the strikes would continue.",
     [("in a statement said", "The minister", "the strikes would continue", "indirect")]),
    # "called/VBN" with no other finite verb is the main verb, not a reduced relative
    ("A group of rabbis called for a boycott of his speech.",
     [("called for", "A group of rabbis", "a boycott of his speech", "indirect")]),
    ("The posts established in the area were shelled.", []),
    # a non-restrictive modifier of a postposed source is not content
    ('"We are being slaughtered," said Abu Mohammed, a resident of eastern Aleppo.',
     [("said", "Abu Mohammed", "We are being slaughtered", "direct")]),
    ('"The town has fallen," said Ahmed al-Masri, 34, a teacher who fled on Monday.',
     [("said", "Ahmed al-Masri", "The town has fallen", "direct")]),
    ("The town, said the mayor, was taken by rebels.",
     [("said", "the mayor", "The town was taken by rebels", "indirect")]),
    # a quotation split by its cue is one attribution with two content spans
    ('"The town," said the mayor, "was taken by rebels."',
     [("said", "the mayor", "The town was taken by rebels.", "direct")]),
    ('"The town," the mayor said, "was taken by rebels."',
     [("said", "the mayor", "The town was taken by rebels.", "direct")]),
    # the cue's frame is not content; an "according to" norm is no source
    ("Hamas said in a statement that the rockets were a response.",
     [("said in a statement", "Hamas", "the rockets were a response", "indirect")]),
    ("In a televised address, Putin said the operation was going according to plan.",
     [("said", "Putin", "the operation was going according to plan", "indirect")]),
    ("The ministry blamed the explosion on a faulty gas cylinder.",
     [("blamed", "The ministry", "on a faulty gas cylinder", "indirect")]),
    # after a closed quotation, what follows the speaker's comma describes the speaker;
    # a quote-only sentence after it in the paragraph continues the same speaker
    ('"We have nothing left," she said, tears in her eyes. "Our house is gone."',
     [("said", "she", "We have nothing left Our house is gone.", "direct")]),
    # a closed quotation before "X said in ..." is the content, the PP its setting
    ('"It is over," Lavrov said in an interview on Monday.',
     [("said in an interview", "Lavrov", "It is over", "direct")]),
    # the source's next act is not part of what was said
    ("The minister said the warning was absurd, and accused Britain of lying.",
     [("said", "The minister", "the warning was absurd", "indirect"),
      ("accused", "The minister", "of lying", "indirect")]),
    # the conjunct of "and said" is the nearest finite verb, not a reduced relative
    ("President Obama met relatives of the 49 people killed on Thursday and said "
     "the country must act.",
     [("said", "President Obama", "the country must act", "indirect")]),
    # a closed quotation is the content when what follows the cue has no verb or
    # opens a subordinate clause
    ('"They bombed the market," a witness told the Guardian.',
     [("told", "a witness", "They bombed the market", "direct")]),
    ('"Never," he replied when asked about a ceasefire.',
     [("replied", "he", "Never", "direct")]),
    # "sources close to ..." is one source; an expletive "it" of a passive is none
    ("Sources close to the investigation say the pilot was not at fault.",
     [("say", "Sources close to the investigation", "the pilot was not at fault",
       "indirect")]),
    ("It is claimed that the rebels used chemical weapons.",
     [("claimed", "", "the rebels used chemical weapons", "indirect")]),
    # a report ends where another side's attribution begins, and before the main
    # verb's auxiliary after a relative clause
    ('Israel\'s army said it was "looking into" the reports, while Hamas accused it of '
     'deliberately targeting civilians.',
     [("said", "Israel's army", 'it was "looking into" the reports', "mixed"),
      ("accused", "Hamas", "of deliberately targeting civilians", "indirect")]),
    ("Turkey, which backs some rebel groups, has denied supplying them with weapons.",
     [("backs", "Turkey", "some rebel groups", "indirect"),
      ("denied", "Turkey", "supplying them with weapons", "indirect")]),
    # "as reported by X" is an evidential frame; a passive physical verb is an event
    ("As reported by the Associated Press, the convoy was attacked near the border.",
     [("reported", "the Associated Press", "the convoy was attacked near the border",
       "indirect")]),
    ("The convoy was attacked near the border, as reported by state media.",
     [("reported", "state media", "The convoy was attacked near the border", "indirect")]),
    ("The convoy was attacked by jets.", []),
    # a setting phrase between the cue and its that-clause is no content
    ("The ministry said on its Telegram channel that air defences had shot down 12 drones.",
     [("said", "The ministry", "air defences had shot down 12 drones", "indirect")]),
    ('Washington has called the allegations "baseless", but has not provided evidence.',
     [("called", "Washington", 'the allegations "baseless"', "mixed")]),
    # the appositive's subject opens the clause, not the NP inside the relative
    ("One resident, who gave only his first name, Ahmad, said fighters had entered.",
     [("said", "One resident", "fighters had entered", "indirect")]),
    # an age adjective heads a postposed source
    ('"He has been an amazing leader," said the 46-year-old.',
     [("said", "the 46-year-old", "He has been an amazing leader", "direct")]),
    # the according-to source keeps its post-modifier
    ("According to a study by economists at Yale, the recession cost jobs.",
     [("According to", "a study by economists at Yale", "the recession cost jobs",
       "according_to")]),
])
def test_sentences(text, expected):
    assert summary(text) == expected


def test_negated_speech_cue_is_kept_and_flagged():
    (r,) = rows_of("Carson did not mention any of his opponents by name.")
    assert (r["cue_text"], r["source_text"], r["content_text"]) == \
        ("mention", "Carson", "any of his opponents by name")
    assert "negated" in r["flags"]
    assert "negated" not in rows_of("Carson mentioned his opponents.")[0]["flags"]


def test_verb_classes_and_source_kinds():
    rows = rows_of("A senior Turkish security official said talks were under way. "
                   "The Interfax news agency reported that Lavrov acknowledged it. "
                   "Damascus denounced the attack as a crime.")
    got = [(r["cue_lemma"], r["verb_class"], r["source_kind"]) for r in rows]
    assert got == [("say", "neutral", "anonymous"), ("report", "neutral", "media"),
                   ("acknowledge", "endorsing", "person"),
                   ("denounce", "accusatory", "institution")]


@pytest.mark.parametrize("text, nested", [
    # a report inside a report: flagged, and still a row of its own
    ("The Interfax news agency reported that Lavrov acknowledged it.",
     {"reported": False, "acknowledged": True}),
    ("Officials said rebels claimed the town.", {"said": False, "claimed": True}),
    # a new clause after a comma or subordinator is no report inside the report
    ("Gowdy's office slammed the lawsuit, calling it meritless.",
     {"slammed": False, "calling": False}),
    # nothing nests in a direct quotation's cue, nor across sentences
    ('"We left," said Ali. Residents said they fled.', {"said": False}),
    # "according to" frames its whole clause, before or after it
    ("According to the Post, the judge said the case was over.",
     {"According to": False, "said": True}),
    ('"The case is over," the judge said, according to the Post.',
     {"according to": False, "said": True}),
    ("According to the survey, 51 percent said they would vote for her.",
     {"According to": False, "said": True}),
    ("According to officials, the town fell. The mayor said he would resign.",
     {"According to": False, "said": False}),
    # so does a poll's finding
    ("A Washington Post poll showed Clinton with the lowest approval rating of her "
     "career, with 56 percent of Americans saying they do not like her.",
     {"showed": False, "saying": True}),
])
def test_nested_attributions_are_flagged(text, nested):
    got = {r["cue_text"]: "nested" in r["flags"] for r in rows_of(text)}
    assert got == nested


def test_adjective_tagged_subject_is_the_source():
    # the tagger reads "general" after "The" as an adjective
    rows = rows_of("The general, who commands the northern front, said the offensive "
                   "would continue.")
    assert [(r["source_text"], r["source_kind"], r["content_text"]) for r in rows] == [
        ("The general", "official", "the offensive would continue")]


@pytest.mark.parametrize("text, content", [
    ("The ministry insisted that no civilians had been harmed, a claim rejected by rights "
     "groups.", "no civilians had been harmed"),
    ("Officials said 40 people died, a toll that could rise.", "40 people died"),
])
def test_report_ends_before_a_comment_on_it(text, content):
    assert rows_of(text)[0]["content_text"] == content


@pytest.mark.parametrize("text, content", [
    # non-restrictive relative clause: the report ends at its closing comma
    ("The ministry, which said the strike killed 12 people, gave no names.",
     "the strike killed 12 people"),
    ("The ministry, which denied the charges, gave no names.", "the charges"),
    ("The ministry, which said the strike, which hit a market, killed 12, gave no names.",
     "the strike, which hit a market, killed 12"),
    # restrictive: before the main verb that follows the reported clause's own verb
    ("Rebels who said they had taken the town were seen on Sunday.",
     "they had taken the town"),
    ("Officials who said the attack, which killed 12, was a mistake resigned.",
     "the attack, which killed 12, was a mistake"),
    ("Rebels who said they had taken the town and were moving on were seen.",
     "they had taken the town and were moving on"),
    ("Officials who declined to discuss the case were unavailable.", "to discuss the case"),
    # the antecedent is no subject: the report runs on
    ("It was the army that said the convoy had been hit by rebels.",
     "the convoy had been hit by rebels"),
])
def test_report_in_a_relative_clause_ends_at_the_main_verb(text, content):
    assert [r["content_text"] for r in rows_of(text)] == [content]


@pytest.mark.parametrize("text, source", [
    # subject control across an object or PP
    ("Mr. Khan has mounted a public campaign to condemn Mr. Trump for the proposal.",
     "Mr. Khan"),
    ("The panel is right to note that the tax is small.", "The panel"),
    ("Brandon Darby will come on the program to talk about the border.", "Brandon Darby"),
    # object control: the object speaks
    ("That would require Republicans in Washington to recognize that the threat is real.",
     "Republicans in Washington"),
    # a participle after a quotation's comma: the speaker of the sentence
    ('Trump insisted that he has "expanded the party," claiming that he is responsible.',
     "Trump"),
    # a participle's subject is the first finite verb's subject, even when the verb
    # is tagged VBN or follows an appositive; never the NP after the participle
    ("Clinton, clearly frustrated, responded by pointing at the woman, saying the rival "
     "campaign was wrong.", "Clinton"),
    ("The nurse later sued, claiming the quarantine violated her rights.", "The nurse"),
    # a document or its addressee before the participle: the one who issues it speaks
    ('His campaign sent out a text message to supporters saying: "We won."',
     "His campaign"),
    ("The KGB planted newspaper articles alleging that the U.S. had invented HIV.",
     "The KGB"),
    ("His office put out a statement saying the U.S. does not have the capacity.",
     "His office"),
    ("Asked about it, the mayor shrugged, saying nothing had changed.", "the mayor"),
    # the nearest main clause, not an embedded one or the first verb of the sentence
    ("Starr said Clinton's situation reminds him of the 1969 book, explaining that it "
     "was a tragedy.", "Starr"),
    ("Police charged the officer with murder and Emanuel fired his police chief, "
     "acknowledging that the city had a problem.", "Emanuel"),
    ("She escalated her criticism on Tuesday, telling CNN that Trump is a faker and "
     "questioning how he has gotten away with it.", "She"),
    # appositives after a party tag or ending in a quoted name; a scare-quoted subject
    ('Sen. Ted Cruz (R-Texas), also a GOP presidential hopeful, called the KKK '
     '"abhorrent".', "Sen. Ted Cruz (R-Texas)"),
    ("Noah Oppenheim, the NBC executive in charge of ''Today,'' reminded his staff "
     "about the rules.", "Noah Oppenheim"),
    ("Hundreds of the party's ''superdelegates'' have endorsed Mrs. Clinton.",
     "superdelegates"),
    # a name that closes the clause after the cue is the speaker, not the NP before
    # the comma; a day after the cue is not
    ("Voters would walk away from the program, said Steve Grubbs, an Iowa operative.",
     "Steve Grubbs"),
    ('"The veto will be overridden," Senate Majority Leader Mitch McConnell, R-Ky., said '
     'Tuesday.', "Senate Majority Leader Mitch McConnell"),
    # partitive relatives, relatives with no pronoun, a year PP, a name tagged DT
    ("He met relatives of victims, many of whom say the claims are false.",
     "many of whom"),
    ("All the experts I interviewed said her proposals were more detailed.",
     "All the experts"),
    ("The people we spoke to said the town had fallen.", "The people"),
    ("Another Pew study from 2011 noted that the average age rose.", "Another Pew study"),
    ("Kall -- co-editor of a book on the debates -- said the candidate tended to boast.",
     "Kall"),
    ('Bemoaning the "phony system," Trump accused Holt of being a Democrat.', "Trump"),
    # a comma right after a party tag; a sentence-initial name the tagger calls VBN;
    # a coordinated cue after a VBN-tagged first verb; a participle after an adverb
    ("Sen. Jack Reed (D-R.I.), said after lunch that he had not seen the plan.",
     "Sen. Jack Reed (D-R.I.)"),
    ('Husted continued by saying, "We will appeal this decision."', "Husted"),
    ("Brian Fallon, a spokesman for Mrs. Clinton, called on the senator to take back "
     "his words and said he had reached a new low.", "Brian Fallon"),
    ('"We will do well," he added, while also saying that he expects to win.', "he"),
    # a quotation inside an appositive; the name "Will"; an inverted speaker with a
    # post-modifier
    ("Mr. Manafort, citing ''the unique magic of Trump,'' said the candidate could win.",
     "Mr. Manafort"),
    ("Will described Trump as a caricature of democracy's malfunctions.", "Will"),
    ("He has been very worked up about it, said a source close to the campaign.",
     "a source"),
    # a capitalised "JJ" before a participle is a name
    ("They expressed optimism about working together - Ryan saying he was encouraged.",
     "Ryan"),
    # a coordinated cue after a VBN-tagged main verb that follows an appositive
    ("Priebus, who has been in daily contact with the campaign, arrived at a breakfast "
     "with no clear explanation and acknowledged that the campaign had erred.",
     "Priebus"),
    # a bare quantifier before an appositive relative clause
    ("Another, who asked not to be named, insisted that no soldiers had been there.",
     "Another"),
    # adjuncts between subject and verb; a PP after a plural subject
    ("Zucker, who in the past has voiced the desire to run for office, is here.", "who"),
    ("The State Department less than two weeks ago said that the emails were secret.",
     "The State Department"),
    ("Sanders delegates inside the convention hall have loudly booed the mention of "
     "Clinton.", "Sanders delegates inside the convention hall"),
    # a relative passive: the agent; an object-experiencer verb: the experiencer
    ("Gruenberg, who was nominated by President Barack Obama, said the bank was safe.",
     "Gruenberg"),
    ("Mrs. Clinton's position has angered some Democrats on the left.", "some Democrats"),
    # a quoted statement before the cue stays inverted
    ('"It goes a long way in New Hampshire," says David Paleologos.', "David Paleologos"),
    # a sentence-initial participle: the main clause's subject
    ("Recalling that moment, David Axelrod, who was chief strategist for Obama, said it "
     "was a shock.", "David Axelrod"),
])
def test_control_and_participial_sources(text, source):
    assert rows_of(text)[-1]["source_text"] == source


@pytest.mark.parametrize("text, source", [
    ("That was an expansion of Trump's by-now-familiar claims that Clinton is unfit.",
     "Trump"),
    ("GOP criticism of the deal grew.", "GOP"),
    ("During the debate, Cruz made an unprompted call for an end to sugar subsidies.",
     "Cruz"),
])
def test_nominal_cue_sources(text, source):
    assert rows_of(text)[0]["source_text"] == source


def test_verb_phrase_lists_share_the_subject():
    rows = rows_of("The candidate has mocked a disabled reporter, referred to immigrants "
                   "as rapists and called for a ban.")
    assert [(r["cue_text"], r["source_text"]) for r in rows] == [
        ("mocked", "The candidate"), ("referred to", "The candidate"),
        ("called for", "The candidate")]
    # an inverted speaker after the comma is not a list
    assert summary("The town fell, said the mayor.")[0][1] == "the mayor"
    assert summary("Even India has more resonance, says political scientist Dossym "
                   "Satpayev in Almaty.")[0][1] == "political scientist Dossym Satpayev"


def test_relative_passive_and_experiencer_contents():
    assert summary("The plan, which was criticised by the senator, failed.") == [
        ("criticised", "the senator", "The plan", "indirect")]
    # a reduced relative with its agent
    assert summary("The campaign, first reported by The Washington Post, is a key "
                   "element.") == [("reported", "The Washington Post", "The campaign",
                                    "indirect")]
    assert summary("His behavior has angered the party's top figures.") == [
        ("angered", "the party's top figures", "His behavior", "indirect")]
    # "worry" with a clause, "remind" with its speaker: no swap
    assert summary("Foreign observers worry it will set an example.")[0][1] == \
        "Foreign observers"
    assert summary("Ramos reminded viewers about his daughter's job.")[0][1] == "Ramos"


def test_initial_participle_report_ends_at_its_clause():
    assert summary("Citing security concerns, the ministry closed the border.") == [
        ("Citing", "the ministry", "security concerns", "indirect")]
    assert summary("After endorsing the plan, the minister's deputy resigned.") == [
        ("endorsing", "the minister's deputy", "the plan", "indirect")]


def test_report_ends_before_a_coordinated_verb_phrase():
    assert summary("Democrats picked Clinton as their candidate and worked to clear the "
                   "field.") == [("picked", "Democrats", "Clinton as their candidate",
                                  "indirect")]
    # coordination inside a reported clause stays
    assert summary("Officials said prices rose and fell.")[0][2] == "prices rose and fell"


@pytest.mark.parametrize("text, source", [
    ("Both said the plan failed.", "Both"),
    ("Each said the plan failed.", "Each"),
    ("Most have said the plan failed.", "Most"),
    ("Neither said the plan failed.", "Neither"),
    # a floating quantifier after its NP: the NP
    ("They all said the plan failed.", "They"),
    ("Bernie Sanders and Ted Cruz both said the plan failed.", "Bernie Sanders and Ted Cruz"),
    # the tagger's adjective at the end of a subject NP is its head
    ("One kind-hearted Canadian said the plan failed.", "One kind-hearted Canadian"),
    # a numeral keeps its modifier (was "4 in 10", "least 30 people")
    ("More than 4 in 10 said the plan failed.", "More than 4 in 10"),
    ("At least 30 people said the plan failed.", "At least 30 people"),
    ("Fewer than half said the plan failed.", "Fewer than half"),
    ("More than a dozen officials said the plan failed.", "More than a dozen officials"),
    # a partitive keeps its quantifier (was "the residents", "them")
    ("Some of the residents said the plan failed.", "Some of the residents"),
    ("Many of them said the plan failed.", "Many of them"),
])
def test_quantifier_and_adjective_headed_sources(text, source):
    assert [r["source_text"] for r in rows_of(text)] == [source]


@pytest.mark.parametrize("text, source", [
    ("Trump was criticized by many of his rivals.", "many of his rivals"),
    ("Trump has been criticized by some of his rivals for failing to speak out.",
     "some of his rivals"),
    # the agent after an adjunct of the passive verb
    ("The allegations were highlighted last year by his competitors.", "his competitors"),
    # not across a clause: the agent of "to act"
    ("He was criticized for failing to act by the mayor.", "He"),
    # a share "of those" with its reduced relative
    ("Clinton was supported by 42 percent of those responding.",
     "42 percent of those responding"),
])
def test_passive_agent_is_the_source(text, source):
    assert [r["source_text"] for r in rows_of(text)] == [source]


@pytest.mark.parametrize("text, content, kind", [
    # the subject of the passive is what was criticized or denied (PolNeAR's content)
    ("Trump was criticized by many of his rivals.", "Trump", "indirect"),
    ("The report was denied by the ministry.", "The report", "indirect"),
    # an adjunct after the agent joins it: "criticized by X for Y"
    ("Trump has been criticized by some of his rivals for failing to speak out.",
     "Trump for failing to speak out", "indirect"),
    # a non-restrictive relative after the agent is the agent's, not the content
    ("The decision was praised by activists, who called it overdue.", "The decision",
     "indirect"),
    ("The decision was praised by activists who called it overdue.", "The decision",
     "indirect"),
    # a clausal complement after the agent is the content on its own
    ("He was told by officials that the town had fallen.", "the town had fallen",
     "indirect"),
    ("Rubio was asked by the moderator whether his plan would cost too much.",
     "whether his plan would cost too much", "indirect"),
    ('Sanders was asked by host Bill Maher, "Did you say that?"', "Did you say that?",
     "direct"),
    # only a reason, characterization or topic joins; a modifier of the agent or the
    # setting does not
    ("The remarks were interpreted by critics as a threat.", "The remarks as a threat",
     "indirect"),
    ("She was endorsed by dozens of papers ranging from the Times to the Post.", "She",
     "indirect"),
    ("It was declared by President Nixon in the 1970s.", "It", "indirect"),
])
def test_passive_report_content_is_its_patient(text, content, kind):
    row = rows_of(text)[0]
    assert (row["content_text"], row["kind"]) == (content, kind)
    assert "parenthetical" not in row["flags"]


def test_a_poll_share_after_a_comma_is_a_report_of_its_own():
    # "said" after a numeral is the verb, not a participle before a noun ("her five
    # proposed bills"); the first report ends where the second begins
    rows = rows_of("About 7 in 10 said the economy was bad, and more than 4 in 10 said "
                   "billionaire Donald Trump would be best at handling it.")
    assert [(r["cue_text"], r["source_text"], r["content_text"]) for r in rows] == [
        ("said", "About 7 in 10", "the economy was bad"),
        ("said", "more than 4 in 10", "billionaire Donald Trump would be best at handling it")]


@pytest.mark.parametrize("text, source", [
    ("Residents who fled said the town had fallen.", "Residents"),
    ("Doctors who treated the wounded said 40 people died.", "Doctors"),
    ("Those who stayed behind said the shelling went on.", "Those"),
    ("Many who stayed told AFP the shelling went on all night.", "Many"),
    ("The state officials whose laws have been invalidated say the change has come.",
     "The state officials"),
    ("Another Muslim who worshiped at the center and who did not want to be named said "
     "he heard the talk.", "Another Muslim"),
    ("By 58%-33%, those surveyed said the funding should stay.", "those surveyed"),
    ("Voters are generally more likely to say the policies are too liberal.", "Voters"),
    # the tagger's VBG: a capitalised name before a verb, a possessed gerund
    ('Schilling told WEEI: "I replied to the post."', "Schilling"),
    ("People familiar with her thinking say she now acknowledges the problem.",
     "People familiar with her thinking"),
])
def test_source_before_a_relative_clause_that_ends_on_its_verb(text, source):
    assert [r["source_text"] for r in rows_of(text)
            if r["cue_text"] in ("said", "say", "told")][0] == source


@pytest.mark.parametrize("text", [
    "It goes without saying that raising taxes is unpopular.",
    "Needless to say, the talks failed.",
    "It is fair to say the war is lost.",
    "The same could not be said for the protesters.",
    "Much the same can be said of the other candidates.",
])
def test_say_idioms_report_no_speech(text):
    assert rows_of(text) == []


@pytest.mark.parametrize("text, source, content", [
    # the quotative inversion at the start of a sentence, which the tagger reads as
    # a name ("Said/NNP"); after a relative clause on the speaker, the quotation
    ('Said Comey, "The thought is very painful."', "Comey", "The thought is very painful."),
    ('Said Ellis: "I do not get the sense she is worried."', "Ellis",
     "I do not get the sense she is worried."),
    ('Said Dorothy Poynter, who grew up with Ali, "We were all so proud of him."',
     "Dorothy Poynter", "We were all so proud of him."),
])
def test_sentence_initial_inverted_cue(text, source, content):
    assert summary(text) == [("Said", source, content, "direct")]


def test_headline_verb_without_subject_has_no_inverted_source():
    # "Says X would ...": X is the subject of the reported clause, not the speaker
    rows = rows_of("Says Clinton would stack Supreme Court against gun advocates.")
    assert [(r["source_text"], r["content_text"]) for r in rows] == [
        ("", "Clinton would stack Supreme Court against gun advocates")]


def test_evaluate_leaves_nested_rows_out_on_univocal_gold():
    from toolkit.evaluate import attribution as ev

    text = "The agency reported that Lavrov acknowledged it."
    doc = {"doc_id": "n", "text": text, "title": "",
           "gold": [{"segment": "body", "cue": [(11, 19)], "source": [(0, 10)],
                     "content": [(20, 47)]}]}
    skip = ev.evaluate([doc], skip_nested=True)
    assert (skip["cue"]["tp"], skip["cue"]["fp"], skip["nested"]["rows"]) == (1, 0, 1)
    assert (skip["cue_all_rows"]["tp"], skip["cue_all_rows"]["fp"]) == (1, 1)
    score = ev.evaluate([doc])
    assert score["cue"] == score["cue_all_rows"] and score["cue"]["fp"] == 1
    # one document: every resample is that document, so the interval is its F1
    assert skip["cue_f1_interval"]["low"] == skip["cue_f1_interval"]["high"] == 1.0
    assert score["cue_f1_interval"]["low"] == score["cue_f1_interval"]["high"] == 0.6667


def test_evaluate_interval_resamples_documents():
    from toolkit.evaluate import attribution as ev

    hit = {"doc_id": "a", "text": "Lavrov said it.", "title": "",
           "gold": [{"segment": "body", "cue": [(7, 11)], "source": [(0, 6)], "content": []}]}
    miss = {"doc_id": "b", "text": "Lavrov smiled.", "title": "",
            "gold": [{"segment": "body", "cue": [(7, 13)], "source": [(0, 6)], "content": []}]}
    res = ev.evaluate([hit, miss])
    # F1 is 1.0 when only the first document is drawn, 0.0 when only the second
    assert res["cue"]["f1"] == 0.6667
    assert (res["cue_f1_interval"]["low"], res["cue_f1_interval"]["high"]) == (0.0, 1.0)
    assert ev.evaluate([hit, miss])["cue_f1_interval"] == res["cue_f1_interval"]
    assert "cue F1 95% interval, documents resampled 1000 times (seed 0): 0.000-1.000" in \
        ev.format_table(res, "two")


def test_eval_nested_option(capsys):
    from toolkit.evaluate import attribution as ev

    # demo gold marks nested attributions: scored by default, left out on request
    assert ev.run(argparse.Namespace(data="demo", limit=3, json=False, nested="auto")) == 0
    assert "cue, all rows" not in capsys.readouterr().out
    assert ev.run(argparse.Namespace(data="demo", limit=3, json=False, nested="skip")) == 0
    out = capsys.readouterr().out
    assert "cue, all rows" in out and "flagged nested" in out


def test_pronoun_resolution_and_flags():
    rows = rows_of("Damascus denounced what it said was a Turkish attempt to save rebels.")
    said = next(r for r in rows if r["cue_text"] == "said")
    assert said["source_text"] == "it" and said["source_resolved"] == "Damascus"
    assert "pronoun_resolved" in said["flags"]


def test_no_comment_is_a_row_without_content():
    rows = rows_of('"It is over," he said. A spokeswoman for the ministry declined to comment.')
    nc = rows[-1]
    assert nc["cue_text"] == "declined to comment" and not nc["content"]
    assert nc["source_text"] == "A spokeswoman for the ministry" and "no_comment" in nc["flags"]
    # the quotation before it stays his, not hers
    assert rows[0]["cue_text"] == "said" and rows[0]["content_text"] == "It is over"


def test_possessive_source_resolves_like_its_pronoun():
    rows = rows_of("Moscow repeated its denial of the strikes.")
    denial = next(r for r in rows if r["cue_text"] == "denial")
    assert denial["source_text"] == "its" and denial["source_resolved"] == "Moscow"
    assert "pronoun_resolved" in denial["flags"]


@pytest.mark.parametrize("text, expected", [
    # the nearest person source is of the other gender: no guess
    ('Mrs. Clinton said the plan works. "It fails," he said.', None),
    ('A spokeswoman said the plan works. "It fails," he said.', None),
    ('Mr. Trump said the plan works. "It fails," she said.', None),
    ('Mrs. Clinton said the plan works. "It fails," she said.', "Mrs. Clinton"),
    ('Mr. Trump said the plan works. "It fails," he said.', "Mr. Trump"),
    # a surname is no gender word
    ('Billie Jean King said the match mattered. "It was fun," she said.',
     "Billie Jean King"),
])
def test_pronoun_gender_agreement(text, expected):
    rows = rows_of(text)
    last = rows[-1]
    assert last["source_text"] in ("he", "she")
    assert last["source_resolved"] == expected
    assert ("pronoun_resolved" if expected else "pronoun_unresolved") in last["flags"]


def test_multi_paragraph_quote_is_one_attribution():
    text = ('"We stayed for weeks.\n\n"Then the raids began," said Younis.')
    rows = rows_of(text)
    assert len(rows) == 1
    r = rows[0]
    assert r["kind"] == "direct" and r["source_text"] == "Younis"
    assert r["content_text"].startswith("We stayed") and r["content_text"].endswith("began")
    assert "multi_sentence" in r["flags"]


def test_floating_quote_paragraph():
    text = ("The mayor said the city would hold.\n\n"
            "\u201cWe have food for a month. Nobody will leave.\u201d")
    rows = rows_of(text)
    assert [r["kind"] for r in rows] == ["indirect", "direct"]
    assert rows[1]["source_text"] == "The mayor" and "floating" in rows[1]["flags"]
    assert rows[1]["cue"] == []


def test_dash_bylines_sign_the_quotation_before_them():
    text = ("\u201cHe embodies a legacy of racism.\u201d \u2015 Sonya Herridge\n"
            "\u201cI am so ashamed.\u201d\u00a0\u2015 Jacklyn Ashley\u00a0\n\n"
            '"I will look into it."\n\n- Hillary Clinton.')
    rows = rows_of(text)
    assert [(r["cue_text"], r["source_text"], r["content_text"], r["kind"]) for r in rows] == [
        ("\u2015", "Sonya Herridge", "He embodies a legacy of racism.", "direct"),
        ("\u2015", "Jacklyn Ashley", "I am so ashamed.", "direct"),
        ("-", "Hillary Clinton", "I will look into it.", "direct")]
    assert all("byline" in r["flags"] and r["source_kind"] == "person" for r in rows)
    # a dash that goes on as a sentence is not a byline
    assert not [r for r in rows_of('Mitt Romney -- "It is disqualifying" -- and Fred '
                                   'Goldberg agreed.') if "byline" in r["flags"]]


def test_tweet_signature_is_the_tweeters_statement():
    rows = rows_of("No one should be above the law. pic.twitter.com/Oq \u2014 Paul Ryan "
                   "(@SpeakerRyan) July 5, 2016")
    r = next(r for r in rows if "tweet" in r["flags"])
    assert (r["cue_text"], r["source_text"]) == ("\u2014", "Paul Ryan")
    assert r["content_text"].startswith("No one should be above the law.")


def test_transcript_turn_inside_a_quotation_and_party_tag():
    r = rows_of('"PENCE: Well, look, she thinks this is an episode of a show.')[0]
    assert (r["cue_text"], r["source_text"]) == (":", "PENCE")
    assert r["content_text"].startswith("Well, look")
    r = rows_of('Rep. Trey Gowdy (R-S.C.):"I have not heard anyone cite that figure."')[0]
    assert (r["cue_text"], r["source_head"]) == (":", "Gowdy")
    assert r["content_text"] == "I have not heard anyone cite that figure."


def test_transcript_turn_inside_a_quotation_ends_with_the_quotation():
    # the cue after the closing mark is the tweeter's, not part of Trump's turn
    rows = rows_of('"Trump: You base your statements on photoshopped pics? I bailed you out '
                   'twice." tweeted Prince Alwaleed, a real estate investor, on Thursday.')
    turn, tweet = rows
    assert (turn["cue_text"], turn["source_text"]) == (":", "Trump")
    assert turn["content_text"].endswith("I bailed you out twice.")
    assert (tweet["cue_text"], tweet["source_text"]) == ("tweeted", "Prince Alwaleed")


@pytest.mark.parametrize("title, source, content", [
    ("Clinton to Planned Parenthood: Trump will reverse Roe v. Wade.", "Clinton",
     "Trump will reverse Roe v. Wade"),
    ("Former AG Mukasey at RNC: Clinton email scandal disqualifies her.", "Former AG Mukasey",
     "Clinton email scandal disqualifies her"),
    ("EXCLUSIVE \u2013 Roger Stone: Don\u2019t Trust the Voting Machines.", "Roger Stone",
     "Don\u2019t Trust the Voting Machines"),
])
def test_headline_speaker_with_topic_addressee_or_rubric(title, source, content):
    r = rows_of(title + "\n\nText follows.")[0]
    assert (r["cue_text"], r["source_text"], r["content_text"]) == (":", source, content)


@pytest.mark.parametrize("text, source, content, flags", [
    ("As Trump put it, the system is rigged.", "Trump", "the system is rigged", set()),
    ("The system is rigged, as one voter put it.", "one voter", "The system is rigged",
     {"postposed"}),
    ("The system, as one voter said, is rigged.", "one voter", "The system is rigged",
     {"parenthetical"}),
])
def test_comment_clause_as_is_not_content(text, source, content, flags):
    r = rows_of(text)[0]
    assert (r["source_text"], r["content_text"]) == (source, content)
    assert {"as_clause"} | flags <= set(r["flags"])


def test_put_it_reports_speech_only_in_a_comment_clause():
    assert rows_of("He put it on the table.") == []


def test_block_quotation_after_a_colon_paragraph():
    text = ("Limbaugh spoke on the radio.\n\nLimbaugh added:\n\n"
            "And from a front-runner, this reeks of fear. She cannot win.\n\nMore text.")
    r = next(r for r in rows_of(text) if r["cue_text"] == "added")
    assert r["source_text"] == "Limbaugh" and r["kind"] == "direct"
    assert r["content_text"] == "And from a front-runner, this reeks of fear. She cannot win."
    assert "block_quote" in r["flags"]


def test_unbalanced_quote_flagged_not_crashing():
    rows = rows_of('He said, "we will never leave this place')
    assert rows and "unbalanced_quotes" in rows[0]["flags"]


def test_offsets_reproduce_every_span():
    text = SEED.read_text() if SEED.exists() else (
        '"It is over," said Ali. Residents said jets struck, according to AP.')
    doc = process(text, doc_id="s", title="Rebels deny losses, says minister")
    table = A.extract([doc])
    assert list(table.columns) == list(A.COLUMNS)
    for r in table.to_dict("records"):
        src = doc.title if r["segment"] == "title" else doc.text
        for col in ("cue", "source", "content"):
            assert r[col + "_text"] == " ".join(src[s:e] for s, e in r[col])
    assert (table["segment"] == "title").any()


def test_empty_and_bad_input():
    assert A.extract([process("", doc_id="e")]).columns.tolist() == list(A.COLUMNS)
    assert A.extract([process("   \n\n  ", doc_id="e")]).empty
    long_para = " ".join(["The army said the town fell, and rebels said it held."] * 300)
    assert len(A.extract([process(long_para, doc_id="l")])) == 600
    with pytest.raises(DocumentError):
        list(A.iter_attributions("not a doc"))


def test_pure_and_no_mutation():
    doc = process('"It is over," said Ali. Rebels said they fled.', doc_id="p")
    before = repr(doc)
    a = A.extract([doc])
    b = A.extract([doc])
    assert a.equals(b) and repr(doc) == before


def test_codebook_actor_and_json_rows():
    cb = Codebook.from_dict({"actors": {"Syrian government": {"aliases": ["Damascus"]}}})
    doc = process("Damascus denounced what it said was an attack.", doc_id="j")
    rows = list(A.json_rows(doc, codebook=cb))
    assert [r["actor"] for r in rows] == ["Syrian government", "Syrian government"]
    assert "doc_id" not in rows[0] and isinstance(rows[0]["flags"], list)


def test_article_measures_and_unresolved():
    doc = process("Rebels said they fled. Damascus denied it. Residents said jets came.",
                  doc_id="m")
    cb = Codebook.from_dict({"actors": {"Syrian government": {"aliases": ["Damascus"]}}})
    t = A.extract([doc], codebook=cb)
    m = A.article_measures(t)
    assert m.loc[0, "attribution_n"] == 3
    assert m.loc[0, "attribution_voice_Syrian government"] == pytest.approx(1 / 3)
    assert m.loc[0, "attribution_class_denial_share"] == pytest.approx(1 / 3)
    u = A.unresolved_sources(t)
    assert u["text"].tolist() == ["Rebels", "Residents"]


SEED_EXPECTED = [
    ("said", "residents, rights groups and opposition sources"),
    ("said", "Abdullah Younis"),
    ("said", "Rescuers"),
    ("said", "residents"),
    ("told", "Abdul Rahman al Halabi"),
    ("concede", "Rebels"),
    ("said", "State media"),
    # an attitude cue from the cue model's extra forms (PolNeAR marks support/backing)
    ("backed", "Russia"),
    ("say", "Western experts"),
    ("acknowledged", "Foreign Minister Sergei Lavrov"),
    ("quoted as saying", "the Interfax news agency"),
    ("downplayed", "Russia"),
    ("according to", "Western intelligence sources"),
    ("denounced", "Damascus"),
    ("said", "Damascus"),          # "what it said was", it -> Damascus
    ("said", "A senior Turkish security official"),
    ("said", "Rebels"),
    ("said", "Rebels"),            # "what they said was", they -> Rebels
    ("say", "Syrian military experts and rebels"),
    ("say", "medics, NGOs and the United Nations"),
    ("said", "The Syrian Network for Human Rights"),
    ("deny", "Moscow and Damascus"),
    ("say", "Moscow and Damascus"),
]


@pytest.mark.skipif(not SEED.exists(), reason="seed article not present")
def test_seed_article_every_attribution():
    doc = process(SEED.read_text(), doc_id="seed")
    rows = [a for a in A.iter_attributions(doc)]
    got = [(a.cue_text, a.source_resolved or a.source_text) for a in rows]
    assert got == SEED_EXPECTED
    kinds = {a.cue_text + "/" + (a.source_resolved or a.source_text): a.kind for a in rows}
    assert kinds["said/Abdullah Younis"] == "direct"
    assert kinds["say/Western experts"] == "mixed"
    assert kinds["according to/Western intelligence sources"] == "according_to"
    classes = {a.cue_lemma: a.verb_class for a in rows}
    assert classes["concede"] == "concessive" and classes["deny"] == "denial"
    assert classes["denounce"] == "accusatory" and classes["acknowledge"] == "endorsing"
    src_kinds = {a.source_text: a.source_kind for a in rows}
    assert src_kinds["State media"] == "media"
    assert src_kinds["Western intelligence sources"] == "anonymous"
    assert src_kinds["A senior Turkish security official"] == "anonymous"
    assert src_kinds["Foreign Minister Sergei Lavrov"] == "official"
    assert src_kinds["Rescuers"] == "collective"


POLNEAR = shared_data_dir() / "polnear" / "polnear-dev.jsonl.gz"


@pytest.mark.skipif(not POLNEAR.exists(), reason="PolNeAR data not present")
def test_polnear_smoke():
    from toolkit.evaluate import attribution as ev

    res = ev.evaluate(ev.load("polnear-dev", limit=8))
    assert res["documents"] == 8
    assert res["cue"]["f1"] >= 0.6
    ci = res["cue_f1_interval"]
    assert ci["low"] < res["cue"]["f1"] < ci["high"] and ci["high"] - ci["low"] < 0.2
    assert res["source"]["accuracy"] >= 0.8
    assert res["content"]["f1"] >= 0.6


@pytest.mark.skipif(not (POLNEAR.parent / "dev" / "text").is_dir(), reason="PolNeAR release not present")
def test_polnear_brat_folder_gives_the_normalised_gold():
    """The brat reader (for a split shipped only as the release layout, e.g. test)
    gives the same texts and relations as the normalised dev file."""
    from toolkit.evaluate import attribution as ev

    norm = {d["doc_id"]: d for d in ev.read_polnear("dev")}
    brat = {d["doc_id"]: d for d in ev.load(str(POLNEAR.parent / "dev"))}
    assert set(norm) == set(brat) and len(brat) == 84

    def rels(d):
        return sorted((tuple(r["cue"]), tuple(r["source"]), tuple(sorted(r["content"])))
                      for r in d["gold"])
    for k, d in norm.items():
        assert brat[k]["text"] == d["text"]
        assert rels(brat[k]) == rels(d)


def test_polnear_brat_roles_and_discontinuous_spans(tmp_path):
    from toolkit.evaluate import attribution as ev

    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a_b.txt").write_text("He said no,\r\nnot now.", encoding="utf-8")
    (tmp_path / "attributions" / "a_b_x1.ann").write_text(
        "T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\nT3\tContent 8 10;12 15\tno not\n"
        "T9\tCue 16 19\tnow\nE1\tAttribution:T2 Cue:T2 Source:T1 Content:T3\n", encoding="utf-8")
    (tmp_path / "attributions" / "a_b_y2.ann").write_text("", encoding="utf-8")
    docs = list(ev.load(str(tmp_path)))
    assert docs[0]["doc_id"] == "a_b" and docs[0]["text"].startswith("He said no,\r\n")
    assert docs[0]["gold"] == [{"segment": "body", "cue": [(3, 7)], "source": [(0, 2)],
                                "content": [(8, 10), (12, 15)]}]   # first annotator; T9 unlinked
    assert docs[0]["others"] == {"y2": []}   # the second annotator, for --agreement


@pytest.mark.skipif(not POLNEAR.exists(), reason="PolNeAR data not present")
def test_annotator_agreement_on_dev(capsys):
    from toolkit.evaluate import attribution as ev

    res = ev.agreement(ev.load("polnear-dev"))
    # 2 dev articles have files from 6 annotators: 10 others against the primary
    assert res["documents"] == 2 and res["annotator_pairs"] == 10
    assert (res["human"]["cue"]["tp"], res["human"]["cue"]["fp"],
            res["human"]["cue"]["fn"]) == (119, 8, 21)
    assert res["human"]["cue"]["f1"] == 0.8914
    assert 0.6 < res["extractor"]["cue"]["f1"] < res["human"]["cue"]["f1"]
    args = argparse.Namespace(data="polnear-dev", limit=None, json=False, agreement=True)
    assert ev.run(args) == 0
    out = capsys.readouterr().out
    assert "other annotators" in out and "this extractor" in out


def test_agreement_needs_several_annotators(capsys):
    from toolkit.evaluate import attribution as ev

    args = argparse.Namespace(data="demo", limit=None, json=False, agreement=True)
    assert ev.run(args) == 1
    assert "several annotators" in capsys.readouterr().out


def test_eval_unknown_data_is_a_clear_error(capsys):
    from toolkit.evaluate import attribution as ev

    assert ev.run(argparse.Namespace(data="polnear-nosuchsplit", limit=None, json=False)) == 2
    assert "polnear-nosuchsplit" in capsys.readouterr().out


def test_eval_demo_runs(capsys):
    from toolkit.evaluate import attribution as ev

    code = ev.run(argparse.Namespace(data="demo", limit=None, json=False))
    out = capsys.readouterr().out
    assert code in (0, 1)
    if code == 0:
        assert "cue" in out and "source accuracy" in out


@pytest.mark.parametrize("text", [
    "\u201cWe left,\u201d\u00a0said\u00a0Ali.\r\n\r\n\u201cIt burned,\u201d he said.",
    '"""',
    "said said said, according to according to.",
    "\u201c\u201c\u201d\u201d she said \u201c",
    "According to.",
    ": : :",
    "He said, " + ", ".join(["the ministry said"] * 200) + ".",
    "'' '' ''He said,'' '' he said.",
    "Q: A: Ali: .",
])
def test_odd_input_never_crashes_and_offsets_hold(text):
    doc = process(text, doc_id="odd")
    table = A.extract([doc])
    for r in table.to_dict("records"):
        for col in ("cue", "source", "content"):
            assert r[col + "_text"] == " ".join(doc.text[s:e] for s, e in r[col])
            assert all(0 <= s <= e <= len(doc.text) for s, e in r[col])


# --------------------------------------------------------------------------- cue model


def test_cue_model_is_plain_json_data():
    from toolkit.features import _cue_model as M

    m = M.load_model()
    assert m is not None and m["trained_on"] == "polnear-train"
    assert len(m["vocabulary"]) == len(m["coef"]) > 1000
    assert 0.0 < m["threshold"] < 1.0
    assert m["extra"]["supports/V"] == "support" and m["extra"]["backed/V"] == "back"
    assert round(M.probability({"weights": {"a": 1.0}, "bias": 0.0}, ["a", "a"]), 4) == 0.7311


def test_cue_model_extra_form_and_filter():
    # "backed" is no lexicon form: the model's extra forms make it a candidate,
    # and the model keeps it (probability above the threshold)
    text = "Russia has backed the campaign, making thousands of raids."
    assert summary(text) == [
        ("backed", "Russia", "the campaign, making thousands of raids", "indirect")]
    # "has" is an extra form too, but the model drops it
    assert summary("Russia has had the campaign, making thousands of raids.") == []
    # a custom lexicon turns the model off: lexicon rules only
    from toolkit.lexicons import load_lexicon
    doc = process(text, doc_id="t")
    assert list(A.iter_attributions(doc, lexicon=load_lexicon("reporting_verbs"))) == []


def test_cue_model_missing_file_falls_back(tmp_path):
    from toolkit.features import _cue_model as M

    assert M.load_model(tmp_path / "absent.json") is None



def test_soft_gates_feed_the_model_but_not_the_rules():
    # a modal cue is dropped by the rules alone; with the cue model (soft=True)
    # the relation is built, flagged "modal", and left to the model to score
    from toolkit.features import _cue_model as M
    from toolkit.features._attribution_grammar import _View
    from toolkit.features.cues import find_cues

    doc = process("Officials would say the town fell.", doc_id="g")
    sent = doc.sentences[0]
    (cue,) = find_cues(doc, sent)
    v = _View(sent, doc.text)
    assert A._attr_from_cue(v, cue, [], [], 0) is None
    row = A._attr_from_cue(v, cue, [], [], 0, soft=True)
    assert row is not None and "modal" in row.flags and "modal" in M.SOFT_GATES
    assert doc.text[slice(*row.content[0])] == "the town fell"
    feats = M.features(v, cue, row, [], False)
    assert "fl=modal" in feats and "lem&fl=say&modal" in feats


@pytest.mark.parametrize("text, shape", [
    ("He said that it fell.", "that"),
    ("He wants to run.", "inf"),
    ("He thinks Clinton will win.", "clause"),
    ("He backed Clinton.", "np"),
    ("He spoke about taxes.", "pp"),
    ("He said.", "punct"),
])
def test_cue_model_complement_shape(text, shape):
    from toolkit.features import _cue_model as M
    from toolkit.features._attribution_grammar import _View
    from toolkit.features.cues import Cue

    doc = process(text, doc_id="c")
    sent = doc.sentences[0]
    t = sent.tokens[1]
    cue = Cue(((t.start, t.end),), "x", "neutral", "verb", 1)
    assert M._complement(_View(sent, doc.text), cue) == shape


def test_quote_continuation_in_the_paragraph():
    doc = process('"It is over," said Lavrov. "The talks failed. We will go on."\n\n'
                  '"Nothing," said Ali. The town fell.', doc_id="c")
    rows = [(a.cue_text, a.source_text, a.content_text, a.sentence, sorted(a.flags))
            for a in A.iter_attributions(doc)]
    assert rows[0] == ("said", "Lavrov", "It is over The talks failed. We will go on.", 0,
                       ["continued", "inverted", "multi_sentence", "postposed"])
    # "The town fell." is no quotation: nothing continues Ali
    assert [r[:3] for r in rows[1:]] == [("said", "Ali", "Nothing")]
