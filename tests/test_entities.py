"""Stage 4: clustering speakers into entities with a canonical name (quotes/entities.py)."""
import json

import pytest

import quotes
from conftest import quote_with


def ent_of(r, inside):
    q = quote_with(r, inside)
    e = r.entity(q.entity)
    assert e is not None, q
    return e


def test_surname_joins_the_fullest_name(ex):
    text = ("\u201cThe budget is passed,\u201d Mohammad Shia al-Sudani said on Monday. "
            "\u201cSalaries will be paid this month,\u201d Sudani said.")
    r = ex(text)
    a, b = ent_of(r, "The budget is passed,"), ent_of(r, "Salaries will be paid this month,")
    assert a.id == b.id
    assert a.name == "Mohammad Shia al-Sudani"
    assert a.type == "PERSON"


def test_fullest_name_wins_even_when_it_comes_later(ex):
    text = ("\u201cThe budget is passed,\u201d Sudani said on Monday. "
            "Mohammad Shia al-Sudani later left for Cairo. "
            "\u201cSalaries will be paid this month,\u201d Sudani said.")
    r = ex(text)
    a, b = ent_of(r, "The budget is passed,"), ent_of(r, "Salaries will be paid this month,")
    assert a.id == b.id
    assert a.name == "Mohammad Shia al-Sudani"


def test_title_is_stripped_and_honorific_joins_the_name(ex):
    text = ("Qassem Soleimani arrived in the city on Friday. "
            "\u201cWe will stay as long as we are needed,\u201d Mr. Soleimani said.")
    r = ex(text)
    e = ent_of(r, "We will stay as long as we are needed,")
    assert e.name == "Qassem Soleimani"
    assert "Mr. Soleimani" not in e.aliases and "Mr" not in e.name
    assert [m.text for m in e.mentions] == ["Qassem Soleimani", "Mr. Soleimani"]


def test_acronym_in_brackets_joins_the_full_name(ex):
    text = ("The Coastal Fishers Alliance (CFA) called a strike on Monday. "
            "\u201cNo boat will leave the harbour this week,\u201d the CFA said.")
    r = ex(text)
    e = ent_of(r, "No boat will leave the harbour this week,")
    assert e.name == "Coastal Fishers Alliance"
    assert e.type == "ORG"
    assert "CFA" in e.aliases


def test_acronym_of_a_known_organisation(ex):
    text = ("The Islamic Revolutionary Guards Corps (IRGC) issued a warning on Sunday. "
            "\u201cAny attack will be answered at once,\u201d the IRGC said.")
    r = ex(text)
    e = ent_of(r, "Any attack will be answered at once,")
    assert e.name in ("Islamic Revolutionary Guards Corps", "Islamic Revolutionary Guard Corps")
    assert {m.text for m in e.mentions} >= {"Islamic Revolutionary Guards Corps", "IRGC"}
    assert len([x for x in r.entities if "IRGC" in [m.text for m in x.mentions]]) == 1


def test_gazetteer_alias_gives_canonical_name_and_kb_id(ex):
    text = "\u201cNo troops will move this month,\u201d the Pentagon said."
    r = ex(text)
    e = ent_of(r, "No troops will move this month,")
    assert e.name == "Department of Defense"
    assert e.kb_id == "Q11209"
    assert e.type == "ORG"


def test_gazetteer_alias_joins_the_canonical_name(ex):
    text = ("The Department of Defense published new rules on Monday. "
            "\u201cNo troops will move this month,\u201d the Pentagon said.")
    r = ex(text)
    e = ent_of(r, "No troops will move this month,")
    assert e.name == "Department of Defense"
    assert {m.text for m in e.mentions} >= {"Department of Defense"}
    assert len([x for x in r.entities if x.name == "Department of Defense"]) == 1


def test_text_alias_with_or(ex):
    text = ("The Eastern Shield Brigade, or Ansar al-Wadi, claimed the attack on Sunday. "
            "\u201cWe will strike again whenever we choose,\u201d Ansar al-Wadi said.")
    r = ex(text)
    e = ent_of(r, "We will strike again whenever we choose,")
    assert e.name == "Eastern Shield Brigade"
    assert "Ansar al-Wadi" in e.aliases


def test_organisations_do_not_merge_on_a_shared_word(ex):
    text = ("\u201cWe will respond to every strike,\u201d Kataib Hezbollah said on Monday. "
            "\u201cWe have no part in this,\u201d Hezbollah said.")
    r = ex(text)
    a, b = ent_of(r, "We will respond to every strike,"), ent_of(r, "We have no part in this,")
    assert a.id != b.id
    assert (a.name, b.name) == ("Kataib Hezbollah", "Hezbollah")


def test_two_people_sharing_a_surname_stay_apart(ex):
    text = ("John Smith and Mary Smith both ran for the seat. "
            "\u201cI will win this seat in a landslide,\u201d John Smith said. "
            "\u201cIt is far from over for any of us,\u201d Mary Smith said.")
    r = ex(text)
    a, b = ent_of(r, "I will win this seat in a landslide,"), ent_of(r, "It is far from over for any of us,")
    assert a.id != b.id
    assert (a.name, b.name) == ("John Smith", "Mary Smith")


def test_a_titled_surname_goes_to_the_person_it_agrees_with(ex):
    text = ("John Smith runs the bakery. Mary Smith runs the school. "
            "\u201cThe roof needs fixing before winter,\u201d Ms. Smith said.")
    r = ex(text)
    e = ent_of(r, "The roof needs fixing before winter,")
    assert e.name == "Mary Smith"
    assert len({x.id for x in r.entities if x.name.endswith("Smith")}) == 2


def test_entity_types(ex):
    text = ("\u201cThe bridge will reopen in June,\u201d Maria Lopez said. "
            "\u201cThe figures are accurate,\u201d the Ministry of Transport said. "
            "\u201cWe will not pay for it,\u201d Iran said. "
            "\u201cThe bridge is a target,\u201d Press TV said.")
    r = ex(text)
    got = {q.text: r.entity(q.entity) for q in r.quotes}
    assert (got["The bridge will reopen in June,"].name, got["The bridge will reopen in June,"].type) == \
        ("Maria Lopez", "PERSON")
    assert (got["The figures are accurate,"].name, got["The figures are accurate,"].type) == \
        ("Ministry of Transport", "ORG")
    assert (got["We will not pay for it,"].name, got["We will not pay for it,"].type) == ("Iran", "GPE")
    assert (got["The bridge is a target,"].name, got["The bridge is a target,"].type) == ("Press TV", "OUTLET")


def test_entity_ids_in_order_of_first_mention(ex):
    text = ("\u201cThe bridge will reopen in June,\u201d Maria Lopez said. "
            "\u201cNot before August,\u201d Hugh Hill said.")
    r = ex(text)
    assert [(e.id, e.name) for e in r.entities] == [("e1", "Maria Lopez"), ("e2", "Hugh Hill")]


def test_mentions_are_spans_of_the_text(ex):
    text = ("Hugh Hill runs the clinic. \u201cWe ran out of beds,\u201d Mr. Hill said. "
            "\u201cWe need more nurses,\u201d he added.")
    r = ex(text)
    e = ent_of(r, "We need more nurses,")
    assert e.name == "Hugh Hill"
    for m in e.mentions:
        assert text[m.start:m.end] == m.text
    assert [m.text for m in e.mentions] == ["Hugh Hill", "Mr. Hill", "he"]


KB_TEXT = ("The Northern Valley Growers Cooperative met on Monday. "
           "\u201cPrices must rise before the harvest,\u201d Valley Growers Union said.")


def test_user_kb_tsv_gives_kb_id(tmp_path):
    kb = tmp_path / "kb.tsv"
    kb.write_text("Q123456\tNorthern Valley Growers Cooperative\tNVGC|Valley Growers Union\tORG\n", encoding="utf-8")
    r = quotes.Extractor(kb=str(kb))(KB_TEXT)
    e = ent_of(r, "Prices must rise before the harvest,")
    assert e.name == "Northern Valley Growers Cooperative"
    assert e.kb_id == "Q123456"
    assert e.type == "ORG"


def test_user_kb_jsonl_gives_kb_id(tmp_path):
    kb = tmp_path / "kb.jsonl"
    kb.write_text(json.dumps({"id": "Q123456", "name": "Northern Valley Growers Cooperative",
                              "aliases": ["NVGC", "Valley Growers Union"], "type": "ORG"}) + "\n", encoding="utf-8")
    r = quotes.Extractor(kb=str(kb))(KB_TEXT)
    e = ent_of(r, "Prices must rise before the harvest,")
    assert e.name == "Northern Valley Growers Cooperative"
    assert e.kb_id == "Q123456"


def test_without_a_kb_there_is_no_kb_id_and_no_alias(ex):
    r = ex(KB_TEXT)
    e = ent_of(r, "Prices must rise before the harvest,")
    assert e.kb_id is None
    assert e.name == "Valley Growers Union"


def test_user_kb_person(tmp_path):
    kb = tmp_path / "kb.tsv"
    kb.write_text("P77\tMaria Lopez\t\tPERSON\n", encoding="utf-8")
    r = quotes.Extractor(kb=str(kb))("\u201cThe bridge will reopen in June,\u201d Maria Lopez said.")
    e = ent_of(r, "The bridge will reopen in June,")
    assert (e.name, e.kb_id, e.type) == ("Maria Lopez", "P77", "PERSON")


def test_bad_kb_line_raises_naming_the_line(tmp_path):
    kb = tmp_path / "kb.jsonl"
    kb.write_text('{"id": "Q1", "name": "A"}\nnot json\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"kb\.jsonl:2"):
        quotes.Extractor(kb=str(kb))


def test_long_title_is_stripped_from_the_canonical_name(ex):
    text = ("\u201cThe budget is passed,\u201d Iraqi Prime Minister Mohammad Shia al-Sudani said. "
            "\u201cSalaries will be paid this month,\u201d Sudani added.")
    r = ex(text)
    a, b = ent_of(r, "The budget is passed,"), ent_of(r, "Salaries will be paid this month,")
    assert a.id == b.id
    assert a.name == "Mohammad Shia al-Sudani"


def test_she_resolves_to_the_woman_of_two_smiths(ex):
    text = ("John Smith and Mary Smith both ran for the seat. "
            "\u201cIt is far from over for any of us,\u201d she said.")
    r = ex(text)
    e = ent_of(r, "It is far from over for any of us,")
    assert e.name == "Mary Smith"


@pytest.mark.parametrize("word", ["We\u2019re", "They\u2019re"])
def test_contraction_inside_a_quote_is_not_an_entity(ex, word):
    text = f"\u201c{word} ready for the storm,\u201d he said."
    r = ex(text)
    assert r.quotes[0].speaker.text == "he"
    assert all(e.name != word for e in r.entities)
    assert r.quotes[0].entity is None
