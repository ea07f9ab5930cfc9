"""The stanza engine: sentences, words, dependency arcs and named entities from a stanza pipeline.

`StanzaAnnotator(lang)` runs `stanza.Pipeline(tokenize, mwt, pos, lemma, depparse, ner[, coref])` on a
text; `from_document(doc, lex)` turns a stanza Document that is already annotated (by that pipeline, a
user's own, or built by hand) into the `quotes.doc.Doc` every stage reads. The fast engine still
supplies what stanza has no model for (cues of speech, pronouns, descriptions) and the names stanza's
NER misses, so this engine only adds to what the fast one finds.

stanza and torch are imported only when a pipeline is built here, never by `import quotes`.
"""
from __future__ import annotations

import bisect
import importlib.util
from typing import Any, List, Optional, Tuple

from .. import deps, segment
from ..doc import Doc, Mention, Sentence, Token
from ..errors import EngineUnavailable, InputError
from ..resources import Lexicon, lexicon
from . import fast

# stanza's NER labels (OntoNotes, CoNLL-03, WikiNER) -> the entity types of quotes; others are skipped
NER_TYPES = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE"}
# an honorific attached to a name stays in the mention (`Mr. Hill`); job titles do not
_HONORIFICS = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Mx", "Mx.", "Dr", "Dr.", "Prof", "Prof.",
               "Mme", "Mme.", "Mlle", "M.", "Herr", "Frau"}
NO_STANZA = "the stanza engine needs stanza: pip install 'quotes[stanza]' (or use the fast engine: --engine fast)"


def _import_stanza():
    try:
        import stanza  # noqa: F401  (heavy: torch comes with it)
    except ImportError:
        raise EngineUnavailable(NO_STANZA) from None
    return stanza


class StanzaAnnotator:
    """Annotates texts with a stanza pipeline: the user's own, or one built from the installed models."""

    def __init__(self, lang: str = "en", pipeline: Any = None, resources_dir: Optional[str] = None):
        self.lang = lang
        self.lex = lexicon(lang)
        if pipeline is None:
            pipeline = build_pipeline(lang, resources_dir)
        self.pipeline = pipeline

    def annotate(self, text: Any) -> Doc:
        """A text runs through the pipeline; a stanza Document is taken as it is (it was annotated)."""
        if isinstance(text, str):
            return from_document(self.pipeline(text), self.lex)
        return from_document(text, self.lex)


def build_pipeline(lang: str = "en", resources_dir: Optional[str] = None):
    """`stanza.Pipeline` with the processors the engine reads, from installed models only (it never
    downloads). Raises EngineUnavailable with one line when stanza or its models are missing."""
    stanza = _import_stanza()
    from .. import models
    where, source = models.models_dir(resources_dir)
    info = models.language_status(lang, where)
    if not info["ready"]:
        raise EngineUnavailable(models.missing_message(lang, where, source, info))
    processors = [p for p in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
                  if p != "mwt" or "mwt" in info["default"]]
    coref = info["optional"].get("coref")  # stanza's default coref model, when the user has it
    if coref in info["present"].get("coref", []) and importlib.util.find_spec("transformers") is not None:
        processors.append("coref")
    try:
        # stanza logs a failed load before raising; the one line below says it instead
        return stanza.Pipeline(lang, dir=where, processors=",".join(processors), download_method=None,
                               logging_level="CRITICAL")
    except FileNotFoundError as e:  # stanza's LanguageNotDownloadedError, ResourcesFileNotFoundError, ...
        info["missing"] = info["missing"] or [str(getattr(e, "filename", "") or "a model file")]
        raise EngineUnavailable(models.missing_message(lang, where, source, info)) from None
    except Exception as e:  # a model that does not load: still one line, never a traceback
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise EngineUnavailable(f"the stanza pipeline for {lang!r} could not be built from {where}: {first} "
                                f"(reinstall with `quotes models download --lang {lang}`, or use --engine fast)") from None


# --------------------------------------------------------------------------- Document -> Doc
def from_document(sdoc: Any, lex: Optional[Lexicon] = None) -> Doc:
    """The annotated Doc of a stanza Document: its sentences, words (with heads and relations when it
    was parsed), NER names and coreference chains, plus the fast engine's cues, pronouns,
    descriptions and the names NER missed. Offsets index `sdoc.text`, the original text."""
    lex = lex or lexicon("en")
    text = getattr(sdoc, "text", None)
    if not isinstance(text, str):
        raise InputError("the stanza Document has no text: build it with the original text (Document(..., text=TEXT))")
    paras = segment.paragraphs(text)
    words, word_ids, sent_spans, ner_tokens = _read(sdoc, text)
    tokens = _tokens(words, word_ids)
    sents = _sentences(sent_spans, paras, text)
    cues, others, lower_words = fast._words(text, lex)
    names = _merge_names(_ner_mentions(text, lex, ner_tokens),
                         fast._names(text, lex, {s.start for s in sents}, lower_words))
    others = _widen(text, others, tokens)
    mentions = sorted(names + others, key=lambda m: (m.start, -m.end))
    doc = Doc(text=text, paragraphs=paras, sentences=sents, mentions=mentions, cues=cues, tokens=tokens,
              coref=_coref(sdoc, words), engine="stanza")
    kept = [c for c in cues if deps.is_verb_cue(doc, c)]  # `plans` the noun is no cue of speech
    if len(kept) < len(cues):
        doc = Doc(text=text, paragraphs=paras, sentences=sents, mentions=mentions, cues=kept, tokens=tokens,
                  coref=doc.coref, engine="stanza")
    return doc


def _read(sdoc, text: str):
    """Words (with their char spans), the (sentence, word id) of each, sentence spans and the NER
    tags of the tokens. Offsets come from start_char/end_char; a document without them (CoNLL-U)
    is aligned to its text token by token."""
    words, word_ids, sent_spans, ner_tokens = [], [], [], []
    pos = 0
    for si, sent in enumerate(sdoc.sentences):
        first = len(words)
        for tok in sent.tokens:
            ts, te = tok.start_char, tok.end_char
            if ts is None or te is None:
                ts = text.find(tok.text, pos)
                if ts < 0:
                    raise InputError(f"the stanza Document's token {tok.text!r} is not in its text after offset {pos}")
                te = ts + len(tok.text)
            pos = te
            ner_tokens.append((ts, te, getattr(tok, "ner", None)))
            for w in tok.words:
                ws, we = getattr(w, "start_char", None), getattr(w, "end_char", None)
                if ws is None or we is None or len(tok.words) > 1 and not (ts <= ws <= we <= te):
                    ws, we = ts, te  # a word of a multi-word token (`du` = `de le`) spans its token
                words.append((ws, we, w))
                word_ids.append((si, w.id))
        if len(words) > first:
            sent_spans.append((words[first][0], max(we for _, we, _ in words[first:])))
        ner_tokens.append(None)  # entities never cross sentences
    return words, word_ids, sent_spans, ner_tokens


def _tokens(words, word_ids) -> List[Token]:
    index = {wid: i for i, wid in enumerate(word_ids)}
    out = []
    for (ws, we, w), (si, _) in zip(words, word_ids):
        head = w.head
        gov = index.get((si, head), -1) if isinstance(head, int) and head > 0 else -1
        out.append(Token(ws, we, w.text, w.lemma or "", w.upos or "", gov, w.deprel or ""))
    return out


def _sentences(spans, paras, text: str) -> List[Sentence]:
    """stanza's sentences, cut where a paragraph ends inside one (a headline with no full stop)."""
    paras = paras or [(0, len(text))]
    starts = [ps for ps, _ in paras]
    out: List[Sentence] = []
    for s, e in spans:
        pi = max(0, bisect.bisect_right(starts, s) - 1)
        while pi < len(paras) and paras[pi][0] < e:
            ps, pe = paras[pi]
            a, b = max(s, ps), min(e, pe)
            if b > a and (not out or a >= out[-1].end):
                out.append(Sentence(a, b, pi))
            pi += 1
    return out


def _ner_mentions(text: str, lex: Lexicon, ner_tokens) -> List[Mention]:
    """Name mentions for stanza's PERSON/ORG/GPE/LOC entities, typed by NER unless the gazetteer
    knows the name (an outlet stays an OUTLET), with an attached honorific and without `the`."""
    out = []
    for s, e, label in _decode(ner_tokens):
        typ = NER_TYPES.get(label)
        if typ is None:
            continue
        if text[s:s + 4] in ("the ", "The "):
            s += 4
        if typ == "PERSON":
            before = text[max(0, s - 6):s].split()
            if before and before[-1] in _HONORIFICS and text[s - 1] == " ":
                s = text.rindex(before[-1], 0, s)
        raw = text[s:e]
        m = fast._name_mention(text, s, e, lex)
        if m is None or m.start != s or m.end != e:
            out.append(Mention(s, e, raw, "name", typ, name=raw))
            continue
        known = lex.lookup(m.text)
        if known is None:
            m = Mention(m.start, m.end, m.text, "name", typ, gender=m.gender if typ == "PERSON" else None,
                        name=m.name or raw)
        out.append(m)
    return out


def _decode(ner_tokens) -> List[Tuple[int, int, str]]:
    """(start, end, label) of the entities in BIO/BIOES tags (`B-PERSON`, `I-ORG`, `S-GPE`, `O`)."""
    out = []
    cur = None
    for item in ner_tokens:
        tag = item[2] if item is not None else None
        if not tag or tag == "O" or "-" not in tag:
            if cur:
                out.append(tuple(cur))
            cur = None
            continue
        prefix, label = tag.split("-", 1)
        if prefix in ("B", "S") or cur is None or cur[2] != label:
            if cur:
                out.append(tuple(cur))
            cur = [item[0], item[1], label]
        else:
            cur[1] = item[1]
        if prefix in ("E", "S"):
            out.append(tuple(cur))
            cur = None
    if cur:
        out.append(tuple(cur))
    return out


_WIDEN = {"det", "amod", "compound", "nummod"}


def _widen(text: str, mentions: List[Mention], tokens: List[Token]) -> List[Mention]:
    """Descriptions reach as far left as their noun's determiner and modifiers go in the parse
    (`An Iran-aligned Iraqi militia`, where the word rules stop at `Iraqi militia`)."""
    if all(t.head == -1 for t in tokens):
        return mentions
    starts = [t.start for t in tokens]
    out = []
    for m in mentions:
        i = bisect.bisect_left(starts, m.end) - 1  # the noun: the last word of the mention
        if m.form == "description" and i >= 0 and tokens[i].end == m.end:
            s = m.start
            for j in range(i - 1, max(-1, i - 10), -1):
                if tokens[j].head == i and tokens[j].deprel.split(":")[0] in _WIDEN:
                    s = min(s, _leftmost(tokens, j, i))
            if s < m.start and "\n" not in text[s:m.start]:
                m = Mention(s, m.end, text[s:m.end], m.form, m.type, m.gender, m.plural, m.name, m.kb_id)
        out.append(m)
    return out


def _leftmost(tokens: List[Token], j: int, stop: int) -> int:
    """The start of the leftmost word under j (its modifiers: `more secretive`), punctuation aside."""
    s = tokens[j].start
    for k in range(j - 1, max(-1, j - 6), -1):
        h = tokens[k].head
        while h not in (-1, j, stop) and h != k:
            h = tokens[h].head
        if h == j and tokens[k].upos != "PUNCT":
            s = tokens[k].start
    return s


def _merge_names(ner: List[Mention], names: List[Mention]) -> List[Mention]:
    """NER's names, and the fast engine's names that overlap none of them."""
    spans = sorted((m.start, m.end) for m in ner)
    out = list(ner)
    for m in names:
        if not any(s < m.end and m.start < e for s, e in spans):
            out.append(m)
    return out


def _coref(sdoc, words) -> List[List[Tuple[int, int]]]:
    """Coreference chains as lists of (start, end) character spans, when the Document has them."""
    chains = getattr(sdoc, "coref", None) or []
    if not chains:
        return []
    first_word = {}
    n = 0
    for si, sent in enumerate(sdoc.sentences):
        first_word[si] = n
        n += len(sent.words)
    out = []
    for chain in chains:
        spans = []
        for m in getattr(chain, "mentions", ()):
            if not isinstance(m.start_word, int) or m.sentence not in first_word:
                continue  # a zero anaphor has no text
            a = first_word[m.sentence] + m.start_word
            b = first_word[m.sentence] + m.end_word - 1
            if 0 <= a <= b < len(words):
                spans.append((words[a][0], words[b][1]))
        if len(spans) > 1:
            out.append(sorted(set(spans)))
    return out
