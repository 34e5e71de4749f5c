"""Form texts as Qt rich text: paragraphs, escaped HTML, and glossary terms marked as links that explain themselves."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from algoinventaris.formengine.model import Form, Source, text_in

TERM_SCHEME = "term:"


@dataclass(frozen=True)
class GlossaryEntry:
    """A glossary term in one language."""

    id: str
    term: str
    definition: str


class Glossary:
    """The terms of a form in one language, with one compiled pattern that finds them in any text."""

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        self.entries = {e.id: e for e in entries}
        self._by_lower = {e.term.lower(): e for e in entries if e.term}
        terms = sorted(self._by_lower, key=len, reverse=True)  # the longest term wins ("AI-systeem voor ...")
        self._pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])", re.IGNORECASE)
            if terms else None
        )

    def find(self, text: str) -> list[GlossaryEntry]:
        """The terms that occur in a text, in order of first appearance."""
        if self._pattern is None or not text:
            return []
        seen: dict[str, GlossaryEntry] = {}
        for match in self._pattern.finditer(text):
            entry = self._by_lower.get(match.group(1).lower())
            if entry is not None and entry.id not in seen:
                seen[entry.id] = entry
        return list(seen.values())

    def mark(self, text: str, style: str = "") -> str:
        """HTML for a plain text with every glossary term as a `term:<id>` link (with an optional inline style)."""
        if self._pattern is None or not text:
            return html.escape(text)
        out: list[str] = []
        last = 0
        for match in self._pattern.finditer(text):
            entry = self._by_lower.get(match.group(1).lower())
            if entry is None:
                continue
            out.append(html.escape(text[last:match.start()]))
            attr = f' style="{html.escape(style, quote=True)}"' if style else ""
            out.append(f'<a href="{TERM_SCHEME}{html.escape(entry.id)}"{attr}>{html.escape(match.group(1))}</a>')
            last = match.end()
        out.append(html.escape(text[last:]))
        return "".join(out)

    def definition(self, href: str) -> GlossaryEntry | None:
        """The entry a `term:<id>` link points to."""
        if not href.startswith(TERM_SCHEME):
            return None
        return self.entries.get(href[len(TERM_SCHEME):])


_GLOSSARIES: dict[tuple[str, str], Glossary] = {}


def glossary_for(form: Form, lang: str) -> Glossary:
    """The glossary of a form in a language (cached by content hash: forms are immutable)."""
    key = (form.content_hash, lang)
    found = _GLOSSARIES.get(key)
    if found is None:
        found = Glossary([GlossaryEntry(t.id, text_in(t.term, lang), text_in(t.definition, lang)) for t in form.glossary])
        if len(_GLOSSARIES) > 16:
            _GLOSSARIES.clear()
        _GLOSSARIES[key] = found
    return found


def paragraphs(text: str, glossary: Glossary | None = None, style: str = "") -> str:
    """Plain text to HTML paragraphs (blank line = new paragraph, newline = line break)."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    parts = []
    for block in blocks:
        inner = glossary.mark(block, style) if glossary is not None else html.escape(block)
        parts.append("<p>" + inner.replace("\n", "<br>") + "</p>")
    return "".join(parts)


def source_line(source: Source, lang: str) -> str:
    """One legal source as HTML: title, article and a link when there is a URL."""
    title = html.escape(text_in(source.title, lang))
    article = f", {html.escape(source.article)}" if source.article else ""
    if source.url:
        return f'<a href="{html.escape(source.url, quote=True)}">{title}{article}</a>'
    return f"{title}{article}"


def sources_inline(sources: Sequence[Source], lang: str) -> str:
    """Sources grouped by title, articles as links: "AI-verordening: art. 4 · art. 9; AVG (EU) 2016/679"."""
    groups: dict[str, list[Source]] = {}
    for source in sources:
        groups.setdefault(text_in(source.title, lang), []).append(source)
    parts = []
    for title, items in groups.items():
        articles = [s for s in items if s.article]
        if not articles:
            parts.append(" · ".join(source_line(s, lang) for s in items))
            continue
        links = []
        for s in articles:
            article = html.escape(s.article or "")
            links.append(f'<a href="{html.escape(s.url, quote=True)}">{article}</a>' if s.url else article)
        parts.append(f"{html.escape(title)}: " + " · ".join(links))
    return "; ".join(parts)


def bullet_list(items: Iterable[str]) -> str:
    """An HTML list of already-escaped items."""
    inner = "".join(f"<li>{item}</li>" for item in items)
    return f"<ul style='margin-left: 0px; -qt-list-indent: 1;'>{inner}</ul>" if inner else ""


def term_style(text_colour: str) -> str:
    """Inline style for glossary terms: the text's own colour, underlined (so they differ from web links)."""
    return f"color: {text_colour}; text-decoration: underline"
