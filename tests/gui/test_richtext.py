"""Glossary marking and rich-text helpers: terms found case-insensitively, longest first, text escaped."""

from __future__ import annotations

from typing import Any

from algoinventaris.formengine.model import Source
from algoinventaris.ui.richtext import Glossary, GlossaryEntry, glossary_for, paragraphs, source_line, sources_inline


def make() -> Glossary:
    return Glossary([
        GlossaryEntry("ai", "AI-systeem", "Leert zelf."),
        GlossaryEntry("gp", "AI-systeem voor alles", "Voor alles."),
        GlossaryEntry("prov", "aanbieder", "Brengt op de markt."),
    ])


def test_terms_are_found_case_insensitively_and_longest_first() -> None:
    g = make()
    found = g.find("Een ai-systeem voor alles is ook een AI-systeem; de Aanbieder weet dat.")
    assert [e.id for e in found] == ["gp", "ai", "prov"]


def test_terms_inside_other_words_are_not_marked() -> None:
    g = make()
    assert g.find("aanbieders en AI-systemen") == []
    assert "href" not in g.mark("zorgaanbieder")


def test_mark_escapes_text_and_links_terms() -> None:
    html = make().mark("Is <b>dit</b> een AI-systeem & meer?", "color: #000")
    assert "&lt;b&gt;dit&lt;/b&gt;" in html
    assert '<a href="term:ai" style="color: #000">AI-systeem</a>' in html
    assert "&amp; meer?" in html
    assert make().definition("term:prov") == GlossaryEntry("prov", "aanbieder", "Brengt op de markt.")
    assert make().definition("https://example.org") is None


def test_paragraphs_and_sources(tiny_form: Any) -> None:
    assert paragraphs("Een.\n\nTwee\ndrie.") == "<p>Een.</p><p>Twee<br>drie.</p>"
    source = tiny_form.question("uses-ai").sources[0]
    line = source_line(source, "en")
    assert 'href="https://eur-lex.europa.eu/eli/reg/2024/1689/oj"' in line
    assert "AI Act, art. 3(1)" in line


def test_glossary_for_a_form_follows_the_language(tiny_form: Any) -> None:
    nl = glossary_for(tiny_form, "nl")
    en = glossary_for(tiny_form, "en")
    assert [e.term for e in nl.find("Een AI-systeem")] == ["AI-systeem"]
    assert [e.term for e in en.find("An AI system for everything")] == ["AI system for everything"]
    assert glossary_for(tiny_form, "nl") is nl


def test_sources_are_grouped_by_title() -> None:
    act = {"nl": "AI-verordening", "en": "AI Act"}
    sources = (Source(act, "art. 4", "https://eur-lex.example/ai"), Source({"nl": "AVG", "en": "GDPR"}, None, "https://eur-lex.example/gdpr"),
               Source(act, "art. 9", "https://eur-lex.example/ai"), Source({"nl": "Awb", "en": "Awb"}))
    text = sources_inline(sources, "en")
    assert text == ('AI Act: <a href="https://eur-lex.example/ai">art. 4</a> · <a href="https://eur-lex.example/ai">art. 9</a>; '
                    '<a href="https://eur-lex.example/gdpr">GDPR</a>; Awb')
