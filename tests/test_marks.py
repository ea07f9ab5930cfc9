"""Stage 1: quotation marks, apostrophes, pairing and warnings (quotes/marks.py)."""
import pytest

from conftest import check_span, find, marked


def only_quote(text):
    qs, warnings = marked(text)
    assert len(qs) == 1, [q.text for q in qs]
    assert warnings == []
    return qs[0]


@pytest.mark.parametrize("text, inside", [
    ('"We will rebuild the bridge," the mayor said.', "We will rebuild the bridge,"),
    ("'We will rebuild the bridge,' the mayor said.", "We will rebuild the bridge,"),
    ("\u201cWe will rebuild the bridge,\u201d the mayor said.", "We will rebuild the bridge,"),
    ("\u2018We will rebuild the bridge,\u2019 the mayor said.", "We will rebuild the bridge,"),
    ("\u201eWir bauen die Br\u00fccke wieder auf\u201c, sagte die B\u00fcrgermeisterin.",
     "Wir bauen die Br\u00fccke wieder auf"),
    ("\u201aWir bauen die Br\u00fccke wieder auf\u2018, sagte die B\u00fcrgermeisterin.",
     "Wir bauen die Br\u00fccke wieder auf"),
    ("\u00bbWir bauen die Br\u00fccke wieder auf\u00ab, sagte die B\u00fcrgermeisterin.",
     "Wir bauen die Br\u00fccke wieder auf"),
    ("\u2039Nous reconstruirons le pont\u203a, a dit la maire.", "Nous reconstruirons le pont"),
    ("\u5e02\u957f\u8bf4\u300c\u6211\u4eec\u4f1a\u91cd\u5efa\u5927\u6865\u300d\u3002",
     "\u6211\u4eec\u4f1a\u91cd\u5efa\u5927\u6865"),
    ("\u5e02\u957f\u8bf4\u300e\u6211\u4eec\u4f1a\u91cd\u5efa\u5927\u6865\u300f\u3002",
     "\u6211\u4eec\u4f1a\u91cd\u5efa\u5927\u6865"),
], ids=["straight-double", "straight-single", "curly-double", "curly-single", "german-double",
        "german-single", "german-guillemets", "single-guillemets", "cjk-corner", "cjk-white-corner"])
def test_mark_styles_give_the_words_between_the_marks(text, inside):
    q = only_quote(text)
    check_span(text, q, inside)


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"], ids=["space", "nbsp", "narrow-nbsp"])
def test_french_guillemets_strip_the_inner_spaces(space):
    text = f"\u00ab{space}Nous reconstruirons le pont{space}\u00bb, a d\u00e9clar\u00e9 la maire."
    q = only_quote(text)
    check_span(text, q, "Nous reconstruirons le pont")


def test_outer_span_holds_the_marks():
    text = "\u201cWe will rebuild the bridge,\u201d the mayor said."
    q = only_quote(text)
    assert q.outer.text == "\u201cWe will rebuild the bridge,\u201d"
    assert (q.outer.start, q.outer.end) == (0, len(q.outer.text))


def test_nested_quote_is_kept_inside_the_outer_one():
    text = ("\u201cThe minister told us \u2018the door is open\u2019 before he left,\u201d "
            "Ms. Lane said.")
    q = only_quote(text)
    check_span(text, q, "The minister told us \u2018the door is open\u2019 before he left,")
    assert [(s.start, s.end, s.text) for s in q.inner] == [find(text, "the door is open") + ("the door is open",)]


def test_nested_straight_quotes():
    text = "\"The minister told us 'the door is open' before he left,\" Ms. Lane said."
    q = only_quote(text)
    check_span(text, q, "The minister told us 'the door is open' before he left,")
    assert [s.text for s in q.inner] == ["the door is open"]


@pytest.mark.parametrize("text", [
    "Officials don\u2019t expect Iran\u2019s envoy before the talks.",
    "Officials don't expect Iran's envoy before the talks.",
    "Fashion from the \u201990s is back in the shops.",
    "Fashion from the '90s is back in the shops.",
    "The band still plays rock \u2019n\u2019 roll on Fridays.",
    "The band still plays rock 'n' roll on Fridays.",
    "The students\u2019 union met on Friday.",
    "The students' union met on Friday.",
    "Sean O\u2019Brien chaired the meeting.",
    "Sean O'Brien chaired the meeting.",
], ids=["dont-iran-curly", "dont-iran-straight", "90s-curly", "90s-straight", "rock-n-roll-curly",
        "rock-n-roll-straight", "plural-possessive-curly", "plural-possessive-straight", "obrien-curly",
        "obrien-straight"])
def test_apostrophes_are_not_quotes(text):
    qs, warnings = marked(text)
    assert qs == []
    assert warnings == []


def test_apostrophes_inside_a_double_quote_leave_it_whole():
    text = "\u201cWe don\u2019t think Iran\u2019s leaders want a war,\u201d he said."
    q = only_quote(text)
    check_span(text, q, "We don\u2019t think Iran\u2019s leaders want a war,")


@pytest.mark.parametrize("inside", [
    "The students\u2019 union is strong,",
    "We danced all night in the \u201990s,",
    "We played rock \u2019n\u2019 roll all night,",
    "The students\u2019 union played rock \u2019n\u2019 roll in the \u201990s,",
], ids=["plural-possessive", "90s", "rock-n-roll", "all-three"])
def test_apostrophes_inside_a_single_quote_leave_it_whole(inside):
    text = "\u2018" + inside + "\u2019 O\u2019Brien said."
    q = only_quote(text)
    check_span(text, q, inside)


@pytest.mark.parametrize("inside", [
    "We don't think Iran's leaders want a war,",
    "The students' union is strong,",
    "We danced all night in the '90s,",
    "We played rock 'n' roll all night,",
], ids=["dont-iran", "plural-possessive", "90s", "rock-n-roll"])
def test_apostrophes_inside_a_straight_single_quote_leave_it_whole(inside):
    text = "'" + inside + "' O'Brien said."
    q = only_quote(text)
    check_span(text, q, inside)


def test_multi_paragraph_quote_is_one_quote():
    text = ("The mayor spoke for an hour. \u201cWe have rebuilt the bridge and the school.\n\n"
            "\u201cWe will rebuild the harbour next year,\u201d she said.")
    q = only_quote(text)
    start = text.index("We have rebuilt")
    end = text.index("next year,") + len("next year,")
    assert (q.start, q.end) == (start, end)
    assert q.text == text[start:end]


def test_multi_paragraph_quote_over_three_paragraphs():
    text = ("\u201cFirst, we rebuild the bridge.\n\n"
            "\u201cThen we rebuild the school.\n\n"
            "\u201cLast, the harbour,\u201d she said.")
    q = only_quote(text)
    assert (q.start, q.end) == (1, text.index("harbour,") + len("harbour,"))


def test_lone_closing_mark_warns_and_swallows_nothing():
    text = "The vote was close\u201d and nobody cheered. \u201cWe won,\u201d she said."
    qs, warnings = marked(text)
    off = text.index("\u201d")
    assert warnings == [f"unmatched closing mark \u201d at offset {off}"]
    assert [q.text for q in qs] == ["We won,"]
    check_span(text, qs[0], "We won,")


def test_unclosed_opening_mark_warns_and_swallows_nothing():
    text = ("The sign on the door said \u201cclosed for the season.\n\n"
            "The owner did not answer calls.\n\n"
            "\u201cWe open in May,\u201d his daughter said.")
    qs, warnings = marked(text)
    off = text.index("\u201c")
    assert warnings == [f"unclosed opening mark \u201c at offset {off}"]
    assert [q.text for q in qs] == ["We open in May,"]
    check_span(text, qs[0], "We open in May,")


def test_unclosed_opening_mark_in_the_same_paragraph_as_a_good_quote():
    text = "He shouted \u201cstop and ran off. Later \u201cWe will appeal,\u201d the lawyer said."
    qs, warnings = marked(text)
    assert warnings == [f"unclosed opening mark \u201c at offset {text.index(chr(0x201c))}"]
    assert [q.text for q in qs] == ["We will appeal,"]


def test_extractor_reports_warnings():
    import quotes
    text = "The vote was close\u201d and nobody cheered. \u201cWe won,\u201d she said."
    result = quotes.Extractor()(text)
    assert list(result.warnings) == [f"unmatched closing mark \u201d at offset {text.index(chr(0x201d))}"]
    assert [q.text for q in result.quotes] == ["We won,"]


@pytest.mark.parametrize("text", [
    "\u201cWe are ready,\" the coach said.",
    "\"We are ready,\u201d the coach said.",
], ids=["curly-open-straight-close", "straight-open-curly-close"])
def test_mixed_straight_and_curly_marks_pair(text):
    q = only_quote(text)
    check_span(text, q, "We are ready,")


def test_two_single_marks_make_a_double_mark():
    text = "''We are ready,'' the coach said."
    q = only_quote(text)
    check_span(text, q, "We are ready,")
    assert q.outer.text == "''We are ready,''"


def test_marks_inside_markup_are_ignored():
    text = ('<tweet author="harbour_city" id="12">The ferry leaves at noon.</tweet>\n\n'
            '\u201cWe are ready,\u201d the captain said.')
    qs, warnings = marked(text)
    assert warnings == []
    assert [q.text for q in qs] == ["We are ready,"]


def test_empty_marks_are_ignored():
    text = "He typed \u201c\u201d into the box. \u201cWe are done,\u201d he said."
    qs, warnings = marked(text)
    assert warnings == []
    assert [q.text for q in qs] == ["We are done,"]


def test_two_quotes_in_one_sentence():
    text = "\u201cYes,\u201d she said, and then \u201cno.\u201d"
    qs, warnings = marked(text)
    assert warnings == []
    assert [q.text for q in qs] == ["Yes,", "no."]
    check_span(text, qs[1], "no.")


def test_multi_paragraph_quote_with_straight_marks():
    text = ('"We have rebuilt the bridge.\n\n'
            '"We will rebuild the harbour next year," she said.')
    q = only_quote(text)
    assert (q.start, q.end) == (1, text.index("next year,") + len("next year,"))


def test_nested_german_quotes():
    text = "\u201eWir bleiben hier, und \u201aniemals\u2018 gehen wir weg\u201c, sagte Anna Berg."
    q = only_quote(text)
    check_span(text, q, "Wir bleiben hier, und \u201aniemals\u2018 gehen wir weg")
    assert [s.text for s in q.inner] == ["niemals"]


def test_nested_french_quotes():
    text = "\u00ab Nous resterons ici, et \u2039 jamais \u203a nous ne partirons \u00bb, a d\u00e9clar\u00e9 Anna Berg."
    q = only_quote(text)
    check_span(text, q, "Nous resterons ici, et \u2039 jamais \u203a nous ne partirons")
    assert [s.text for s in q.inner] == ["jamais"]


def test_marks_in_a_long_run_without_spaces_quote_nothing():
    glued = "\u201cno\u201dx.y'z'(w)" * 30  # 390 characters of junk: a URL, an encoded blob
    text = f"Look at {glued} now. \u201cWe are done,\u201d he said."
    qs, warnings = marked(text)
    assert [q.text for q in qs] == ["We are done,"]
    start = text.index(glued)
    assert warnings == [f"quote marks ignored in {len(glued)} characters without a space at offset {start}"]


def test_a_short_run_without_spaces_still_pairs():
    text = "He wrote \u201cno\u201dx.y" + "z" * 200 + " and left."
    qs, warnings = marked(text)
    assert [q.text for q in qs] == ["no"] and warnings == []


def test_scripts_written_without_spaces_still_pair_in_long_runs():
    sentence = "\u5e02\u957f\u8bf4\u300c\u6211\u4eec\u4f1a\u91cd\u5efa\u5927\u6865\u300d\u3002"
    qs, warnings = marked(sentence * 40)  # 520 characters, not one space
    assert len(qs) == 40 and warnings == []
    assert {q.text for q in qs} == {"\u6211\u4eec\u4f1a\u91cd\u5efa\u5927\u6865"}
