"""Takes the README screenshots: every page type of the app on sample data, run under Xvfb (or offscreen).

    xvfb-run -s "-screen 0 1280x900x24" .venv/bin/python -m algoinventaris.ui.screenshots docs/screenshots

    QT_SCALE_FACTOR=2 xvfb-run -s "-screen 0 2400x1700x24" .venv/bin/python -m algoinventaris.ui.screenshots \
        docs/screenshots --scaled-only

The data lives in a temporary folder; nothing of the owner's own data is read or written.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

# A small form with the field types the AI-Act form does not use (multiple choice, value fields).
DEMO_FORM = """
id: demo
version: "1"
languages: [nl, en]
title: {nl: Voorbeeldvelden, en: Example fields}
start: purpose
questions:
  - id: purpose
    type: multiple
    section: {nl: Gebruik, en: Use}
    text: {nl: Waarvoor gebruikt je organisatie de toepassing?, en: What does your organisation use the application for?}
    explanation:
      nl: Kies alles wat van toepassing is. De toepassing mag meer dan één doel hebben.
      en: Choose everything that applies. The application may serve more than one purpose.
    answers:
      - {id: decisions, text: {nl: Besluiten over burgers of bedrijven, en: Decisions about citizens or businesses}}
      - {id: advice, text: {nl: Advies aan medewerkers, en: Advice to staff}}
      - {id: planning, text: {nl: Planning en capaciteit, en: Planning and capacity}}
      - {id: other, text: {nl: Iets anders, en: Something else}}
    next: [{question: contact}]
  - id: contact
    type: email
    section: {nl: Registervelden, en: Register fields}
    text: {nl: Wie is het aanspreekpunt voor deze toepassing?, en: Who is the contact for this application?}
    field: {label: {nl: E-mailadres aanspreekpunt, en: Contact e-mail address}, required: true}
    next: [{question: links}]
  - id: links
    type: group
    section: {nl: Registervelden, en: Register fields}
    text: {nl: Waar staat meer informatie?, en: Where can people read more?}
    field:
      label: {nl: Links, en: Links}
      fields:
        - {id: title, type: text, label: {nl: Titel, en: Title}, required: true}
        - {id: url, type: url, label: {nl: Webadres, en: Web address}, required: true}
    next: [{conclusion: done}]
conclusions:
  - id: done
    title: {nl: Klaar, en: Done}
    text: {nl: Alles is ingevuld., en: Everything is filled in.}
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    scaled_only = "--scaled-only" in args  # run under QT_SCALE_FACTOR=2: only the 200 % display shot
    args = [a for a in args if not a.startswith("--")]
    out = Path(args[0] if args else "docs/screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="algoinventaris-shots-"))
    os.environ["ALGOINVENTARIS_DATA_DIR"] = str(tmp)
    os.environ.pop("ALGOINVENTARIS_DB", None)

    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

    from algoinventaris.formengine.loader import load_form
    from algoinventaris.formengine.runner import Step, run
    from algoinventaris.storage import open_owner_db
    from algoinventaris.ui.app import create_app
    from algoinventaris.ui.controller import WizardController
    from algoinventaris.ui.main_window import MainWindow
    from algoinventaris.ui.question_page import QuestionPage
    from algoinventaris.ui.wizard import WizardView

    # sample data: a few algorithms in every state, one with a finished route
    repo = open_owner_db(tmp / "owner.sqlite3")
    from algoinventaris import config

    form = load_form(config.form_path("ai-act"))
    done = repo.create_algorithm("Toewijzing parkeervergunningen", "Gemeente Voorbeeld", "Parkeren", "Inventarisatie 2026")
    route = route_to_conclusion(form, run, Step)
    controller = WizardController(repo, done.id, form)
    controller.resume()
    for _qid, answer in route:
        controller.answer(answer)
    made = {name: repo.create_algorithm(name, "Gemeente Voorbeeld", unit, "Inventarisatie 2026")
            for name, unit in (("Chatbot Klantcontact", "Publiekszaken"), ("Fraudesignalen bijstand", "Werk en Inkomen"),
                               ("Planning wijkteams", "Sociaal Domein"))}
    fraud = made["Fraudesignalen bijstand"]
    c3 = WizardController(repo, fraud.id, form)  # the same route: a high-risk AI system, for the impact shots
    c3.resume()
    for _qid, answer in route:
        c3.answer(answer)
    exported = repo.create_algorithm("Slimme verkeerslichten", "Gemeente Voorbeeld", "Mobiliteit", "Inventarisatie 2025")
    conclusion = controller.conclusion
    assert conclusion is not None
    repo.set_outcome(exported.id, conclusion.id, conclusion.ref, state="exported")
    half = repo.create_algorithm("Prioritering meldingen openbare ruimte", "Gemeente Voorbeeld", "Beheer", "Inventarisatie 2026")
    c2 = WizardController(repo, half.id, form)
    c2.resume()
    for _qid, answer in route[:1]:
        c2.answer(answer)
    repo.close()

    _app, window = create_app([])
    window.auto_open = False
    window.resize(1100, 760)

    def settle(ms: int = 150) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shot(name: str, widget: QWidget | None = None) -> None:
        settle()
        target = widget or window
        target.grab().save(str(out / f"{name}.png"))
        print("wrote", out / f"{name}.png")

    def screen_shot(name: str) -> None:
        """The whole (virtual) screen: shows dialogs on top of the window, as the owner sees them."""
        settle(300)
        screen = QGuiApplication.primaryScreen()
        geo = window.frameGeometry()
        screen.grabWindow(0, geo.x(), geo.y(), geo.width(), geo.height()).save(str(out / f"{name}.png"))
        print("wrote", out / f"{name}.png")

    loaded: list[bool] = []
    window.data_shown.connect(lambda: loaded.append(True))
    window.show()
    window.move(0, 0)
    while not loaded:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    settle(300)

    def open_on(alg_name: str) -> WizardView:
        for row in window.list_page.model.rows:
            if row.name == alg_name:
                window.open_algorithm(row.id)
        assert window.wizard is not None
        return window.wizard

    if scaled_only:
        window.resize(1100, 760)
        wizard = open_on("Prioritering meldingen openbare ruimte")
        shot("15-display-scale-200")
        window.close()
        return 0
    shot("01-my-algorithms")

    window.new_action.trigger()
    settle()
    dialog = window.findChild(QDialog, "newAlgorithmDialog")
    assert dialog is not None
    dialog.name_edit.setText("Toeslagen controle")  # type: ignore[attr-defined]
    screen_shot("02-new-algorithm")
    dialog.reject()

    wizard = open_on("Prioritering meldingen openbare ruimte")
    page = wizard.current_page()
    assert isinstance(page, QuestionPage)
    page.terms.set_open(True)
    shot("03-question-single-choice")
    wizard.go_back()
    shot("04-back-with-earlier-answer")

    wizard = open_on("Toewijzing parkeervergunningen")
    shot("05-summary")
    wizard.change_answer(wizard.controller.on_path[0])
    page = wizard.current_page()
    assert isinstance(page, QuestionPage)
    other = next(i for i, a in enumerate(page.question.answers) if (a.id,) != page.answer())
    page.field.choose_number(other + 1)
    wizard.go_next()
    shot("06-summary-with-set-aside-answers")
    wizard.confirm_discard()
    screen_shot("07-confirm-discard")
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        box.reject()

    window.set_language("en")
    wizard = open_on("Prioritering meldingen openbare ruimte")
    settle(200)
    shot("08-question-in-english")
    window.set_language("nl")

    # the field types the AI-Act form does not use, from the demo form
    demo_dir = tmp / "demo"
    demo_dir.mkdir()
    (demo_dir / "form.yaml").write_text(DEMO_FORM, encoding="utf-8")
    demo = load_form(demo_dir)
    assert window.repo is not None
    demo_alg = window.repo.create_algorithm("Voorbeeld", "Gemeente Voorbeeld", "Team", "Inventarisatie 2026")
    demo_controller = WizardController(window.repo, demo_alg.id, demo, records_outcome=False)
    demo_controller.resume()
    demo_view = WizardView(demo_controller, "nl", "Voorbeeldvelden", window.report_error, parent=window.stack)
    window.stack.addWidget(demo_view)
    window.stack.setCurrentWidget(demo_view)
    demo_view.show_current()
    page = demo_view.current_page()
    assert isinstance(page, QuestionPage)
    page.field.choose_number(1)
    page.field.choose_number(2)
    shot("09-question-multiple-choice")
    demo_view.go_next()
    page = demo_view.current_page()
    assert isinstance(page, QuestionPage)
    page.set_answer(["aanspreekpunt@voorbeeld"])
    page.show_problems(page.problems())
    shot("10-value-field-with-message")
    page.set_answer(["algoritmes@voorbeeld.nl"])
    demo_view.go_next()
    page = demo_view.current_page()
    assert isinstance(page, QuestionPage)
    page.field.add_entry({"title": "Algoritmeregister", "url": "https://algoritmes.overheid.nl"})  # type: ignore[attr-defined]
    page.field.add_entry()  # type: ignore[attr-defined]
    shot("11-repeating-group")
    window.stack.removeWidget(demo_view)
    demo_view.deleteLater()

    window.show_list()
    impact_and_export_shots(window, fraud.id, tmp, shot, settle)

    theme = window.theme
    assert theme is not None
    theme.apply(high_contrast=True)
    wizard = open_on("Prioritering meldingen openbare ruimte")
    shot("12-high-contrast")
    theme.apply(high_contrast=False, zoom=2.0)
    settle(300)
    shot("13-text-size-200")
    theme.apply(zoom=1.0)
    window.show_list()

    # a damaged database: the dialog names the file and says what to do; the file is left alone
    bad = tmp / "damaged.sqlite3"
    bad.write_bytes(b"not a database\n" * 100)
    broken = MainWindow(bad, languages=window.languages, theme=theme, prefs=window.prefs)
    broken.resize(1100, 760)
    failed: list[str] = []
    broken.database_failed.connect(failed.append)
    window.hide()
    broken.show()
    broken.move(0, 0)
    while not failed:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    screen_shot_of(broken, out / "14-damaged-database.png", settle)
    for box in broken.findChildren(QMessageBox):
        box.done(0)
    broken.close()

    # drafts from the CDO: the dialog, the register texts beside an AI-Act question, what was not taken
    window.show()
    draft_shots(window, tmp, shot, settle)

    # the very first start: the welcome
    welcome = window.show_welcome()
    shot("20-first-run", welcome)
    welcome.reject()
    window.close()
    return 0


# The impact answers of the sample: one "yes" and the AI-Act outcome make the proposal; assessments under way.
IMPACT_SAMPLE = {
    "legal-effects": ["yes"], "decisions-about-persons": ["yes"], "risk-selection": ["yes"], "judged-impactful": ["yes"],
    "category-reason": [""], "publication-excluded": ["no"], "iama-status": ["in-progress"], "iama-expected": ["2026-09"],
    "dpia-status": ["done"], "dpia-date": ["2025-11-20"], "dpia-reference": ["DPIA-2025-031"], "eu-database": ["in-progress"],
    "eu-database-id": [""],
}


def impact_and_export_shots(window: Any, algorithm_id: str, tmp: Path, shot: Callable[..., None],
                            settle: Callable[..., None]) -> None:
    """Category and requirements on the summary, the register pre-filled, the export dialog, and About."""
    from PySide6.QtWidgets import QApplication

    from algoinventaris import config
    from algoinventaris.formengine.loader import load_form
    from algoinventaris.ui.question_page import QuestionPage
    from algoinventaris.ui.summary_page import SummaryPage

    window.open_algorithm(algorithm_id, "impact")
    wizard = window.wizard
    for _ in range(40):
        page = wizard.current_page()
        if not isinstance(page, QuestionPage):
            break
        given = IMPACT_SAMPLE.get(page.question.id)
        if given is not None:
            page.set_answer(given)
        wizard.go_next()
    summary = wizard.current_page()
    assert isinstance(summary, SummaryPage)
    summary.requirements.set_open(True)
    settle(200)
    area = wizard.summary_scroll
    area.ensureWidgetVisible(summary.overview_box, 0, 0)
    area.verticalScrollBar().setValue(summary.overview_box.y() - 12)
    shot("16-summary-category-and-requirements")
    summary.requirements.set_open(False)

    summary.next_form_button.click()
    settle(200)
    shot("17-register-prefilled")

    # the owner confirms the register answers filled in beforehand (export refuses unconfirmed proposals)
    assert window.repo is not None
    register_form = load_form(config.form_path("register"))
    for qid, stored in window.repo.answers(algorithm_id, "register").items():
        if stored.status == "prefilled":
            window.repo.save_answer(algorithm_id, register_form, qid, stored.answers)

    # Exporteren, the first time: the key is made with the export
    dialog = window.export_algorithm(algorithm_id)
    dialog.folder_edit.setText(str(tmp / "Documenten"))
    dialog.fields.name_edit.setText("Fatima de Vries")
    dialog.fields.passphrase_edit.setText("voorbeeld wachtwoordzin")
    dialog.fields.repeat_edit.setText("voorbeeld wachtwoordzin")
    shot("18-export-first-time", dialog)
    dialog.start()
    while dialog.running():
        QApplication.processEvents()
        settle(50)
    shot("19-export-done", dialog)
    dialog.cancel_button.click()
    window.show_list()

    about = window.show_about()
    shot("21-about", about)
    about.reject()


# Sample drafts as the CDO hands them out (our own fictional texts; register question id -> text).
SAMPLE_DRAFTS: tuple[dict[str, Any], ...] = (
    {"name": "Signalering schuldhulp", "unit": "Werk en Inkomen", "source": "register", "origin": "gemeente-voorbeeld.csv, rij 4",
     "match": ("lars", "4781203"), "answers": {
         "description-short": "Het algoritme zet signalen over betalingsachterstanden (huur, energie, zorgverzekering) op een "
                              "lijst, zodat een schuldhulpverlener inwoners vroeg kan benaderen.",
         "goal": "Inwoners met beginnende schulden eerder hulp aanbieden. Een medewerker beslist of en hoe contact wordt "
                 "opgenomen; het algoritme beslist niets zelf.",
         "methods-and-models": "Vaste regels: een signaal telt mee als de achterstand ouder is dan twee maanden. Er is geen "
                               "zelflerend model.",
         "human-intervention": "Elke melding wordt door een schuldhulpverlener bekeken voordat er contact is.",
         "provider": "Eigen ontwikkeling", "lang": "nld", "lars": "4781203", "organization": "Gemeente Voorbeeld"},
     "not_mapped": {"type": "Regelgebaseerd algoritme", "iama_description": "Een IAMA is in 2024 uitgevoerd."},
     "deviations": (("normalised", "lang", "NLD", "lang: 'NLD' is als 'nld' overgenomen"),
                    ("missing", "contact_email", "", "Contactgegevens: dit veld is verplicht"))},
    {"name": "Afspraakplanner burgerzaken", "unit": "Werk en Inkomen", "source": "spreadsheet",
     "origin": "inventaris-2025.xlsx, rij 12", "match": ("organisation+name", "Gemeente Voorbeeld / Afspraakplanner burgerzaken"),
     "answers": {"description-short": "Verdeelt de afspraken aan de balie over de beschikbare medewerkers."},
     "not_mapped": {}, "deviations": ()},
    {"name": "Herkenning zwerfafval op foto's", "unit": "", "source": "register", "origin": "gemeente-voorbeeld.csv, rij 9",
     "match": ("source_id", "ZA-2023-01"), "answers": {"description-short": "Herkent zwerfafval op foto's van de "
                                                                           "veegwagen."},
     "not_mapped": {}, "deviations": ()},
)


def draft_shots(window: Any, tmp: Path, shot: Callable[..., None], settle: Callable[..., None]) -> None:
    """A round bundle with drafts from the CDO (signed with a CDO key made here): dialog, hint and summary."""
    import uuid

    from algoinventaris import config
    from algoinventaris.domain.drafts import Draft, DraftDeviation
    from algoinventaris.formengine.loader import load_form
    from algoinventaris.package.bundle import BundleForm, BundleSpec, build_bundle
    from algoinventaris.package.keys import Ed25519Signer, KeyStore
    from algoinventaris.package.rounds import open_bundle
    from algoinventaris.ui.summary_page import SummaryPage

    signer = KeyStore(tmp / "cdo-keys").create_ed25519("voorbeeld wachtwoordzin", "CDO Gemeente Voorbeeld")
    assert isinstance(signer, Ed25519Signer)
    repo = window.repo
    repo.trust_cdo_key(signer.public_raw, signer.fingerprint)
    forms = []
    for fid in ("ai-act", "register"):
        path = config.form_path(fid) / "form.yaml"
        forms.append(BundleForm.of(load_form(path.parent), path.read_bytes()))
    org, round_name = "Gemeente Voorbeeld", "Inventarisatie 2026"
    drafts = tuple(Draft(id=str(uuid.uuid4()), organisation=org, unit=d["unit"], round=round_name, name=d["name"],
                         source=d["source"], origin=d["origin"], match_kind=d["match"][0], match_value=d["match"][1],
                         revision=1, answers={"name": d["name"], **d["answers"]}, not_mapped=d["not_mapped"],
                         deviations=tuple(DraftDeviation(*dev) for dev in d["deviations"])) for d in SAMPLE_DRAFTS)
    spec = BundleSpec(organisation=org, round=round_name, deadline="2026-04-01", units=("Werk en Inkomen", "Beheer"),
                      sequence=1, forms=tuple(forms), drafts=drafts)
    open_bundle(repo, build_bundle(spec, signer))
    window.show_list()
    window.update_drafts()
    dialog = window.open_drafts()
    assert dialog is not None
    dialog.filter_edit.clear()
    dialog.select(drafts[0].id)
    shot("22-draft-dialog", dialog)
    dialog.start_selected()
    window.resize(1100, 760)  # the 200 % text-size shot widened the window
    settle(300)
    shot("23-draft-hint")
    wizard = window.wizard
    wizard.show_overview()
    summary = wizard.current_page()
    assert isinstance(summary, SummaryPage)
    settle(200)
    wizard.summary_scroll.verticalScrollBar().setValue(summary.not_taken_box.y() - 12)
    shot("24-draft-summary")
    window.show_list()


def screen_shot_of(window: object, path: Path, settle: Callable[[int], None]) -> None:
    """Grab the screen area of a window (dialogs included)."""
    from PySide6.QtGui import QGuiApplication

    settle(300)
    geo = window.frameGeometry()  # type: ignore[attr-defined]
    QGuiApplication.primaryScreen().grabWindow(0, geo.x(), geo.y(), geo.width(), geo.height()).save(str(path))
    print("wrote", path)


def route_to_conclusion(form: object, run: Callable[..., object], step: Callable[..., object]) -> list[tuple[str, list[str]]]:
    """A route that goes on as long as possible (always the first answer that leads to another question)."""
    steps: list[object] = []
    route: list[tuple[str, list[str]]] = []
    decision = run(form, [])
    while decision.next_question is not None:  # type: ignore[attr-defined]
        q = decision.next_question  # type: ignore[attr-defined]
        chosen = q.answers[0].id
        for answer in q.answers:
            trial = run(form, [*steps, step(q.id, (answer.id,))])
            if trial.next_question is not None:  # type: ignore[attr-defined]
                chosen = answer.id
                break
        steps.append(step(q.id, (chosen,)))
        route.append((q.id, [chosen]))
        decision = run(form, steps)
    return route


if __name__ == "__main__":
    sys.exit(main())
