"""The auditor's PDF of one submission: cover, AI-Act conclusion, decision path, register, category, requirements, seal.

Dutch by default, English when the submission was made in English. Every page carries "Pagina X
van Y", the submission id and the short content digest; the last page lists the SHA-256 of
answers.json, outcome.json and register.json, the full content digest, the signer and key
fingerprint, and a QR code of the digest, so the paper and the package can be matched.
All user text is escaped before it reaches reportlab's paragraph markup, and control characters in it
are shown as a marker such as [U+0007] (report/safetext.py), so nothing in a package is hidden on paper.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import segno
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from algoinventaris import __version__
from algoinventaris.domain.submission import PathStep, Requirement, Submission
from algoinventaris.report.fonts import FontSet, register_fonts
from algoinventaris.report.safetext import visible

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5a5a5a")
ACCENT = colors.HexColor("#1d3a5f")
RULE = colors.HexColor("#b8bec6")
SHADE = colors.HexColor("#eef1f5")
PAGE_W, PAGE_H = A4
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 22 * mm, 22 * mm, 26 * mm, 24 * mm
BODY_W = PAGE_W - MARGIN_L - MARGIN_R

MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}

DIMENSIONS = {
    "nl": {"soort-toepassing": "Soort toepassing", "risicogroep": "Risicogroep", "rol-ai-act": "Rol (AI-verordening)",
           "transparantieverplichting": "Transparantieverplichting", "systeemrisico": "Systeemrisico",
           "open-source": "Open source", "ai-verordening": "AI-verordening"},
    "en": {"soort-toepassing": "Kind of application", "risicogroep": "Risk group", "rol-ai-act": "Role (AI Act)",
           "transparantieverplichting": "Transparency obligation", "systeemrisico": "Systemic risk",
           "open-source": "Open source", "ai-verordening": "AI Act"},
}

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "brand": "Algoritme-inventaris",
        "doc_title": "Verantwoording algoritme",
        "doc_sub": "AI-verordening en Algoritmeregister",
        "running": "Verantwoording algoritme",
        "algorithm": "Algoritme",
        "organisation": "Organisatie",
        "unit": "Onderdeel",
        "owner": "Eigenaar",
        "round": "Inventarisatieronde",
        "date": "Datum van inzending",
        "submission": "Inzending",
        "corrects": "Corrigeert inzending",
        "forms": "Vragenlijsten",
        "summary": "Conclusie in het kort",
        "cover_note": "Dit rapport hoort bij een ondertekend inzendingspakket. Op de laatste pagina staan de "
                      "inhoudsdigest en de hashes waarmee papier en pakket aan elkaar te koppelen zijn.",
        "s_conclusion": "1. Conclusie over de AI-verordening",
        "obligations": "Wat dit betekent: verplichtingen",
        "no_obligations": "Aan deze conclusie zijn geen verplichtingen verbonden.",
        "sources": "Wettelijke grondslag",
        "facts": "Kenmerken van de uitkomst",
        "labels": "Vastgestelde kenmerken",
        "s_path": "2. Beslispad",
        "path_intro": "De vragen zoals ze beantwoord zijn, in volgorde. De laatste kolom laat zien wat het "
                      "antwoord vastlegde en waar het naartoe leidde.",
        "col_nr": "Nr.",
        "col_question": "Vraag",
        "col_answer": "Gegeven antwoord",
        "col_why": "Waarom van belang",
        "sets": "Legt vast",
        "leads_q": "Leidt naar de vraag",
        "leads_c": "Leidt tot de conclusie",
        "s_register": "3. Gegevens voor het Algoritmeregister",
        "not_filled": "Nog niet ingevuld.",
        "incomplete": "Deze gegevens zijn nog niet volledig.",
        "standard": "Standaard",
        "s_category": "4. Categorie",
        "category": "Categorie",
        "reasons": "Redenen",
        "exclusion": "Uitzonderingsgrond",
        "hr_test": "Mensenrechtentoets",
        "none": "geen",
        "unknown": "nog niet bekend",
        "s_requirements": "5. Vereisten die van toepassing zijn",
        "not_determined": "Nog niet bepaald.",
        "s_seal": "6. Koppeling met het pakket",
        "seal_intro": "Dit rapport staat zelf in het pakket en kan daarom de hash van het manifest niet noemen. "
                      "In plaats daarvan staat hieronder de inhoudsdigest: één SHA-256 over de regels die "
                      "<font name='{mono}'>sha256sum answers.json outcome.json register.json</font> afdrukt. "
                      "Wie het pakket heeft, rekent hem na met "
                      "<font name='{mono}'>sha256sum answers.json outcome.json register.json | sha256sum</font> "
                      "of met <font name='{mono}'>algoinventaris verify</font>.",
        "digest": "Inhoudsdigest (SHA-256)",
        "signer": "Ondertekenaar",
        "method": "Ondertekenmethode",
        "method_ed25519": "Ed25519 (manifest.sig)",
        "method_cms": "CMS met certificaat van de organisatie (manifest.p7s)",
        "fingerprint": "Vingerafdruk sleutel",
        "qr_caption": "QR-code van de inhoudsdigest",
        "signoff": "Voor gezien",
        "name": "Naam",
        "signature": "Handtekening",
        "page": "Pagina {x} van {y}",
        "footer_sub": "Inzending",
        "footer_digest": "Inhoudsdigest",
        "signdate": "Datum",
        "generated": "Gemaakt met algoinventaris {version}",
    },
    "en": {
        "brand": "Algorithm inventory",
        "doc_title": "Algorithm accountability report",
        "doc_sub": "AI Act and Algorithm Register",
        "running": "Algorithm accountability report",
        "algorithm": "Algorithm",
        "organisation": "Organisation",
        "unit": "Unit",
        "owner": "Owner",
        "round": "Inventory round",
        "date": "Date of submission",
        "submission": "Submission",
        "corrects": "Corrects submission",
        "forms": "Questionnaires",
        "summary": "Conclusion in brief",
        "cover_note": "This report belongs to a signed submission package. The last page gives the content "
                      "digest and the hashes that tie this paper to the package.",
        "s_conclusion": "1. Conclusion on the AI Act",
        "obligations": "What this means: obligations",
        "no_obligations": "This conclusion carries no obligations.",
        "sources": "Legal basis",
        "facts": "Characteristics of the outcome",
        "labels": "Characteristics established",
        "s_path": "2. Decision path",
        "path_intro": "The questions as they were answered, in order. The last column shows what each answer "
                      "established and where it led.",
        "col_nr": "No.",
        "col_question": "Question",
        "col_answer": "Answer given",
        "col_why": "Why it mattered",
        "sets": "Establishes",
        "leads_q": "Leads to the question",
        "leads_c": "Leads to the conclusion",
        "s_register": "3. Algorithm Register details",
        "not_filled": "Not filled in yet.",
        "incomplete": "These details are not complete yet.",
        "standard": "Standard",
        "s_category": "4. Category",
        "category": "Category",
        "reasons": "Reasons",
        "exclusion": "Exclusion ground",
        "hr_test": "Human-rights impact assessment",
        "none": "none",
        "unknown": "not known yet",
        "s_requirements": "5. Requirements that apply",
        "not_determined": "Not determined yet.",
        "s_seal": "6. Link with the package",
        "seal_intro": "This report is itself part of the package, so it cannot state the manifest's hash. "
                      "Instead it gives the content digest: one SHA-256 over the lines that "
                      "<font name='{mono}'>sha256sum answers.json outcome.json register.json</font> prints. "
                      "Anyone holding the package recomputes it with "
                      "<font name='{mono}'>sha256sum answers.json outcome.json register.json | sha256sum</font> "
                      "or with <font name='{mono}'>algoinventaris verify</font>.",
        "digest": "Content digest (SHA-256)",
        "signer": "Signer",
        "method": "Signing method",
        "method_ed25519": "Ed25519 (manifest.sig)",
        "method_cms": "CMS with the organisation's certificate (manifest.p7s)",
        "fingerprint": "Key fingerprint",
        "qr_caption": "QR code of the content digest",
        "signoff": "Seen by",
        "name": "Name",
        "signature": "Signature",
        "page": "Page {x} of {y}",
        "footer_sub": "Submission",
        "footer_digest": "Content digest",
        "signdate": "Date",
        "generated": "Made with algoinventaris {version}",
    },
}


@dataclass(frozen=True)
class ReportSeal:
    """What the package adds to the report: identifiers, signer and the hashes that tie paper to package."""

    submission_id: str
    created_at: dt.datetime
    signer_name: str
    signer_method: str
    fingerprint: str
    content_digest: str
    file_hashes: Mapping[str, str]
    corrects: str | None = None


def esc(text: str | None) -> str:
    """User text made safe for reportlab paragraph markup (&, <, > escaped, control characters shown); line breaks kept."""
    if not text:
        return ""
    shown = visible(text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    return html.escape(shown, quote=False).replace("\n", "<br/>")


def long_date(moment: dt.datetime, lang: str) -> str:
    """'12 maart 2026, 14:03 UTC' / '12 March 2026, 14:03 UTC'."""
    utc = moment.astimezone(dt.UTC)
    return f"{utc.day} {MONTHS[lang][utc.month - 1]} {utc.year}, {utc:%H:%M} UTC"


def group(hexdigits: str, size: int = 4) -> str:
    """Hex digits in groups, for reading aloud and comparing."""
    return " ".join(hexdigits[i:i + size] for i in range(0, len(hexdigits), size))


class _Styles:
    def __init__(self, fonts: FontSet) -> None:
        base = ParagraphStyle("body", fontName=fonts.regular, fontSize=9.5, leading=13.2, textColor=INK,
                              alignment=TA_LEFT, splitLongWords=1, spaceAfter=4,
                              bulletFontName=fonts.regular)
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=0)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8.6, leading=11.2, spaceAfter=0)
        self.cell_bold = ParagraphStyle("cellb", parent=self.cell, fontName=fonts.bold)
        self.cell_muted = ParagraphStyle("cellm", parent=self.cell, textColor=MUTED)
        self.mono = ParagraphStyle("mono", parent=self.cell, fontName=fonts.mono, fontSize=8, leading=10.5)
        self.h1 = ParagraphStyle("h1", parent=base, fontName=fonts.bold, fontSize=14, leading=18, textColor=ACCENT,
                                 spaceBefore=10, spaceAfter=8)
        self.h2 = ParagraphStyle("h2", parent=base, fontName=fonts.bold, fontSize=10.5, leading=14, textColor=INK,
                                 spaceBefore=8, spaceAfter=4)
        self.title = ParagraphStyle("title", parent=base, fontName=fonts.bold, fontSize=22, leading=27,
                                    textColor=ACCENT, spaceAfter=4)
        self.subtitle = ParagraphStyle("subtitle", parent=base, fontSize=11.5, leading=15, textColor=MUTED,
                                       spaceAfter=18)
        self.name = ParagraphStyle("name", parent=base, fontName=fonts.bold, fontSize=16, leading=21, textColor=INK,
                                   spaceAfter=14)
        self.bullet = ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=2)


class QrFlowable(Flowable):  # type: ignore[misc]
    """A QR code drawn as vector squares (sharp at any zoom, identical bytes every time)."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        qr = segno.make(data, error="m", micro=False)
        self.rows = [list(row) for row in qr.matrix_iter(scale=1, border=4)]
        self.size = size
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        n = len(self.rows)
        unit = self.size / n
        c = self.canv
        c.setFillColor(colors.white)
        c.rect(0, 0, self.size, self.size, stroke=0, fill=1)
        c.setFillColor(colors.black)
        for y, row in enumerate(self.rows):
            x = 0
            while x < n:
                if row[x]:
                    start = x
                    while x < n and row[x]:
                        x += 1
                    c.rect(start * unit, self.size - (y + 1) * unit, (x - start) * unit, unit, stroke=0, fill=1)
                else:
                    x += 1


def _table(*args: Any, **kwargs: Any) -> Table:
    """A table whose cells use the embedded font (reportlab would otherwise reference Helvetica).

    A row taller than what is left of the page is split inside the row (a register text may hold 5,000
    characters, more than a page), so no text is ever too long to print.
    """
    kwargs.setdefault("splitInRow", 1)
    table = Table(*args, **kwargs)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), register_fonts().regular)]))
    return table


def _canvas_class(draw_furniture: Callable[[Any, int, int], None], font: str) -> type[rl_canvas.Canvas]:
    """A canvas that remembers its pages and draws header/footer with the total page count on save."""

    class NumberedCanvas(rl_canvas.Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = font  # no reference to an unembedded standard font
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                draw_furniture(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


class _Report:
    def __init__(self, sub: Submission, seal: ReportSeal) -> None:
        self.sub = sub
        self.seal = seal
        self.lang = sub.language if sub.language in TEXTS else "nl"
        self.t = TEXTS[self.lang]
        self.fonts = register_fonts()
        self.s = _Styles(self.fonts)

    # -- page furniture ---------------------------------------------------------------------------

    def furniture(self, c: Any, number: int, total: int) -> None:
        f, t = self.fonts, self.t
        c.saveState()
        if number == 1:
            c.setFillColor(ACCENT)
            c.rect(0, PAGE_H - 16 * mm, PAGE_W, 16 * mm, stroke=0, fill=1)
            c.setFillColor(colors.white)
            c.setFont(f.bold, 10)
            c.drawString(MARGIN_L, PAGE_H - 10 * mm, t["brand"])
            c.setFont(f.regular, 8.5)
            c.drawRightString(PAGE_W - MARGIN_R, PAGE_H - 10 * mm, visible(self.sub.algorithm.round, keep_layout=False))
        else:
            c.setStrokeColor(RULE)
            c.setLineWidth(0.6)
            c.line(MARGIN_L, PAGE_H - 15 * mm, PAGE_W - MARGIN_R, PAGE_H - 15 * mm)
            c.setFillColor(MUTED)
            c.setFont(f.bold, 8)
            c.drawString(MARGIN_L, PAGE_H - 13 * mm, t["running"])
            c.setFont(f.regular, 8)
            name = visible(self.sub.algorithm.name, keep_layout=False)
            width = BODY_W - c.stringWidth(t["running"], f.bold, 8) - 12 * mm
            while name and c.stringWidth(name, f.regular, 8) > width:
                name = name[:-2] + "…" if len(name) > 2 else ""
            c.drawRightString(PAGE_W - MARGIN_R, PAGE_H - 13 * mm, name)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.line(MARGIN_L, 15 * mm, PAGE_W - MARGIN_R, 15 * mm)
        c.setFillColor(MUTED)
        c.setFont(f.regular, 7.5)
        c.drawString(MARGIN_L, 10.5 * mm, f"{t['footer_sub']} {self.seal.submission_id}")
        c.drawString(MARGIN_L, 7 * mm, f"{t['footer_digest']} {group(self.seal.content_digest[:16])}")
        c.setFont(f.bold, 8)
        c.drawRightString(PAGE_W - MARGIN_R, 10.5 * mm, t["page"].format(x=number, y=total))
        c.restoreState()

    # -- building blocks --------------------------------------------------------------------------

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of markup we wrote (user parts must already be escaped)."""
        return Paragraph(text, style or self.s.body)

    def kv_table(self, rows: Sequence[tuple[str, Any]], label_width: float = 48 * mm) -> Table:
        data = [[self.p(esc(k), self.s.cell_muted), v if isinstance(v, Flowable) else self.p(v, self.s.cell)]
                for k, v in rows]
        table = _table(data, colWidths=[label_width, BODY_W - label_width], hAlign="LEFT")
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ]))
        return table

    def boxed(self, flowables: list[Flowable]) -> Table:
        table = _table([[flowables]], colWidths=[BODY_W], hAlign="LEFT")
        table.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ]))
        return table

    def bullets(self, items: Sequence[str]) -> list[Flowable]:
        return [Paragraph(item, self.s.bullet, bulletText="•") for item in items]

    # -- sections -----------------------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        t, sub, seal = self.t, self.sub, self.seal
        alg = sub.algorithm
        forms = "<br/>".join(
            f"{esc(f.title or f.id)}<br/><font size='7.5' color='#5a5a5a'>{esc(f.id)} {esc(f.version)} · "
            f"<font name='{self.fonts.mono}'>sha256 {esc(f.sha256[:16])}…</font></font>"
            for f in sub.forms())
        rows: list[tuple[str, Any]] = [
            (t["organisation"], esc(alg.organisation)),
            (t["unit"], esc(alg.unit) or "—"),
            (t["owner"], esc(sub.owner or seal.signer_name) or "—"),
            (t["round"], esc(alg.round)),
            (t["date"], esc(long_date(seal.created_at, self.lang))),
            (t["submission"], f"<font name='{self.fonts.mono}'>{esc(seal.submission_id)}</font>"),
        ]
        if seal.corrects:
            rows.append((t["corrects"], f"<font name='{self.fonts.mono}'>{esc(seal.corrects)}</font>"))
        rows.append((t["forms"], forms))
        out = sub.ai_act
        summary = [self.p(f"<b>{esc(t['summary'])}</b>", self.s.h2), self.p(f"<b>{esc(out.title)}</b>"),
                   self.p(esc(out.text))]
        return [
            Spacer(1, 10 * mm),
            self.p(esc(t["doc_title"]), self.s.title),
            self.p(esc(t["doc_sub"]), self.s.subtitle),
            self.p(esc(t["algorithm"]), self.s.small),
            self.p(esc(alg.name), self.s.name),
            self.kv_table(rows),
            Spacer(1, 9 * mm),
            self.boxed(summary),
            Spacer(1, 8 * mm),
            self.p(esc(t["cover_note"]), self.s.small),
            PageBreak(),
        ]

    def conclusion(self) -> list[Flowable]:
        t, out = self.t, self.sub.ai_act
        ref = f" <font color='#5a5a5a' size='8'>({esc(out.conclusion_ref)})</font>" if out.conclusion_ref else ""
        items: list[Flowable] = [
            self.p(esc(t["s_conclusion"]), self.s.h1),
            self.boxed([self.p(f"<b>{esc(out.title)}</b>{ref}"), self.p(esc(out.text))]),
            self.p(esc(t["obligations"]), self.s.h2),
        ]
        if out.obligations:
            items.extend(self.bullets([esc(o) for o in out.obligations]))
        else:
            items.append(self.p(esc(t["no_obligations"])))
        if out.sources:
            items.append(self.p(esc(t["sources"]), self.s.h2))
            lines = []
            for src in out.sources:
                text = f"<b>{esc(src.title)}</b>"
                if src.article:
                    text += f", {esc(src.article)}"
                if src.url:
                    text += f"<br/><font size='7.5' color='#5a5a5a'>{esc(src.url)}</font>"
                lines.append(text)
            items.extend(self.bullets(lines))
        if out.label_texts:
            items.append(self.p(esc(t["labels"]), self.s.h2))
            items.append(self.p(esc(", ".join(out.label_texts))))
        if out.facts:
            items.append(KeepTogether([
                self.p(esc(t["facts"]), self.s.h2),
                self.kv_table([(DIMENSIONS[self.lang].get(dim, dim), esc(", ".join(v))) for dim, v in out.facts.items()]),
            ]))
        return items

    def why(self, step: PathStep) -> str:
        t = self.t
        parts = []
        if step.label_texts:
            parts.append(f"{esc(t['sets'])}: <b>{esc(', '.join(step.label_texts))}</b>")
        if step.next_kind == "question" and step.next_text:
            parts.append(f"{esc(t['leads_q'])}: {esc(step.next_text)}")
        elif step.next_kind == "conclusion" and step.next_text:
            parts.append(f"{esc(t['leads_c'])}: <b>{esc(step.next_text)}</b>")
        if step.explanation:
            parts.append(f"<i>{esc(step.explanation)}</i>")
        return "<br/>".join(parts) or "—"

    def path(self) -> list[Flowable]:
        t, s = self.t, self.s
        items: list[Flowable] = [CondPageBreak(90 * mm), self.p(esc(t["s_path"]), s.h1), self.p(esc(t["path_intro"]))]
        for fa in self.sub.answers:
            if len(self.sub.answers) > 1:
                items.append(self.p(esc(fa.form.title or fa.form.id), s.h2))
            header = [self.p(f"<b>{esc(t[k])}</b>", s.cell) for k in ("col_nr", "col_question", "col_answer", "col_why")]
            rows: list[list[Any]] = [header]
            for number, step in enumerate(fa.steps, start=1):
                ref = f"<br/><font size='7' color='#5a5a5a'>{esc(step.question_ref)}</font>" if step.question_ref else ""
                section = f"<font size='7.5' color='#5a5a5a'>{esc(step.section)}</font><br/>" if step.section else ""
                rows.append([
                    self.p(str(number), s.cell_muted),
                    self.p(f"{section}{esc(step.question_text)}{ref}", s.cell),
                    self.p("<br/>".join(f"<b>{esc(a)}</b>" for a in step.answer_texts), s.cell),
                    self.p(self.why(step), s.cell),
                ])
            widths = [9 * mm, 62 * mm, 38 * mm, BODY_W - 109 * mm]
            table = _table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
            table.setStyle(TableStyle([
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]))
            items.append(table)
        return items

    def register(self) -> list[Flowable]:
        t, reg = self.t, self.sub.register
        items: list[Flowable] = [CondPageBreak(60 * mm), self.p(esc(t["s_register"]), self.s.h1)]
        if not reg.fields:
            items.append(self.p(esc(t["not_filled"])))
            return items
        if reg.standard:
            items.append(self.p(f"{esc(t['standard'])}: {esc(reg.standard)}", self.s.small))
        if not reg.complete:
            items.append(self.p(f"<i>{esc(t['incomplete'])}</i>"))
        items.append(self.kv_table([(f.label or f.key, esc(f.value) or "—") for f in reg.fields], label_width=55 * mm))
        return items

    def category(self) -> list[Flowable]:
        t, cat = self.t, self.sub.category
        items: list[Flowable] = [CondPageBreak(50 * mm), self.p(esc(t["s_category"]), self.s.h1)]
        if cat is None:
            items.append(self.p(esc(t["not_filled"])))
            return items
        reasons = "<br/>".join(f"• {esc(r)}" for r in cat.reasons) or esc(t["none"])
        items.append(self.kv_table([
            (t["category"], f"<b>{esc(cat.category)}</b>"),
            (t["reasons"], reasons),
            (t["exclusion"], esc(cat.exclusion_ground) or esc(t["none"])),
            (t["hr_test"], esc(cat.human_rights_test) or esc(t["unknown"])),
        ]))
        return items

    def requirements(self) -> list[Flowable]:
        t, reqs = self.t, self.sub.requirements
        items: list[Flowable] = [CondPageBreak(50 * mm), self.p(esc(t["s_requirements"]), self.s.h1)]
        if not reqs:
            items.append(self.p(esc(t["not_determined"])))
            return items
        groups: dict[str, list[Requirement]] = {}
        for req in reqs:
            groups.setdefault(req.reason or "", []).append(req)
        for reason, members in groups.items():
            if reason:
                items.append(self.p(esc(reason), self.s.h2))
            rows: list[list[Any]] = []
            for req in members:
                detail = esc(req.title)
                if req.sources:
                    detail += f"<br/><font size='7.5' color='#5a5a5a'>{esc('; '.join(req.sources))}</font>"
                rows.append([self.p(esc(req.id), self.s.mono), self.p(detail, self.s.cell)])
            table = _table(rows, colWidths=[50 * mm, BODY_W - 50 * mm], hAlign="LEFT", repeatRows=0)
            table.setStyle(TableStyle([
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]))
            items.append(table)
        return items

    def seal_page(self) -> list[Flowable]:
        t, seal, f = self.t, self.seal, self.fonts
        mono = self.s.mono
        method = t["method_cms"] if seal.signer_method == "cms" else t["method_ed25519"]
        prefix, _, digits = seal.fingerprint.partition(":")
        rows: list[tuple[str, Any]] = [
            (name, Paragraph(esc(seal.file_hashes.get(name, "")), mono))
            for name in ("answers.json", "outcome.json", "register.json")
        ]
        rows += [
            (t["digest"], Paragraph(f"<b>{esc(seal.content_digest)}</b>", mono)),
            (t["signer"], esc(seal.signer_name) or "—"),
            (t["method"], esc(method)),
            (t["fingerprint"], Paragraph(esc(f"{prefix}:{group(digits)}" if digits else seal.fingerprint), mono)),
        ]
        qr = QrFlowable(seal.content_digest, 38 * mm)
        qr_block = _table([[qr], [self.p(esc(t["qr_caption"]), self.s.small)]], colWidths=[44 * mm], hAlign="LEFT")
        qr_block.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0)]))
        line = "_" * 34
        signoff = _table(
            [[self.p(f"<b>{esc(t['signoff'])}</b>", self.s.cell), ""],
             [self.p(esc(t["name"]), self.s.cell_muted), self.p(line, self.s.cell_muted)],
             [self.p(esc(t["signdate"]), self.s.cell_muted), self.p(line, self.s.cell_muted)],
             [self.p(esc(t["signature"]), self.s.cell_muted), self.p(line, self.s.cell_muted)]],
            colWidths=[30 * mm, BODY_W - 44 * mm - 36 * mm], hAlign="LEFT")
        signoff.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 7), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                     ("FONTNAME", (0, 0), (-1, -1), f.regular)]))
        bottom = _table([[qr_block, signoff]], colWidths=[50 * mm, BODY_W - 50 * mm], hAlign="LEFT")
        bottom.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return [
            PageBreak(),
            self.p(esc(t["s_seal"]), self.s.h1),
            self.p(t["seal_intro"].format(mono=f.mono)),
            Spacer(1, 3 * mm),
            self.kv_table(rows, label_width=44 * mm),
            Spacer(1, 10 * mm),
            bottom,
            Spacer(1, 8 * mm),
            self.p(esc(t["generated"].format(version=__version__)), self.s.small),
        ]

    def build(self) -> bytes:
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer, pagesize=A4, leftMargin=MARGIN_L, rightMargin=MARGIN_R, topMargin=MARGIN_T,
            bottomMargin=MARGIN_B, invariant=1, lang="nl-NL" if self.lang == "nl" else "en-GB",
            title=f"{self.t['doc_title']}: {visible(self.sub.algorithm.name, keep_layout=False)}",
            author=visible(self.seal.signer_name or self.sub.algorithm.organisation, keep_layout=False),
            subject=f"content-digest sha256:{self.seal.content_digest}",
            keywords=f"submission {self.seal.submission_id}, content-digest {self.seal.content_digest}",
            creator=f"algoinventaris {__version__}",
        )
        frame = Frame(MARGIN_L, MARGIN_B, BODY_W, PAGE_H - MARGIN_T - MARGIN_B, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        story = [*self.cover(), *self.conclusion(), *self.path(), *self.register(), *self.category(),
                 *self.requirements(), *self.seal_page()]
        doc.build(story, canvasmaker=_canvas_class(self.furniture, self.fonts.regular))
        return buffer.getvalue()


def warm_up() -> None:
    """Load the fonts ahead of time (the GUI may call this in the background; the first PDF is then faster)."""
    register_fonts()


def render_submission_pdf(submission: Submission, seal: ReportSeal) -> bytes:
    """The auditor's PDF of a submission, as bytes (deterministic for the same input)."""
    return _Report(submission, seal).build()
