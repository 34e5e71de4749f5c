"""The auditor PDF: hashes and digest in the text, page furniture, languages, escaping, long words, embedded fonts."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from algoinventaris.domain.submission import CategoryInfo, RegisterField, RegisterInfo, Requirement, Submission
from algoinventaris.formengine.model import Form
from algoinventaris.package.documents import content_digest, content_documents
from algoinventaris.report.submission_pdf import ReportSeal, render_submission_pdf
from tests.package.conftest import make_submission
from tests.package.helpers import need_tool, pdftotext

SID = "6b0c3a51-3c2f-4d7e-9a55-0e0d1c2b3a49"
FINGERPRINT = "SHA256:" + "ab" * 32


def render(sub: Submission) -> tuple[bytes, ReportSeal]:
    digest, hashes = content_digest(content_documents(sub))
    seal = ReportSeal(submission_id=SID, created_at=dt.datetime(2026, 3, 12, 14, 3, tzinfo=dt.UTC),
                      signer_name="Anouk de Vries", signer_method="ed25519", fingerprint=FINGERPRINT,
                      content_digest=digest, file_hashes=hashes)
    return render_submission_pdf(sub, seal), seal


def pages(text: str) -> list[str]:
    return [p for p in text.split("\f") if p.strip()]


def test_text_carries_digest_hashes_and_page_furniture(submission: Submission, tmp_path: Path) -> None:
    pdf, seal = render(submission)
    text = pdftotext(pdf, tmp_path)
    assert seal.content_digest in text
    for name in ("answers.json", "outcome.json", "register.json"):
        assert seal.file_hashes[name] in text
    short = " ".join(seal.content_digest[i:i + 4] for i in range(0, 16, 4))
    all_pages = pages(text)
    assert len(all_pages) >= 3
    for number, page in enumerate(all_pages, start=1):
        assert f"Pagina {number} van {len(all_pages)}" in page
        assert SID in page
        assert short in page
    last = all_pages[-1]
    assert "Anouk de Vries" in last and "SHA256:abab abab" in last and seal.content_digest in last


def flat(text: str) -> str:
    """Text with every run of whitespace (line breaks inside table cells) as one space."""
    return " ".join(text.split())


def test_dutch_cover_conclusion_path_and_open_sections(submission: Submission, tmp_path: Path) -> None:
    text = flat(pdftotext(render(submission)[0], tmp_path))
    for expected in ("Verantwoording algoritme", "Gemeente Één", "België-grens", "Coöperatie & Zorg <test>",
                     "Anouk de Vries-Çelik", "Inventarisatie 2026", "12 maart 2026, 14:03 UTC",
                     "AI-verordening: toets", "2026.1",
                     "Hoog-risico AI-systeem; u bent aanbieder", "Richt een systeem voor risicobeheer in (art. 9).",
                     "art. 16", "Beslispad", "Ja, wij ontwikkelen", "Wie ontwikkelt, is aanbieder.",
                     "Legt vast: Aanbieder", "Nog niet ingevuld.", "Nog niet bepaald."):
        assert expected in text, expected


def test_english_when_submitted_in_english(form: Form, tmp_path: Path) -> None:
    text = flat(pdftotext(render(make_submission(form, language="en"))[0], tmp_path))
    for expected in ("Algorithm accountability report", "Page 1 of", "12 March 2026", "Decision path",
                     "Yes, we develop it", "High-risk AI system; you are the provider", "Not filled in yet."):
        assert expected in text, expected
    assert "Pagina" not in text


def test_register_category_and_requirements_are_shown(form: Form, tmp_path: Path) -> None:
    sub = make_submission(
        form,
        register=RegisterInfo("algoritmeregister-1.0", None, (RegisterField("name", "Naam", "Toeslagen scannen"),
                                                              RegisterField("goal", "Doel", "Fouten vroeg vinden")), True),
        category=CategoryInfo("A", ("Hoog-risico-AI-systeem volgens de AI-vragen",), None, "afgerond (2026-02-01)"),
        requirements=(Requirement("urn:nl:ak:ver:aia-09", "Risicobeheer is ingericht", "U bent aanbieder"),))
    text = flat(pdftotext(render(sub)[0], tmp_path))
    for expected in ("Toeslagen scannen", "Fouten vroeg vinden", "Hoog-risico-AI-systeem volgens de AI-vragen",
                     "afgerond (2026-02-01)", "urn:nl:ak:ver:aia-09", "Risicobeheer is ingericht"):
        assert expected in text, expected
    assert "Nog niet ingevuld." not in text


def test_user_text_is_escaped_not_interpreted(form: Form, tmp_path: Path) -> None:
    sub = make_submission(form, name="<b>Vet</b> & <font color='red'>rood</font> <para>",
                          organisation="Org <br/> & Co")
    text = flat(pdftotext(render(sub)[0], tmp_path))
    assert "<b>Vet</b> & <font color='red'>rood</font> <para>" in text
    assert "Org <br/> & Co" in text


def test_long_unbreakable_words_stay_on_the_page(form: Form, tmp_path: Path) -> None:
    word = "Aansprakelijkheidsverzekeringsmaatschappijadministratiesysteem" * 5
    pdf, _ = render(make_submission(form, name=word, organisation="Gemeente " + word))
    html = pdftotext(pdf, tmp_path, "-bbox")
    page_w = float(re.search(r'<page width="([\d.]+)"', html).group(1))  # type: ignore[union-attr]
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', html)]
    assert right_edges and max(right_edges) <= page_w - 50  # inside the 22 mm right margin
    plain = pdftotext(pdf, tmp_path)
    assert "Aansprakelijkheidsverzekeringsmaat" in plain


def test_fonts_are_embedded_and_pages_render(submission: Submission, tmp_path: Path) -> None:
    pdf, _ = render(submission)
    assert b"/FontFile2" in pdf
    assert b"/BaseFont /Helvetica" not in pdf
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run([need_tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts
    subprocess.run([need_tool("pdftoppm"), "-r", "30", "-png", str(path), str(tmp_path / "p")], check=True, timeout=60)
    assert len(list(tmp_path.glob("p-*.png"))) == len(pages(pdftotext(pdf, tmp_path)))


def test_same_input_gives_same_pdf(submission: Submission) -> None:
    assert render(submission)[0] == render(submission)[0]


def test_digest_in_pdf_metadata_for_verify(submission: Submission) -> None:
    pdf, seal = render(submission)
    assert seal.content_digest.encode() in pdf


def test_qr_code_encodes_the_digest() -> None:
    import segno

    from algoinventaris.report.submission_pdf import QrFlowable

    digest = "e6e51c76ee1169c1eea583c5cf9d0545c6a81ea0c2f87e53feb7bfd9543cb2be"
    flowable = QrFlowable(digest, 100)
    expected = [list(row) for row in segno.make(digest, error="m", micro=False).matrix_iter(scale=1, border=4)]
    assert flowable.rows == expected and any(any(r) for r in flowable.rows)


def test_register_texts_at_their_maximum_length_flow_over_pages(submission: Submission, tmp_path: Path) -> None:
    """A register field may hold 5,000 characters (methods_and_models): taller than a page, its row is split."""
    import dataclasses

    words = " ".join(f"regel{n:04d}" for n in range(550))  # about 5,000 characters, no line breaks
    lines = "\n".join(f"Stap {n}: het model weegt kenmerk {n} en legt de weging vast." for n in range(90))
    fields = (RegisterField("methods_and_models", "Technische werking", words[:5000]),
              RegisterField("proportionality", "Afwegingen", lines[:5000]))
    sub = dataclasses.replace(submission, register=RegisterInfo(standard="algoritmeregister-1.0", fields=fields,
                                                                complete=False))
    text = flat(pdftotext(render(sub)[0], tmp_path))
    assert "regel0000" in text and "regel0499" in text  # the end of the long text is printed, not cut
    assert "Stap 0:" in text and "Stap 80:" in text
