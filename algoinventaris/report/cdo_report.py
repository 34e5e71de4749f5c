"""The CDO's yearly progress report (PDF) per round and department: categories per unit, high-risk systems,
human-rights tests, publication and changes since the previous round, with simple charts (reportlab.graphics).

It answers what Parliament asked for in the motion by Dekker-Abdulaziz: how many high-risk AI systems
there are, how many of them are (ready to be) in the Algoritmeregister, and for how many a
human-rights assessment was done — and how that moves from round to round.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Sequence
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from algoinventaris.cdo.dashboard import Dashboard
from algoinventaris.cdo.records import CATEGORY_KEYS, SubmissionInfo
from algoinventaris.cdo.texts import HRT_STATUS, not_published_text, pick
from algoinventaris.report.fonts import register_fonts
from algoinventaris.report.safetext import visible

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5a5a5a")
ACCENT = colors.HexColor("#1d3a5f")
RULE = colors.HexColor("#b8bec6")
SHADE = colors.HexColor("#eef1f5")
CAT_COLOURS = {"A": colors.HexColor("#b3261e"), "B": colors.HexColor("#e08a00"), "C": colors.HexColor("#4a7c59")}
HRT_ORDER = ("done", "in-progress", "planned", "not-started", "not-needed", None)
HRT_COLOURS = [colors.HexColor(c) for c in ("#4a7c59", "#7fa37a", "#e0b000", "#b3261e", "#8c8c8c", "#c9c9c9")]
PAGE_W, PAGE_H = A4
MARGIN = 20 * mm
BODY_W = PAGE_W - 2 * MARGIN

T = {
    "nl": {
        "title": "Voortgangsrapportage algoritmes en AI-systemen",
        "all": "alle onderdelen", "department": "Departement", "round": "Ronde", "made": "Opgesteld op",
        "intro": ("Dit rapport telt de algoritmes die de onderdelen in deze inventarisatieronde hebben aangeleverd: hoeveel "
                  "hoog-risico-AI-systemen er zijn, hoeveel daarvan gereed zijn voor het Algoritmeregister en bij hoeveel de "
                  "mensenrechtentoets is afgerond. Zo volgt het de vragen uit de motie-Dekker-Abdulaziz, en laat het zien wat "
                  "er sinds de vorige ronde veranderde. Alle cijfers komen uit ondertekende en gecontroleerde inzendingen."),
        "figures": "Kerncijfers", "figure": "Onderwerp", "now": "Deze ronde", "before": "Vorige ronde",
        "total": "Algoritmes aangeleverd", "cat_a": "Categorie A: hoog-risico-AI-systemen", "cat_b": "Categorie B: impactvolle algoritmes",
        "cat_c": "Categorie C: overige algoritmes", "unknown": "Categorie nog onbekend",
        "hr": "Hoog-risico-AI-systemen", "hr_registered": "  waarvan gereed voor het Algoritmeregister",
        "hr_tested": "  waarvan mensenrechtentoets afgerond", "prohibited": "Verboden AI-praktijken gemeld",
        "not_delivered_n": "Onderdelen die niet aanleverden",
        "per_unit": "Categorieën per onderdeel", "unit": "Onderdeel", "sum": "Totaal",
        "chart_units": "Aantal algoritmes per categorie per onderdeel",
        "hrt": "Mensenrechtentoets bij hoog-risico-AI-systemen", "status": "Stand", "count": "Aantal",
        "hrt_unknown": "niet opgegeven",
        "not_delivered": "Onderdelen die (nog) niet aanleverden", "none": "Geen.",
        "no_test": "Hoog-risico-AI-systemen zonder afgeronde mensenrechtentoets",
        "algorithm": "Algoritme", "test": "Mensenrechtentoets",
        "unpublished": "Categorie A en B nog niet gepubliceerd", "reason": "Waarom niet", "category": "Cat.",
        "changes": "Veranderingen sinds de vorige ronde", "change": "Verandering",
        "no_previous": "Er is geen vorige ronde om mee te vergelijken.",
        "page": "Pagina", "more": "en nog {n} regels (zie de export als spreadsheet)",
    },
    "en": {
        "title": "Progress report on algorithms and AI systems",
        "all": "all units", "department": "Department", "round": "Round", "made": "Made on",
        "intro": ("This report counts the algorithms the units delivered in this inventory round: how many high-risk AI systems "
                  "there are, how many of them are ready for the algorithm register and for how many the human-rights assessment "
                  "is complete. It thereby follows the questions of the Dekker-Abdulaziz motion, and shows what changed since the "
                  "previous round. Every figure comes from signed and checked submissions."),
        "figures": "Key figures", "figure": "Subject", "now": "This round", "before": "Previous round",
        "total": "Algorithms delivered", "cat_a": "Category A: high-risk AI systems", "cat_b": "Category B: impactful algorithms",
        "cat_c": "Category C: other algorithms", "unknown": "Category not known yet",
        "hr": "High-risk AI systems", "hr_registered": "  of which ready for the algorithm register",
        "hr_tested": "  of which human-rights assessment complete", "prohibited": "Prohibited AI practices reported",
        "not_delivered_n": "Units that did not deliver",
        "per_unit": "Categories per unit", "unit": "Unit", "sum": "Total",
        "chart_units": "Number of algorithms per category per unit",
        "hrt": "Human-rights assessment of high-risk AI systems", "status": "State", "count": "Number",
        "hrt_unknown": "not given",
        "not_delivered": "Units that have not delivered (yet)", "none": "None.",
        "no_test": "High-risk AI systems without a completed human-rights assessment",
        "algorithm": "Algorithm", "test": "Human-rights assessment",
        "unpublished": "Category A and B not published yet", "reason": "Why not", "category": "Cat.",
        "changes": "Changes since the previous round", "change": "Change",
        "no_previous": "There is no previous round to compare with.",
        "page": "Page", "more": "and {n} more lines (see the spreadsheet export)",
    },
}
MAX_ROWS = 60


def _esc(text: Any) -> str:
    """Text from the database made safe for paragraph markup: escaped, control characters shown as [U+0007]."""
    return html.escape(visible("" if text is None else str(text), keep_layout=False))


def key_figures(dash: Dashboard) -> dict[str, int]:
    """The numbers the report's first table shows, from one round's dashboard."""
    subs = dash.submissions
    high = [s for s in subs if s.high_risk or s.category == "A"]
    totals = dash.totals
    return {
        "total": len(subs), "cat_a": totals["A"], "cat_b": totals["B"], "cat_c": totals["C"], "unknown": totals["?"],
        "hr": len(high), "hr_registered": sum(1 for s in high if s.publishable),
        "hr_tested": sum(1 for s in high if s.human_rights_test == "done"),
        "prohibited": sum(1 for s in subs if s.prohibited), "not_delivered_n": len(dash.not_delivered),
    }


def _hrt_counts(subs: Sequence[SubmissionInfo]) -> list[tuple[str | None, int]]:
    high = [s for s in subs if s.high_risk or s.category == "A"]
    return [(status, sum(1 for s in high if s.human_rights_test == status)) for status in HRT_ORDER]


def _unit_chart(dash: Dashboard, t: dict[str, str], font: str) -> Drawing:
    units = dash.units[:25]
    height = 70 * mm
    drawing = Drawing(BODY_W, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 22 * mm
    chart.width, chart.height = BODY_W - 40 * mm, height - 30 * mm
    chart.data = [[u.get(cat) for u in units] or [0] for cat in CATEGORY_KEYS]
    names = [visible(u.unit, keep_layout=False) for u in units]
    chart.categoryAxis.categoryNames = [(n[:14] + "…") if len(n) > 15 else n for n in names] or [""]
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    biggest = max([max(series) for series in chart.data] + [1])
    chart.valueAxis.valueStep = max(1, round(biggest / 5))
    chart.barSpacing = 1
    chart.groupSpacing = 6
    for index, cat in enumerate(CATEGORY_KEYS):
        chart.bars[index].fillColor = CAT_COLOURS[cat]
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = BODY_W - 24 * mm, height - 12 * mm
    legend.fontName, legend.fontSize = font, 8
    legend.colorNamePairs = [(CAT_COLOURS[c], f"{c}") for c in CATEGORY_KEYS]
    drawing.add(legend)
    drawing.add(String(0, height - 4 * mm, t["chart_units"], fontName=font, fontSize=8, fillColor=MUTED))
    return drawing


def _hrt_chart(counts: list[tuple[str | None, int]], t: dict[str, str], lang: str, font: str) -> Drawing:
    height = 45 * mm
    drawing = Drawing(BODY_W, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 40 * mm, 4 * mm
    chart.width, chart.height = BODY_W - 50 * mm, height - 8 * mm
    chart.data = [[n for _, n in reversed(counts)]]
    chart.categoryAxis.categoryNames = [pick(HRT_STATUS, s, lang, t["hrt_unknown"]) for s, _ in reversed(counts)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = max(1, round(max([n for _, n in counts] + [1]) / 5))
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].strokeColor = None
    for index, colour in enumerate(reversed(HRT_COLOURS)):
        chart.bars[(0, index)].fillColor = colour
    drawing.add(chart)
    return drawing


def render_report(dash: Dashboard, previous: Dashboard | None = None, *, department: str | None = None,
                  lang: str = "nl", now: dt.datetime | None = None) -> bytes:
    """The report as PDF bytes for one round's dashboard (and the previous round's, for the comparison)."""
    fonts = register_fonts()
    t = T["en" if lang == "en" else "nl"]
    moment = (now or dt.datetime.now(dt.UTC)).astimezone()
    base = ParagraphStyle("body", fontName=fonts.regular, fontSize=9.5, leading=13, textColor=INK)
    small = ParagraphStyle("small", parent=base, fontSize=8, leading=10)
    h1 = ParagraphStyle("h1", parent=base, fontName=fonts.bold, fontSize=18, leading=22, textColor=ACCENT, spaceAfter=4)
    h2 = ParagraphStyle("h2", parent=base, fontName=fonts.bold, fontSize=12.5, leading=16, textColor=ACCENT, spaceBefore=10,
                        spaceAfter=4)
    sub = ParagraphStyle("sub", parent=base, textColor=MUTED)
    story: list[Any] = [
        Paragraph(_esc(t["title"]), h1),
        Paragraph(f"{_esc(t['round'])}: <b>{_esc(dash.round)}</b> &nbsp;·&nbsp; {_esc(t['department'])}: "
                  f"<b>{_esc(department or t['all'])}</b> &nbsp;·&nbsp; {_esc(t['made'])} {moment:%Y-%m-%d}", sub),
        Spacer(1, 4 * mm), Paragraph(_esc(t["intro"]), base), Spacer(1, 2 * mm),
        Paragraph(_esc(t["figures"]), h2),
    ]
    now_fig = key_figures(dash)
    before_fig = key_figures(previous) if previous is not None else None
    head = [t["figure"], t["now"]] + ([f"{t['before']} ({previous.round})"] if previous is not None else [])
    data: list[list[Any]] = [head]
    for key in ("total", "cat_a", "cat_b", "cat_c", "unknown", "hr", "hr_registered", "hr_tested", "prohibited", "not_delivered_n"):
        row: list[Any] = [t[key], str(now_fig[key])]
        if before_fig is not None:
            row.append(str(before_fig[key]))
        data.append(row)
    story.append(_table(data, [BODY_W * 0.6] + [BODY_W * 0.4 / (len(head) - 1)] * (len(head) - 1), fonts.regular, fonts.bold,
                        align_right_from=1))
    story.append(Paragraph(_esc(t["per_unit"]), h2))
    story.append(_unit_chart(dash, t, fonts.regular))
    unit_rows: list[list[Any]] = [[t["unit"], "A", "B", "C", "?", t["sum"]]]
    for count in dash.units:
        unit_rows.append([Paragraph(_esc(count.unit), small), *[str(count.get(k)) for k in (*CATEGORY_KEYS, "?")], str(count.total)])
    totals = dash.totals
    unit_rows.append([t["sum"], *[str(totals[k]) for k in (*CATEGORY_KEYS, "?")], str(totals["total"])])
    story.append(_table(unit_rows, [BODY_W * 0.5] + [BODY_W * 0.1] * 5, fonts.regular, fonts.bold, align_right_from=1,
                        total_row=True))
    counts = _hrt_counts(dash.submissions)
    story.append(KeepTogether([Paragraph(_esc(t["hrt"]), h2), _hrt_chart(counts, t, lang, fonts.regular),
                               _table([[t["status"], t["count"]]] + [[pick(HRT_STATUS, s, lang, t["hrt_unknown"]), str(n)]
                                                                     for s, n in counts],
                                      [BODY_W * 0.7, BODY_W * 0.3], fonts.regular, fonts.bold, align_right_from=1)]))
    story.append(Paragraph(_esc(t["not_delivered"]), h2))
    story.append(Paragraph(_esc(", ".join(dash.not_delivered)) if dash.not_delivered else _esc(t["none"]), base))
    story.append(Paragraph(_esc(t["no_test"]), h2))
    story.append(_list_table([[s.algorithm_name, s.unit, pick(HRT_STATUS, s.human_rights_test, lang, t["hrt_unknown"])]
                              for s in dash.high_risk_without_test], [t["algorithm"], t["unit"], t["test"]],
                             [0.45, 0.35, 0.2], t, small, fonts))
    story.append(Paragraph(_esc(t["unpublished"]), h2))
    story.append(_list_table([[s.algorithm_name, s.unit, s.category or "", not_published_text(s.not_published_reason, lang)]
                              for s in dash.unpublished], [t["algorithm"], t["unit"], t["category"], t["reason"]],
                             [0.35, 0.25, 0.08, 0.32], t, small, fonts))
    story.append(Paragraph(_esc(t["changes"]), h2))
    if dash.previous is None:
        story.append(Paragraph(_esc(t["no_previous"]), base))
    else:
        story.append(_list_table([[c.algorithm, c.unit, c.describe(lang)] for c in dash.changes],
                                 [t["algorithm"], t["unit"], t["change"]], [0.38, 0.3, 0.32], t, small, fonts))
    buffer = io.BytesIO()
    title = f"{t['title']} — {dash.round}"

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.regular, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 12 * mm, visible(f"{t['title']} · {dash.round} · {department or t['all']}", keep_layout=False))
        canvas.drawRightString(PAGE_W - MARGIN, 12 * mm, f"{t['page']} {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=22 * mm,
                            title=visible(title, keep_layout=False), author="Algoritme-inventaris",
                            subject=visible(dash.round, keep_layout=False), lang=lang)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _table(data: list[list[Any]], widths: list[float], regular: str, bold: str, *, align_right_from: int | None = None,
           total_row: bool = False) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1)
    style = [("FONTNAME", (0, 0), (-1, -1), regular), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("FONTNAME", (0, 0), (-1, 0), bold), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
             ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT), ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    if align_right_from is not None:
        style.append(("ALIGN", (align_right_from, 0), (-1, -1), "RIGHT"))
    if total_row:
        style += [("FONTNAME", (0, -1), (-1, -1), bold), ("LINEABOVE", (0, -1), (-1, -1), 0.6, ACCENT)]
    table.setStyle(TableStyle(style))
    return table


def _list_table(rows: list[list[Any]], head: list[str], fractions: list[float], t: dict[str, str], small: ParagraphStyle,
                fonts: Any) -> Any:
    if not rows:
        return Paragraph(_esc(t["none"]), small)
    shown = rows[:MAX_ROWS]
    data: list[list[Any]] = [head] + [[Paragraph(_esc(v), small) for v in row] for row in shown]
    table = _table(data, [BODY_W * f for f in fractions], fonts.regular, fonts.bold)
    if len(rows) > MAX_ROWS:
        return KeepTogether([table, Paragraph(_esc(t["more"].format(n=len(rows) - MAX_ROWS)), small)])
    return table


def report_pdf(repo: Any, round_name: str, *, department: str | None = None, lang: str = "nl") -> bytes:
    """Build the report for a round (optionally one department) straight from the CDO repository."""
    from algoinventaris.cdo.dashboard import build_dashboard

    dash = build_dashboard(repo, round_name, organisation=department)
    previous = build_dashboard(repo, dash.previous, organisation=department) if dash.previous else None
    return render_report(dash, previous, department=department, lang=lang)
