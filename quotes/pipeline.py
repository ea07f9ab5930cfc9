"""The pipeline: an engine annotates the text, then the stages run in order.

find marks -> classify -> attribute -> cluster entities -> channels
"""
from __future__ import annotations

import gc
import itertools
from typing import Any, Iterable, Iterator, List, Optional, Union

from . import channels, classify, entities, indirect, marks, sieves, turns
from .scene import Scene
from .doc import Doc
from .model import Result
from .resources import KnownName, Lexicon, lexicon, load_kb

ENGINES = ("fast", "stanza")


class Extractor:
    """Reusable extractor: loads its resources once, then `extractor(text)` per document.

    engine: "fast" (model-free, the default) or "stanza" (needs `quotes[stanza]` and its models).
    kb: path of a knowledge-base file (TSV or JSONL: id, name, aliases, type) for `kb_id`s.
    """

    def __init__(self, engine: str = "fast", lang: str = "en", kb: Optional[str] = None,
                 stanza_pipeline: Any = None):
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
        self.engine = engine
        self.lang = lang
        self.lex: Lexicon = lexicon(lang)
        self.kb_path = kb
        self.kb: List[KnownName] = load_kb(kb) if kb else []
        self._stanza = None
        self._custom_pipeline = stanza_pipeline is not None
        if engine == "fast":
            from .engines import fast  # noqa: F401  (its import compiles its patterns: here, not in the first call)
        if engine == "stanza":
            from .engines import stanza_engine
            self._stanza = stanza_engine.StanzaAnnotator(lang, pipeline=stanza_pipeline)

    def annotate(self, text: Any) -> Doc:
        if self._stanza is not None or _is_stanza_document(text):
            if self._stanza is None:
                from .engines import stanza_engine
                return stanza_engine.from_document(text, self.lex)
            return self._stanza.annotate(text)
        from .engines import fast
        return fast.annotate(text, self.lex)

    def __call__(self, text: Any, id: str = "doc") -> Result:
        if not isinstance(text, str) and not _is_stanza_document(text):
            raise TypeError(f"expected text (str) or a stanza.Document, got {type(text).__name__}")
        # The collector is paused for the call: a long text makes millions of small objects and no
        # garbage cycles, and each full collection would re-scan all of them (a fifth of the time on
        # a 2 MB text). It is switched back on after, and left alone if the caller turned it off.
        paused = gc.isenabled()
        if paused:
            gc.disable()
        try:
            doc = self.annotate(text)
            return self.run(doc, id)
        finally:
            if paused:
                gc.enable()

    def run(self, doc: Doc, id: str = "doc") -> Result:
        """Run the stages over an annotated document."""
        quotes, warnings = marks.find_quotes(doc.text, doc.paragraphs)
        turn_quotes, quotes, chains = turns.find(doc, quotes)
        quotes = classify.classify(doc, quotes, self.lex)
        scene = Scene(doc, self.lex, quotes + turn_quotes)  # both hide their words from attribution
        quotes = sieves.attribute_marked(scene, quotes)
        reported, quotes = indirect.find(scene, quotes)
        quotes = sorted(quotes + reported + turn_quotes, key=lambda q: (q.start, -q.end))
        quotes, ents = entities.link(doc, quotes, self.lex, self.kb, chains)
        quotes = channels.assign(doc, quotes, ents, self.lex)
        return Result(id=id, quotes=tuple(quotes), entities=tuple(ents), warnings=tuple(warnings))

    def pipe(self, texts: Iterable[Union[str, Any]], ids: Optional[Iterable[str]] = None, n_process: int = 1,
             batch_size: int = 16) -> Iterator[Result]:
        """Results for many texts, in order, in the manner of spaCy's `nlp.pipe`. A text that
        fails gives a Result with `error` instead of stopping the stream. With n_process > 1
        the texts go to that many worker processes, batch_size at a time."""
        from . import batch
        from .inputs import Item
        ids = iter(ids) if ids is not None else (str(i) for i in itertools.count())
        items = (Item(next(ids), text=t) if isinstance(t, str) else
                 Item(next(ids), error=f"expected text (str), got {type(t).__name__}") for t in texts)
        if n_process <= 1:
            return (batch.extract_item(i, self) for i in items)
        if self._custom_pipeline:
            raise ValueError("n_process > 1 cannot share a stanza.Pipeline you built; use n_process=1")
        settings = batch.Settings(engine=self.engine, lang=self.lang, kb=self.kb_path)
        return batch.run(items, settings, jobs=n_process, batch_size=batch_size)


def _is_stanza_document(obj: Any) -> bool:
    return type(obj).__name__ == "Document" and type(obj).__module__.startswith("stanza")


_DEFAULT: Optional[Extractor] = None


def extract(text: Any, id: str = "doc") -> Result:
    """Find every quotation in `text` with the default (fast) extractor."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT(text, id=id)
