"""Reported speech without marks: indirect and mixed quotes (quotes/indirect.py)."""
import pytest

from conftest import check_span, find


def reported(ex, text):
    r = ex(text)
    return r, [q for q in r.quotes if q.kind in ("indirect", "mixed")]


def only_reported(ex, text):
    r, qs = reported(ex, text)
    assert len(qs) == 1, [(q.kind, q.text) for q in r.quotes]
    return r, qs[0]


def check(text, q, clause, speaker, cue, kind="indirect"):
    assert q.kind == kind
    check_span(text, q, clause)
    assert q.speaker is not None and (q.speaker.text, q.speaker.start) == (speaker, text.index(speaker))
    assert q.cue is not None and (q.cue.text, (q.cue.start, q.cue.end)) == (cue, find(text, cue))
    assert q.outer is None


@pytest.mark.parametrize("text", [
    "Maria Lopez said that the port would reopen next week.",
    "Maria Lopez said the port would reopen next week.",
], ids=["said-that", "said-bare"])
def test_said_clause(ex, text):
    r, q = only_reported(ex, text)
    check(text, q, "the port would reopen next week", "Maria Lopez", "said")
    assert r.entity(q.entity).name == "Maria Lopez"


def test_said_on_a_day_that(ex):
    text = "Maria Lopez said on Tuesday that the port would reopen next week."
    r, q = only_reported(ex, text)
    check(text, q, "the port would reopen next week", "Maria Lopez", "said")


def test_told_a_named_hearer(ex):
    text = "Maria Lopez told Hugh Hill that the port would reopen next week."
    r, q = only_reported(ex, text)
    check(text, q, "the port would reopen next week", "Maria Lopez", "told")


def test_told_reporters(ex):
    text = "Maria Lopez told reporters the port would reopen next week."
    r, q = only_reported(ex, text)
    check(text, q, "the port would reopen next week", "Maria Lopez", "told")


def test_according_to(ex):
    text = "According to Maria Lopez, the port will reopen next week."
    r, q = only_reported(ex, text)
    check(text, q, "the port will reopen next week", "Maria Lopez", "According to")


def test_clause_then_according_to(ex):
    text = "The port will reopen next week, according to Maria Lopez."
    r, q = only_reported(ex, text)
    check(text, q, "The port will reopen next week", "Maria Lopez", "according to")


def test_postposed_said(ex):
    text = "The port will reopen next week, Maria Lopez said."
    r, q = only_reported(ex, text)
    check(text, q, "The port will reopen next week", "Maria Lopez", "said")


def test_postposed_inverted_said(ex):
    text = "The port will reopen next week, said Maria Lopez."
    r, q = only_reported(ex, text)
    check(text, q, "The port will reopen next week", "Maria Lopez", "said")


@pytest.mark.parametrize("verb", ["warned", "claimed", "denied", "promised"])
def test_other_reporting_verbs(ex, verb):
    text = f"Maria Lopez {verb} that the storm would close the port for a week."
    r, q = only_reported(ex, text)
    check(text, q, "the storm would close the port for a week", "Maria Lopez", verb)


def test_clause_stops_at_another_attribution(ex):
    text = "Maria Lopez said the port would reopen next week, adding that the ferries were ready."
    r, qs = reported(ex, text)
    first = [q for q in qs if q.start == text.index("the port")]
    assert len(first) == 1
    check_span(text, first[0], "the port would reopen next week")


def test_mixed_clause_holds_a_partial_fragment(ex):
    text = "Maria Lopez said the closure was \u201ca serious mistake\u201d for the town."
    r = ex(text)
    mixed = [q for q in r.quotes if q.kind == "mixed"]
    partial = [q for q in r.quotes if q.kind == "partial"]
    assert len(mixed) == 1 and len(partial) == 1, [(q.kind, q.text) for q in r.quotes]
    check(text, mixed[0], "the closure was \u201ca serious mistake\u201d for the town", "Maria Lopez", "said",
          kind="mixed")
    check_span(text, partial[0], "a serious mistake")
    assert partial[0].speaker == mixed[0].speaker
    assert partial[0].entity == mixed[0].entity
    assert r.entity(partial[0].entity).name == "Maria Lopez"


def test_mixed_clause_ending_in_a_closing_mark_keeps_it(ex):
    text = "Maria Lopez said the closure of the port was \u201ca serious mistake.\u201d"
    r = ex(text)
    mixed = [q for q in r.quotes if q.kind == "mixed"]
    assert len(mixed) == 1, [(q.kind, q.text) for q in r.quotes]
    check_span(text, mixed[0], "the closure of the port was \u201ca serious mistake.\u201d")
    assert [q.text for q in r.quotes if q.kind == "partial"] == ["a serious mistake."]


def test_passive_told_has_no_speaker_subject(ex):
    text = "Maria Lopez was told that the port would close next week."
    r = ex(text)
    assert not any(q.speaker is not None and q.speaker.text == "Maria Lopez" for q in r.quotes)


def test_indirect_quotes_have_no_marks_and_positive_confidence(ex):
    text = "Maria Lopez said the port would reopen next week."
    r, q = only_reported(ex, text)
    assert 0.0 < q.confidence <= 1.0
    assert q.inner == ()


def test_no_reported_speech_without_a_cue(ex):
    text = "The port will reopen next week after the storm damage is repaired."
    r = ex(text)
    assert r.quotes == ()


def test_pronoun_speaker_of_reported_speech_resolves(ex):
    text = "Maria Lopez runs the harbour. She said the port would reopen next week."
    r, q = only_reported(ex, text)
    check(text, q, "the port would reopen next week", "She", "said")
    assert r.entity(q.entity).name == "Maria Lopez"


def test_told_a_hearer_with_a_title(ex):
    text = "Maria Lopez told Secretary Hugh Hill that the port would reopen next week."
    r, q = only_reported(ex, text)
    check(text, q, "the port would reopen next week", "Maria Lopez", "told")


def test_final_exclamation_mark_is_excluded(ex):
    text = "Maria Lopez said the port would never close!"
    r, q = only_reported(ex, text)
    check(text, q, "the port would never close", "Maria Lopez", "said")


def test_postposed_attribution_in_mid_sentence(ex):
    text = "The port will reopen next week, Maria Lopez said, and the ferries will follow soon after."
    r, qs = reported(ex, text)
    hits = [q for q in qs if q.start == 0]
    assert len(hits) == 1, [(q.kind, q.text) for q in qs]
    check(text, hits[0], "The port will reopen next week", "Maria Lopez", "said")


def test_adding_that_is_a_second_report_by_the_same_speaker(ex):
    text = "Maria Lopez said the port would reopen next week, adding that the ferries were ready."
    r, qs = reported(ex, text)
    second = [q for q in qs if q.text == "the ferries were ready"]
    assert len(second) == 1
    assert second[0].speaker.text == "Maria Lopez" and second[0].cue.text == "adding"


def test_description_subject_of_reported_speech(ex):
    text = "The Ministry of Transport met on Monday. The ministry said the port would close on Friday."
    r, q = only_reported(ex, text)
    check(text, q, "the port would close on Friday", "The ministry", "said")
    assert r.entity(q.entity).name == "Ministry of Transport"


@pytest.mark.parametrize("text, speaker", [
    ("The storm hit the coast overnight. Thirty percent said the ferries should stop.", "Thirty percent"),
    ("The storm hit the coast overnight. But harbour pilots say the ferries should stop.", "harbour pilots"),
    ("The storm hit the coast overnight. Several veteran skippers have long argued that the ferries should stop.",
     "Several veteran skippers"),
], ids=["percent", "after-conjunction", "auxiliary-and-that"])
def test_subject_that_is_no_known_name(ex, text, speaker):
    r, q = only_reported(ex, text)
    assert q.text == "the ferries should stop"
    assert q.speaker is not None and q.speaker.text == speaker


@pytest.mark.parametrize("text", [
    "The storm hit the coast overnight. His introductory remarks were short and dull.",
    "The storm hit the coast overnight. The harbour faced questions about the closures on Monday.",
    "The storm hit the coast overnight. Like the United States, the harbour closed its gates.",
], ids=["noun-cue-before-verb", "noun-cue-after-verb", "capitalised-cue"])
def test_no_loose_subject_for_a_cue_that_is_a_noun(ex, text):
    r, qs = reported(ex, text)
    assert qs == [], [(q.kind, q.text) for q in qs]


@pytest.mark.parametrize("text, clause, speaker, cue", [
    ("Maria Lopez told a crowded hall at the harbour museum that the port would reopen next week.",
     "the port would reopen next week", "Maria Lopez", "told"),
    ("Maria Lopez said in her weekly radio slot that the port would reopen next week.",
     "the port would reopen next week", "Maria Lopez", "said"),
    ("The storm hit the coast overnight. Maria Lopez then tried to explain that the port would reopen soon.",
     "the port would reopen soon", "Maria Lopez", "explain"),
    ("Maria Lopez said Hugh Hill would reopen the port next week.",
     "Hugh Hill would reopen the port next week", "Maria Lopez", "said"),
    ("Maria Lopez said that, with the storm over, the port would reopen.",
     "with the storm over, the port would reopen", "Maria Lopez", "said"),
    ("Senator Hugh Hill of Ohio, the No. 2 Republican in the Senate, said the port would reopen next week.",
     "the port would reopen next week", "Senator Hugh Hill", "said"),
], ids=["long-hearer-then-that", "occasion-then-that", "infinitive-borrows-subject", "name-then-verb",
        "early-comma", "opening-name-before-appositives"])
def test_reported_clause_speaker_and_cue(ex, text, clause, speaker, cue):
    r, q = only_reported(ex, text)
    check(text, q, clause, speaker, cue)


def test_relative_that_after_a_phrase_is_no_complement(ex):
    text = "Maria Lopez said at a school that serves the harbour district."
    r, qs = reported(ex, text)
    assert qs == [], [q.text for q in qs]


def test_postposed_with_the_before_the_speaker(ex):
    text = "The port will reopen next week, The Harbour Gazette reported."
    r, qs = reported(ex, text)
    assert [q.text for q in qs] == ["The port will reopen next week"]


@pytest.mark.parametrize("text", [
    "Maria Lopez said the port would reopen next week and highlighted the new cranes.",
    "Maria Lopez said the port would reopen next week and also warned that fees would rise.",
    "Maria Lopez said the port would reopen next week and did not rule out a strike.",
    "Maria Lopez said the port would reopen next week, conceding the delay had cost millions.",
    "Maria Lopez said the port would reopen next week, and when asked about fees she smiled.",
], ids=["and-verb", "and-also-verb", "negated-verb", "participle", "and-when"])
def test_clause_stops_where_the_subject_goes_on_to_something_else(ex, text):
    r, qs = reported(ex, text)
    first = [q for q in qs if q.cue.text == "said"]
    assert len(first) == 1
    check_span(text, first[0], "the port would reopen next week")


def test_infinitive_after_a_noun_borrows_nothing(ex):
    text = "The storm hit the coast overnight. Maria Lopez had a chance to say the port would reopen."
    r, qs = reported(ex, text)
    assert qs == [], [(q.kind, q.text) for q in qs]


@pytest.mark.parametrize("text, obj", [
    ("Maria Lopez endorsed Hugh Hill on Thursday.", "Hugh Hill"),
    ("Maria Lopez praised him, citing the new cranes.", "him"),
], ids=["name-then-time", "pronoun-then-comma"])
def test_a_named_object_is_what_the_words_were_about(ex, text, obj):
    r, qs = reported(ex, text)
    hit = [q for q in qs if q.cue.text in ("endorsed", "praised")]
    assert len(hit) == 1, [(q.kind, q.text) for q in qs]
    check_span(text, hit[0], obj)


@pytest.mark.parametrize("text, clause, speaker", [
    ("Hugh Hill kept his pledge to rebuild the harbour wall.", "to rebuild the harbour wall", "his"),
    ("The mayor dismissed Maria Lopez's warning that the port would flood.", None, None),
    ("Maria Lopez repeated her calls for a new ferry terminal.", "a new ferry terminal", "her"),
], ids=["pledge-to", "verb-clause-first", "calls-for"])
def test_cue_noun_with_a_possessor(ex, text, clause, speaker):
    r, qs = reported(ex, text)
    nouns = [q for q in qs if q.sieve == "indirect:noun"]
    if clause is None:
        assert nouns == []
        return
    assert len(nouns) == 1, [(q.sieve, q.text) for q in qs]
    check_span(text, nouns[0], clause)
    assert nouns[0].speaker.text == speaker


def test_cue_noun_of_a_medium_does_not_take_hearers(ex):
    text = "Her speeches to bankers earned her a fortune."
    r, qs = reported(ex, text)
    assert not any(q.sieve == "indirect:noun" for q in qs), [(q.sieve, q.text) for q in qs]


@pytest.mark.parametrize("text, question, agent", [
    ("Asked why the port had closed, Maria Lopez blamed the storm.", "why the port had closed", None),
    ("When asked about the delay, Maria Lopez smiled.", "about the delay", None),
    ("Asked by host Hugh Hill whether the port would close, Maria Lopez shook her head.",
     "whether the port would close", "Hugh Hill"),
    ("Maria Lopez was asked whether the port would close.", "whether the port would close", None),
], ids=["asked-why", "when-asked-about", "asked-by-agent", "was-asked-whether"])
def test_asked_reports_the_question(ex, text, question, agent):
    r, qs = reported(ex, text)
    asked = [q for q in qs if q.sieve == "indirect:asked"]
    assert len(asked) == 1, [(q.sieve, q.text) for q in qs]
    check_span(text, asked[0], question)
    assert (asked[0].speaker.text if asked[0].speaker else None) == agent


@pytest.mark.parametrize("text, clause", [
    ("Maria Lopez said the delay was caused by Hugh Hill, a former harbour master.",
     "the delay was caused by Hugh Hill"),
    ("Maria Lopez said 40 percent of the cargo was lost, compared with 10 percent last year.",
     "40 percent of the cargo was lost"),
    ("Maria Lopez said the ferries were late, especially on the northern routes.", "the ferries were late"),
], ids=["appositive", "comparison", "aside"])
def test_clause_stops_at_the_reporters_own_words(ex, text, clause):
    r, q = only_reported(ex, text)
    check(text, q, clause, "Maria Lopez", "said")


@pytest.mark.parametrize("text, clause", [
    ("Ports were busy on Monday. The port will reopen on Friday, according to the harbour office.",
     "The port will reopen on Friday"),
    ("Ports were busy on Monday. The port will reopen on Friday \u2014 according to the harbour office.",
     "The port will reopen on Friday"),
    ("Ports were busy on Monday. Cargo fell by 40 percent according to the harbour office.",
     "Cargo fell by 40 percent"),
    ("Ports were busy on Monday. Cargo fell, and the ferries stopped, according to the harbour office.",
     "the ferries stopped"),
    ("Ports were busy on Monday. But according to the harbour office, the ferries stopped.",
     "the ferries stopped"),
    ("Ports were busy on Monday. (According to the harbour office, the ferries stopped.)",
     "the ferries stopped"),
], ids=["comma", "dash", "no-comma", "last-clause", "but-opening", "bracket-opening"])
def test_according_to_in_all_positions(ex, text, clause):
    r, qs = reported(ex, text)
    assert [q.text for q in qs] == [clause]


def test_relative_clause_verb_stops_before_the_main_verb(ex):
    text = "Hugh Hill, who voted against the plan, called the fees a burden on the town."
    r, qs = reported(ex, text)
    assert "against the plan" in [q.text for q in qs], [(q.kind, q.text) for q in qs]
    assert not any("called" in q.text for q in qs), [(q.kind, q.text) for q in qs]


def test_a_cut_inside_a_marked_quote_takes_it_whole(ex):
    text = "Maria Lopez called the closure \u201ca deep wound for this town\u201d on Monday."
    r = ex(text)
    mixed = [q for q in r.quotes if q.kind in ("mixed", "indirect")]
    assert len(mixed) == 1, [(q.kind, q.text) for q in r.quotes]
    assert mixed[0].kind == "mixed" and mixed[0].text.endswith("\u201d"), mixed[0].text


def test_capitalised_verb_inside_a_sentence_is_no_cue(ex):
    text = "Hugh Hill wrote to top State officials about the port on Monday."
    r, qs = reported(ex, text)
    assert not any(q.cue.text == "State" for q in qs), [(q.cue.text, q.text) for q in qs]


def test_title_case_headline_keeps_its_cue(ex):
    text = "Hugh Hill Says Port Will Reopen Next Week\n\nThe port closed in May."
    r, qs = reported(ex, text)
    assert [q.text for q in qs] == ["Port Will Reopen Next Week"], [(q.kind, q.text) for q in qs]


def test_passive_known_as_reports_the_name(ex):
    text = "Hugh Hill was widely known as the best pilot in the harbour."
    r, qs = reported(ex, text)
    assert [q.text for q in qs] == ["the best pilot in the harbour"], [(q.kind, q.text) for q in qs]


def test_a_sentence_made_of_reporting_verbs_is_a_list_not_a_report(ex):
    from quotes import indirect
    from quotes.scene import Scene
    junk = "said " * 40 + "so."
    prose = ("Maria Lopez said the port would reopen, the union said it would strike, and the mayor "
             "added that both sides had told her they wanted talks.")
    for text, is_list in ((junk, True), (prose, False)):
        doc = ex.annotate(text)
        starts = [c.start for c in Scene(doc, ex.lex, []).cues_in(0, len(text), classes=indirect.REPORTING)]
        assert len(starts) >= (40 if is_list else 4)
        assert indirect._list_of_cues(text, (0, len(text)), starts) is is_list
    r, qs = reported(ex, junk + " " + prose)
    assert [q.speaker.text for q in qs][:1] == ["Maria Lopez"]  # the list is skipped, the prose is read
