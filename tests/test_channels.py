"""Stage 5: the platform, outlet or medium each quote went through (quotes/channels.py)."""
import pytest

from conftest import find, quote_with


def channel_of(ex, text, inside):
    r = ex(text)
    q = quote_with(r, inside)
    return r, q, q.channel


def check(text, ch, name, kind, medium, span_text, nth=0):
    assert ch is not None
    assert (ch.name, ch.kind, ch.medium) == (name, kind, medium)
    assert ch.text == span_text
    assert (ch.start, ch.end) == find(text, span_text, nth)
    assert text[ch.start:ch.end] == ch.text


def test_posted_on_telegram(ex):
    text = "The group posted on Telegram: \u201cWe will hold the line at any cost.\u201d"
    r, q, ch = channel_of(ex, text, "We will hold the line at any cost.")
    check(text, ch, "Telegram", "platform", "post", "Telegram")
    assert ch.kb_id is None  # outlets.tsv has no Wikidata id for Telegram


def test_wrote_on_x(ex):
    text = "\u201cThe count was fair and final,\u201d Hugh Hill wrote on X."
    r, q, ch = channel_of(ex, text, "The count was fair and final,")
    check(text, ch, "X", "platform", None, "X")
    assert ch.kb_id == "Q918"


def test_tweeted_means_x(ex):
    text = "\u201cThe count was fair and final,\u201d Hugh Hill tweeted."
    r, q, ch = channel_of(ex, text, "The count was fair and final,")
    check(text, ch, "X", "platform", "post", "tweeted")
    assert ch.kb_id == "Q918"


def test_twitter_is_x(ex):
    text = "\u201cThe count was fair and final,\u201d Hugh Hill wrote on Twitter."
    r, q, ch = channel_of(ex, text, "The count was fair and final,")
    check(text, ch, "X", "platform", None, "Twitter")


def test_in_a_facebook_post(ex):
    text = "\u201cThe count was fair and final,\u201d Hugh Hill said in a Facebook post."
    r, q, ch = channel_of(ex, text, "The count was fair and final,")
    check(text, ch, "Facebook", "platform", "post", "Facebook")
    assert ch.kb_id == "Q355"


def test_told_al_jazeera(ex):
    text = "\u201cThe talks have failed,\u201d Hugh Hill told Al Jazeera."
    r, q, ch = channel_of(ex, text, "The talks have failed,")
    check(text, ch, "Al Jazeera", "outlet", None, "Al Jazeera")
    assert q.speaker.text == "Hugh Hill"
    assert r.entity(q.entity).name == "Hugh Hill"


def test_in_an_interview_with_the_bbc(ex):
    text = "\u201cThe talks have failed,\u201d Hugh Hill said in an interview with the BBC."
    r, q, ch = channel_of(ex, text, "The talks have failed,")
    check(text, ch, "BBC", "outlet", "interview", "BBC")
    assert ch.kb_id == "Q9531"


def test_news_agency_quoted_speaker_as_saying(ex):
    text = ("Qatari news agency Al Jazeera quoted Hugh Hill as saying: "
            "\u201cThe talks have failed and we are going home.\u201d")
    r, q, ch = channel_of(ex, text, "The talks have failed and we are going home.")
    assert q.speaker is not None and q.speaker.text == "Hugh Hill"
    assert r.entity(q.entity).name == "Hugh Hill"
    check(text, ch, "Al Jazeera", "outlet", None, "Al Jazeera")


def test_news_agency_quoted_speaker_as_saying_indirect(ex):
    text = "Qatari news agency Al Jazeera quoted Hugh Hill as saying the talks had failed."
    r = ex(text)
    qs = [q for q in r.quotes if q.kind == "indirect"]
    assert len(qs) == 1, [(q.kind, q.text) for q in r.quotes]
    q = qs[0]
    assert q.text == "the talks had failed"
    assert q.speaker is not None and q.speaker.text == "Hugh Hill"
    check(text, q.channel, "Al Jazeera", "outlet", None, "Al Jazeera")


@pytest.mark.parametrize("phrase, medium, span_text", [
    ("in a statement", "statement", "statement"),
    ("at a press conference", "press conference", "press conference"),
    ("in a speech", "speech", "speech"),
    ("in a letter to the council", "letter", "letter"),
], ids=["statement", "press-conference", "speech", "letter"])
def test_medium_only(ex, phrase, medium, span_text):
    text = f"\u201cThe bridge will reopen in June,\u201d the mayor said {phrase}."
    r, q, ch = channel_of(ex, text, "The bridge will reopen in June,")
    check(text, ch, medium, "medium", medium, span_text)
    assert ch.kb_id is None


def test_medium_of_reported_speech(ex):
    text = "Maria Lopez said in a statement that the bridge would reopen in June."
    r = ex(text)
    q = [q for q in r.quotes if q.kind == "indirect"][0]
    check(text, q.channel, "statement", "medium", "statement", "statement")


def test_channel_named_in_the_next_sentence(ex):
    text = ("\u201cWe will hold the line at any cost,\u201d the group declared in a statement. "
            "Posted on the encrypted messaging application Telegram.")
    r, q, ch = channel_of(ex, text, "We will hold the line at any cost,")
    check(text, ch, "Telegram", "platform", "statement", "Telegram")


def test_outlet_that_speaks_is_speaker_and_channel(ex):
    text = "\u201cTehran will respond to any attack,\u201d Press TV said."
    r, q, ch = channel_of(ex, text, "Tehran will respond to any attack,")
    assert q.speaker.text == "Press TV"
    e = r.entity(q.entity)
    assert (e.name, e.type) == ("Press TV", "OUTLET")
    check(text, ch, "Press TV", "outlet", None, "Press TV")


def test_according_to_an_outlet(ex):
    text = "According to Rudaw, the border crossing was closed on Sunday."
    r = ex(text)
    qs = [q for q in r.quotes if q.kind == "indirect"]
    assert len(qs) == 1
    q = qs[0]
    assert q.text == "the border crossing was closed on Sunday"
    assert q.speaker.text == "Rudaw"
    e = r.entity(q.entity)
    assert (e.name, e.type) == ("Rudaw", "OUTLET")
    check(text, q.channel, "Rudaw", "outlet", None, "Rudaw")


def test_told_the_bbc_without_an_interview(ex):
    text = "\u201cThe talks have failed,\u201d Hugh Hill told the BBC."
    r, q, ch = channel_of(ex, text, "The talks have failed,")
    assert (ch.name, ch.kind, ch.medium, ch.kb_id) == ("BBC", "outlet", None, "Q9531")
    assert text[ch.start:ch.end] == ch.text


def test_told_reporters_gives_no_channel(ex):
    text = "\u201cWe are ready for the storm,\u201d Hugh Hill told reporters."
    r, q, ch = channel_of(ex, text, "We are ready for the storm,")
    assert q.speaker.text == "Hugh Hill"
    assert ch is None


def test_plain_said_gives_no_channel(ex):
    text = "\u201cWe are ready for the storm,\u201d Hugh Hill said."
    r, q, ch = channel_of(ex, text, "We are ready for the storm,")
    assert ch is None


def test_scare_quote_gets_no_channel(ex):
    text = "The film \u201cNight Harbour\u201d was shown on Facebook and in a statement nobody read."
    r = ex(text)
    q = quote_with(r, "Night Harbour")
    assert q.kind == "scare" and q.channel is None


def test_interrupted_quote_halves_share_the_channel(ex):
    text = ("\u201cThe talks have failed,\u201d Hugh Hill told Al Jazeera, "
            "\u201cand we are going home.\u201d")
    r = ex(text)
    a, b = quote_with(r, "The talks have failed,"), quote_with(r, "and we are going home.")
    assert a.channel is not None and a.channel == b.channel
    assert a.channel.name == "Al Jazeera"


def test_platform_name_not_tied_to_words_is_no_channel(ex):
    text = "\u201cWe are ready for the storm,\u201d said Hugh Hill, who once worked at Facebook."
    r, q, ch = channel_of(ex, text, "We are ready for the storm,")
    assert ch is None


def test_in_a_post_on_x(ex):
    text = "\u201cThe harbour is safe,\u201d Maria Lopez said in a post on X."
    r, q, ch = channel_of(ex, text, "The harbour is safe,")
    check(text, ch, "X", "platform", "post", "X")


def test_outlet_not_in_the_gazetteer_after_told(ex):
    text = "\u201cThe harbour is safe,\u201d Maria Lopez told Sky Sports."
    r, q, ch = channel_of(ex, text, "The harbour is safe,")
    check(text, ch, "Sky Sports", "outlet", None, "Sky Sports")
    assert ch.kb_id is None


def test_outlet_that_reports(ex):
    text = "Al Jazeera reported that the border crossing was closed on Sunday."
    r = ex(text)
    [q] = [q for q in r.quotes if q.kind == "indirect"]
    assert q.speaker.text == "Al Jazeera"
    assert r.entity(q.entity).type == "OUTLET"
    check(text, q.channel, "Al Jazeera", "outlet", None, "Al Jazeera")


def test_interview_with_reuters(ex):
    text = "\u201cThe talks have failed,\u201d Hugh Hill said in an interview with Reuters."
    r, q, ch = channel_of(ex, text, "The talks have failed,")
    check(text, ch, "Reuters", "outlet", "interview", "Reuters")
    assert ch.kb_id == "Q130879"


def test_news_conference_is_a_press_conference(ex):
    text = "\u201cThe harbour is safe,\u201d Maria Lopez said at a news conference."
    r, q, ch = channel_of(ex, text, "The harbour is safe,")
    check(text, ch, "press conference", "medium", "press conference", "news conference")


def test_told_reuters_in_reported_speech(ex):
    text = "Hugh Hill told Reuters that the talks had failed."
    r = ex(text)
    [q] = [q for q in r.quotes if q.kind == "indirect"]
    assert q.text == "the talks had failed"
    check(text, q.channel, "Reuters", "outlet", None, "Reuters")


@pytest.mark.parametrize("platform, kb_id", [
    ("Instagram", "Q209330"), ("Truth Social", None), ("WhatsApp", "Q1049511"), ("Telegram", None),
])
def test_platform_kb_id_comes_from_the_gazetteer(ex, platform, kb_id):
    text = f"\u201cThe harbour is safe,\u201d Maria Lopez wrote on {platform}."
    r, q, ch = channel_of(ex, text, "The harbour is safe,")
    check(text, ch, platform, "platform", None, platform)
    assert ch.kb_id == kb_id
