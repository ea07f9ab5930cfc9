"""A stanza processor named `quote`: quotations, speakers and entities on a stanza Document.

    import quotes.stanza_processor  # registers the processor with stanza
    nlp = stanza.Pipeline("en", processors="tokenize,mwt,pos,lemma,depparse,ner,quote")
    doc = nlp(text)
    doc.quotes          # tuple of quotes.model.Quote, offsets into doc.text
    doc.quote_entities  # tuple of quotes.model.Entity
    doc.quote_warnings  # tuple of str (unpaired quotation marks)

It is registered the way stanza registers its own processors (`register_processor`), runs last in the
pipeline, needs only `tokenize`, and has no model file of its own: it reads whatever the processors
before it annotated (depparse arcs and NER make it better, the rest is the fast engine's rules).
Options are passed as pipeline keyword arguments: `quote_kb=PATH` (a knowledge base for `kb_id`s).
"""
from __future__ import annotations

import os

from stanza.models.common.doc import Document
from stanza.pipeline.processor import Processor, register_processor

from .pipeline import Extractor
from .resources import DATA_DIR

NAME = "quote"

for _prop in ("quotes", "quote_entities", "quote_warnings"):
    if not hasattr(Document, _prop):
        # stanza's way to add an annotation to its data objects: `doc.quotes`, settable
        Document.add_property(_prop, default=(), setter=lambda self, value, p=_prop: setattr(self, "_" + p, value))


@register_processor(NAME)
class QuoteProcessor(Processor):
    """Runs `quotes.Extractor` on the annotated Document and attaches the result to it."""

    PROVIDES_DEFAULT = {NAME}
    REQUIRES_DEFAULT = {"tokenize"}

    def __init__(self, config, pipeline, device):
        super().__init__(config, pipeline, device)  # sets requires/provides and checks them
        lang = config.get("lang") or "en"
        if not os.path.isdir(os.path.join(DATA_DIR, lang)):
            lang = "en"  # the word lists quotes has (its rules read quotation marks of every language)
        self._extractor = Extractor(lang=lang, kb=config.get("kb"))

    def __str__(self):
        return "QuoteProcessor"  # no model file to name

    def mark_inactive(self):
        """Called by stanza when the pipeline cannot use this processor; nothing to release."""

    def process(self, doc):
        result = self._extractor(doc)
        doc.quotes = result.quotes
        doc.quote_entities = result.entities
        doc.quote_warnings = result.warnings
        return doc
