"""Stage 3: who said each marked quote, and which sieve decided (quotes/sieves.py, quotes/scene.py)."""
import pytest

from conftest import check_span, find, quote_with


def attributed(ex, text, inside):
    r = ex(text)
    q = quote_with(r, inside)
    check_span(text, q, inside)
    return r, q


def assert_speaker(text, q, speaker, cue, sieve, nth_speaker=0, nth_cue=0):
    """Speaker and cue are the nth occurrences of the given strings; `sieve` decided."""
    assert q.speaker is not None, q
    assert (q.speaker.start, q.speaker.end) == find(text, speaker, nth_speaker), q.speaker
    assert q.speaker.text == speaker
    if cue is None:
        assert q.cue is None
    else:
        assert q.cue is not None, q
        assert (q.cue.start, q.cue.end) == find(text, cue, nth_cue), q.cue
        assert q.cue.text == cue
    assert q.sieve == sieve


def test_trailing_name_said(ex):
    text = "\u201cThe port will stay open all winter,\u201d Maria Lopez said."
    r, q = attributed(ex, text, "The port will stay open all winter,")
    assert_speaker(text, q, "Maria Lopez", "said", "trailing")
    assert q.kind == "direct"
    assert r.entity(q.entity).name == "Maria Lopez"


def test_trailing_said_name(ex):
    text = "\u201cThe port will stay open all winter,\u201d said Maria Lopez."
    r, q = attributed(ex, text, "The port will stay open all winter,")
    assert_speaker(text, q, "Maria Lopez", "said", "trailing")
    assert r.entity(q.entity).name == "Maria Lopez"


def test_trailing_after_a_question_mark(ex):
    text = "\u201cWhy would we close it?\u201d Lopez asked. The board did not reply."
    r, q = attributed(ex, text, "Why would we close it?")
    assert_speaker(text, q, "Lopez", "asked", "trailing")


def test_leading_colon(ex):
    text = "Maria Lopez said: \u201cThe port will stay open all winter.\u201d"
    r, q = attributed(ex, text, "The port will stay open all winter.")
    assert_speaker(text, q, "Maria Lopez", "said", "leading")


def test_leading_comma(ex):
    text = "Maria Lopez told reporters, \u201cThe port will stay open all winter.\u201d"
    r, q = attributed(ex, text, "The port will stay open all winter.")
    assert_speaker(text, q, "Maria Lopez", "told", "leading")


def test_leading_said_that(ex):
    text = "Maria Lopez said that \u201cthe port will stay open all winter.\u201d"
    r, q = attributed(ex, text, "the port will stay open all winter.")
    assert_speaker(text, q, "Maria Lopez", "said", "leading")


INTERRUPTED = "\u201cThe port will stay open,\u201d Maria Lopez said, \u201cand the ferries will run.\u201d"


def test_interrupted_quote_gives_both_halves_the_speaker_and_cue(ex):
    text = INTERRUPTED
    r = ex(text)
    a = quote_with(r, "The port will stay open,")
    b = quote_with(r, "and the ferries will run.")
    check_span(text, b, "and the ferries will run.")
    assert_speaker(text, a, "Maria Lopez", "said", "trailing")
    assert (b.speaker, b.cue) == (a.speaker, a.cue)
    assert a.entity == b.entity
    assert r.entity(b.entity).name == "Maria Lopez"


def test_interrupted_second_half_is_direct(ex):
    r = ex(INTERRUPTED)
    assert [q.kind for q in r.quotes] == ["direct", "direct"]


def test_interrupted_second_half_is_decided_by_the_interrupted_sieve(ex):
    r = ex(INTERRUPTED)
    assert quote_with(r, "and the ferries will run.").sieve == "interrupted"


def test_trailing_dash_with_a_title(ex):
    text = "\u201cWe will not give up this valley without a fight.\u201d \u2014 Commissioner Ruth Adler"
    r, q = attributed(ex, text, "We will not give up this valley without a fight.")
    assert q.sieve == "trailing_dash"
    assert q.speaker is not None and q.speaker.text in ("Ruth Adler", "Commissioner Ruth Adler")
    assert text[q.speaker.start:q.speaker.end] == q.speaker.text
    assert q.cue.text == "\u2014" and q.cue.start == text.index("\u2014")
    assert r.entity(q.entity).name == "Ruth Adler"


def test_trailing_dash_with_a_bare_name(ex):
    text = "\u201cWe will not give up this valley without a fight.\u201d \u2014 Ruth Adler"
    r, q = attributed(ex, text, "We will not give up this valley without a fight.")
    assert_speaker(text, q, "Ruth Adler", "\u2014", "trailing_dash")


def test_trailing_dash_without_a_full_stop(ex):
    text = "\u201cWe will not give up this valley without a fight\u201d \u2014 Ruth Adler"
    r, q = attributed(ex, text, "We will not give up this valley without a fight")
    assert_speaker(text, q, "Ruth Adler", "\u2014", "trailing_dash")


def test_long_title_before_a_name(ex):
    text = "\u201cThe troops will stay through the winter,\u201d Secretary of Defense Lloyd Austin said."
    r, q = attributed(ex, text, "The troops will stay through the winter,")
    assert q.speaker.text in ("Lloyd Austin", "Secretary of Defense Lloyd Austin")
    assert text[q.speaker.start:q.speaker.end] == q.speaker.text
    assert q.cue.text == "said"
    assert q.sieve == "trailing"
    assert r.entity(q.entity).name == "Lloyd Austin"
    assert r.entity(q.entity).type == "PERSON"


def test_appositive_between_name_and_cue(ex):
    text = "Hugh Hill, a doctor at the clinic, said: \u201cWe ran out of beds by noon.\u201d"
    r, q = attributed(ex, text, "We ran out of beds by noon.")
    assert_speaker(text, q, "Hugh Hill", "said", "leading")
    assert r.entity(q.entity).name == "Hugh Hill"


def test_relative_clause_after_inverted_name(ex):
    text = "\u201cWe ran out of beds by noon,\u201d said Mr. Hill, who has worked at the clinic for years."
    r, q = attributed(ex, text, "We ran out of beds by noon,")
    assert_speaker(text, q, "Mr. Hill", "said", "trailing")
    assert r.entity(q.entity).name == "Hill"


def test_honorific_name_joins_the_full_name(ex):
    text = ("Hugh Hill runs the clinic. "
            "\u201cWe ran out of beds by noon,\u201d said Mr. Hill, who has worked there for years.")
    r, q = attributed(ex, text, "We ran out of beds by noon,")
    assert_speaker(text, q, "Mr. Hill", "said", "trailing")
    assert r.entity(q.entity).name == "Hugh Hill"


def test_pronouns_resolve_by_first_name_gender(ex):
    text = ("Hugh Hill and Ruth Adler met the families on Monday. "
            "\u201cWe will find the money,\u201d she said. "
            "\u201cThe clinic will stay open,\u201d he added.")
    r = ex(text)
    she = quote_with(r, "We will find the money,")
    he = quote_with(r, "The clinic will stay open,")
    assert (she.speaker.text, she.speaker.start) == ("she", text.index("she said"))
    assert (he.speaker.text, he.speaker.start) == ("he", text.index("he added"))
    assert (she.cue.text, he.cue.text) == ("said", "added")
    assert she.sieve == he.sieve == "trailing"
    assert r.entity(she.entity).name == "Ruth Adler"
    assert r.entity(he.entity).name == "Hugh Hill"


def test_pronouns_resolve_by_title_gender(ex):
    text = ("Mrs. Okafor chairs the committee. Mr. Brandt leads the opposition. "
            "\u201cThe numbers do not add up,\u201d he said. "
            "\u201cThey add up perfectly well,\u201d she replied.")
    r = ex(text)
    he = quote_with(r, "The numbers do not add up,")
    she = quote_with(r, "They add up perfectly well,")
    assert he.speaker.text == "he" and she.speaker.text == "she"
    assert r.entity(he.entity).name == "Brandt"
    assert r.entity(she.entity).name == "Okafor"


def test_pronouns_resolve_to_two_titled_people_joined_by_and(ex):
    text = ("Mrs. Okafor and Mr. Brandt met on Monday. "
            "\u201cThe numbers do not add up,\u201d he said. "
            "\u201cThey add up perfectly well,\u201d she replied.")
    r = ex(text)
    he = quote_with(r, "The numbers do not add up,")
    she = quote_with(r, "They add up perfectly well,")
    assert r.entity(he.entity).name == "Brandt"
    assert r.entity(she.entity).name == "Okafor"


def test_description_refers_to_the_organisation_in_focus(ex):
    text = ("The Northern Farmers Union called a strike on Monday. "
            "\u201cOur members will not harvest a single field,\u201d the group said.")
    r, q = attributed(ex, text, "Our members will not harvest a single field,")
    assert_speaker(text, q, "the group", "said", "trailing")
    assert r.entity(q.entity).name == "Northern Farmers Union"
    assert r.entity(q.entity).type == "ORG"


def test_the_ministry_refers_to_a_ministry_of(ex):
    text = ("Hugh Hill visited the Ministry of Health on Monday. "
            "\u201cHospitals are coping with the numbers,\u201d the ministry said.")
    r, q = attributed(ex, text, "Hospitals are coping with the numbers,")
    assert_speaker(text, q, "the ministry", "said", "trailing")
    assert r.entity(q.entity).name == "Ministry of Health"


def test_quote_after_a_quote_continues_the_speaker(ex):
    text = ("\u201cThe port will stay open,\u201d Maria Lopez said. "
            "\u201cThe ferries will run on time every day.\u201d")
    r = ex(text)
    q = quote_with(r, "The ferries will run on time every day.")
    assert_speaker(text, q, "Maria Lopez", None, "previous_quote")
    assert r.entity(q.entity).name == "Maria Lopez"


def test_quote_only_paragraph_continues_the_previous_speaker(ex):
    text = ("\u201cThe port will stay open,\u201d Maria Lopez said.\n\n"
            "\u201cThe ferries will run on time every day.\u201d")
    r = ex(text)
    q = quote_with(r, "The ferries will run on time every day.")
    assert_speaker(text, q, "Maria Lopez", None, "previous_quote")
    assert r.entity(q.entity).name == "Maria Lopez"


def test_quote_only_paragraph_after_someone_else_is_named_does_not_continue(ex):
    text = ("\u201cThe port will stay open,\u201d Maria Lopez said.\n\n"
            "Hugh Hill, who runs the ferry, was not convinced.\n\n"
            "\u201cThe ferries will run on time every day.\u201d")
    r = ex(text)
    q = quote_with(r, "The ferries will run on time every day.")
    assert q.speaker is None or q.speaker.text != "Maria Lopez"


def test_colon_at_the_end_of_the_previous_paragraph(ex):
    text = ("Ann Gault spoke after the vote. Gault said:\n\n"
            "\u201cThe ferries will run on time every day.\u201d")
    r, q = attributed(ex, text, "The ferries will run on time every day.")
    assert_speaker(text, q, "Gault", "said", "colon_intro", nth_speaker=1)
    assert r.entity(q.entity).name == "Ann Gault"


def test_unknown_speaker_stays_null(ex):
    text = "\u201cThe ferries will run on time every single day of the year.\u201d"
    r, q = attributed(ex, text, "The ferries will run on time every single day of the year.")
    assert q.speaker is None
    assert q.entity is None
    assert q.cue is None


def test_confidence_is_in_range_and_trailing_beats_previous_quote(ex):
    text = ("\u201cThe port will stay open,\u201d Maria Lopez said.\n\n"
            "\u201cThe ferries will run on time every day.\u201d")
    r = ex(text)
    first = quote_with(r, "The port will stay open,")
    second = quote_with(r, "The ferries will run on time every day.")
    assert all(0.0 <= q.confidence <= 1.0 for q in r.quotes)
    assert first.sieve == "trailing" and second.sieve == "previous_quote"
    assert first.confidence > second.confidence


def test_each_sieve_name_is_a_known_sieve(ex):
    from quotes import sieves
    names = {s.__name__ for s in sieves.SIEVES}
    text = ("\u201cThe port will stay open,\u201d Maria Lopez said, \u201cand the ferries will run.\u201d\n\n"
            "\u201cEvery ferry will leave on time from the old pier.\u201d")
    for q in ex(text).quotes:
        assert q.sieve in names


def test_appositive_after_the_name_in_a_trailing_attribution(ex):
    text = "\u201cThe harbour is safe for now,\u201d Maria Lopez, the mayor, said."
    r, q = attributed(ex, text, "The harbour is safe for now,")
    assert_speaker(text, q, "Maria Lopez", "said", "trailing")
    assert q.kind == "direct"


def test_leading_attribution_with_a_title_appositive_before_the_name(ex):
    text = "The mayor, Maria Lopez, said: \u201cThe harbour is safe for now.\u201d"
    r, q = attributed(ex, text, "The harbour is safe for now.")
    assert_speaker(text, q, "Maria Lopez", "said", "leading")
    assert r.entity(q.entity).name == "Maria Lopez"


def test_appositive_name_between_commas_after_the_quote(ex):
    text = "\u201cThe harbour is safe for now,\u201d the mayor, Maria Lopez, said."
    r = ex(text)
    assert [(q.kind, q.text) for q in r.quotes] == [("direct", "The harbour is safe for now,")]
    q = r.quotes[0]
    assert q.speaker.text == "Maria Lopez" and q.cue.text == "said"
    assert r.entity(q.entity).name == "Maria Lopez"


def test_inverted_name_with_age_and_appositive(ex):
    text = "\u201cWe will keep the harbour open,\u201d said Lopez, 54, a former fisherman."
    r, q = attributed(ex, text, "We will keep the harbour open,")
    assert_speaker(text, q, "Lopez", "said", "trailing")


def test_undescribed_speaker_is_its_own_entity(ex):
    text = "\u201cThe harbour is safe for now,\u201d a spokesman said."
    r, q = attributed(ex, text, "The harbour is safe for now,")
    assert_speaker(text, q, "a spokesman", "said", "trailing")
    assert r.entity(q.entity).type == "PERSON"


def test_pronoun_resolves_across_a_paragraph(ex):
    text = ("Hugh Hill runs the clinic. Ruth Adler runs the school.\n\n"
            "\u201cWe need more beds before the winter,\u201d he said.")
    r, q = attributed(ex, text, "We need more beds before the winter,")
    assert r.entity(q.entity).name == "Hugh Hill"


def test_quote_only_paragraph_after_reported_speech_continues_that_speaker(ex):
    text = ("Maria Lopez said the port would reopen next week.\n\n"
            "\u201cThe ferries will run on time every day.\u201d")
    r, q = attributed(ex, text, "The ferries will run on time every day.")
    assert (q.speaker.text, q.speaker.start) == ("Maria Lopez", 0)
    assert q.cue is None
    assert r.entity(q.entity).name == "Maria Lopez"


def test_quote_only_paragraph_continues_the_latest_speaker(ex):
    text = ("\u201cThe port will stay open,\u201d Maria Lopez said.\n\n"
            "Hugh Hill said the ferries were late again.\n\n"
            "\u201cThe ferries will run on time every day.\u201d")
    r, q = attributed(ex, text, "The ferries will run on time every day.")
    assert q.speaker.text == "Hugh Hill" and q.cue is None
    assert r.entity(q.entity).name == "Hugh Hill"


def test_colon_intro_with_hearer_and_day(ex):
    text = "Maria Lopez told reporters on Monday:\n\n\u201cThe ferries will run on time every day.\u201d"
    r, q = attributed(ex, text, "The ferries will run on time every day.")
    assert_speaker(text, q, "Maria Lopez", "told", "colon_intro")


@pytest.mark.parametrize("opening", ["Abortion rights advocates", "Some 40 percent", "But some 40 percent"])
def test_subject_phrase_opening_a_later_sentence(ex, opening):
    # a subject that is no known name, at the start of a sentence that is not the document's first
    text = f"The ferry service ended in March. {opening} said: \u201cWe were never asked about it.\u201d"
    r, q = attributed(ex, text, "We were never asked about it.")
    assert_speaker(text, q, opening.removeprefix("But "), "said", "leading")


def test_no_subject_phrase_before_a_cue_used_as_a_noun(ex):
    text = "The ferry service ended in March. The operator faced questions about \u201cthe timetable\u201d at once."
    r, q = attributed(ex, text, "the timetable")
    assert q.speaker is None, q.speaker
