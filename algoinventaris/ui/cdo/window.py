"""The CDO main window: tabs for Import, Drafts, Dashboard, Submissions, Quarantine, Trust and Audit; export and report actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QTabWidget, QWidget

from algoinventaris.ui.cdo.admin_pages import AuditPage, QuarantinePage, TrustPage
from algoinventaris.ui.cdo.common import inform
from algoinventaris.ui.cdo.dashboard_page import DashboardPage
from algoinventaris.ui.cdo.drafts_page import DraftsPage
from algoinventaris.ui.cdo.import_page import ImportPage
from algoinventaris.ui.cdo.submissions_page import SubmissionDialog, SubmissionsPage


class CdoMainWindow(QMainWindow):
    """The CDO workspace on one CDO database (the repository stays open while the window lives)."""

    def __init__(self, repo: Any, actor: str, *, lang: str = "nl", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.actor = actor
        self.lang = lang
        self._english = None
        app = QCoreApplication.instance()
        if lang == "en" and app is not None:
            from algoinventaris.ui.cdo.english import install_english

            self._english = install_english(app)  # before any widget asks for its texts
        self.setObjectName("cdoMainWindow")
        self.setWindowTitle(self.tr("Algoritme-inventaris — CDO-werkplek"))
        self.resize(1180, 780)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("cdoTabs")
        self.setCentralWidget(self.tabs)
        self.import_page = ImportPage(repo, actor)
        self.drafts_page = DraftsPage(repo, actor, lang=lang)
        self.dashboard_page = DashboardPage(repo)
        self.submissions_page = SubmissionsPage(repo)
        self.quarantine_page = QuarantinePage(repo, actor)
        self.trust_page = TrustPage(repo, actor)
        self.audit_page = AuditPage(repo)
        for page in (self.import_page, self.dashboard_page, self.submissions_page, self.quarantine_page):
            page.lang = lang
        self.tabs.addTab(self.import_page, self.tr("&Importeren"))
        self.tabs.addTab(self.drafts_page, self.tr("&Concepten"))
        self.tabs.addTab(self.dashboard_page, self.tr("&Dashboard"))
        self.tabs.addTab(self.submissions_page, self.tr("I&nzendingen"))
        self.tabs.addTab(self.quarantine_page, self.tr("&Quarantaine"))
        self.tabs.addTab(self.trust_page, self.tr("&Vertrouwde sleutels"))
        self.tabs.addTab(self.audit_page, self.tr("&Logboek"))
        self.import_page.import_finished.connect(lambda _outcomes: self.refresh())
        self.quarantine_page.changed.connect(self.refresh)
        self.trust_page.changed.connect(self.refresh)
        self.dashboard_page.open_submission.connect(self.show_submission)
        self.submissions_page.open_submission.connect(self.show_submission)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_current())
        self.drafts_page.status_message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.statusBar().addPermanentWidget(self.drafts_page.undo_button)
        self.drafts_page.undo_button.hide()
        self._build_menus()
        self.refresh()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&Bestand"))
        folder = QAction(self.tr("Map met pakketten &importeren…"), self)
        folder.setShortcut(QKeySequence.StandardKey.Open)
        folder.triggered.connect(self.import_page.choose_folder)
        files = QAction(self.tr("Pakketten importeren…"), self)
        files.triggered.connect(self.import_page.choose_files)
        file_menu.addActions([folder, files])
        file_menu.addSeparator()
        drafts_register = QAction(self.tr("Concepten uit het &register importeren…"), self)
        drafts_register.triggered.connect(lambda: self._drafts_action(self.drafts_page.choose_register_files))
        drafts_sheet = QAction(self.tr("Concepten uit de spreadsheet van &vorig jaar…"), self)
        drafts_sheet.triggered.connect(lambda: self._drafts_action(self.drafts_page.choose_spreadsheet))
        file_menu.addActions([drafts_register, drafts_sheet])
        file_menu.addSeparator()
        export_menu = file_menu.addMenu(self.tr("&Exporteren"))
        for kind, text in (("register", self.tr("&Registerbestand (JSON)…")), ("csv", self.tr("Inventaris als &CSV…")),
                           ("xlsx", self.tr("Inventaris als &Excel…"))):
            action = QAction(text, self)
            action.triggered.connect(lambda _checked=False, k=kind: self.ask_export(k))
            export_menu.addAction(action)
        report = QAction(self.tr("&Jaarrapportage (PDF)…"), self)
        report.setShortcut(QKeySequence("Ctrl+P"))
        report.triggered.connect(self.ask_report)
        file_menu.addAction(report)
        file_menu.addSeparator()
        close = QAction(self.tr("&Sluiten"), self)
        close.setShortcut(QKeySequence.StandardKey.Quit)
        close.triggered.connect(self.close)
        file_menu.addAction(close)
        tools = self.addToolBar(self.tr("Exporteren"))
        tools.setObjectName("cdoToolbar")
        tools.setMovable(False)
        tools.addAction(folder)
        tools.addSeparator()
        for action in export_menu.actions():
            tools.addAction(action)
        tools.addAction(report)
        view = bar.addMenu(self.tr("B&eeld"))
        reload_action = QAction(self.tr("&Vernieuwen"), self)
        reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        reload_action.triggered.connect(self.refresh)
        view.addAction(reload_action)

    # --- state ------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload every tab from the database and update the status line."""
        from algoinventaris.storage.errors import StorageError

        try:
            for page in (self.drafts_page, self.dashboard_page, self.submissions_page, self.quarantine_page, self.trust_page,
                         self.audit_page):
                page.refresh()
            counts = self.repo.counts()
        except StorageError as err:
            inform(self, self.tr("Database niet bruikbaar"), str(err), error=True)
            return
        self.tabs.setTabText(self.tabs.indexOf(self.quarantine_page), self.tr("&Quarantaine (%1)").replace("%1", str(counts["quarantine"]))
                             if counts["quarantine"] else self.tr("&Quarantaine"))
        self.statusBar().showMessage(
            self.tr("Database: %1 — %2 inzendingen, %3 sleutels, %4 in quarantaine — gebruiker %5")
            .replace("%1", self.repo.display).replace("%2", str(counts["submissions"])).replace("%3", str(counts["keys"]))
            .replace("%4", str(counts["quarantine"])).replace("%5", self.actor))

    def _refresh_current(self) -> None:
        page = self.tabs.currentWidget()
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def _drafts_action(self, start: Any) -> None:
        """A menu action of the Concepten tab: show the tab, then start."""
        self.tabs.setCurrentWidget(self.drafts_page)
        start()

    def show_submission(self, row_id: int) -> SubmissionDialog:
        dialog = SubmissionDialog(self.repo, row_id, self, lang=self.lang)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- exports and report ---------------------------------------------------------------------------

    def _round(self) -> str | None:
        return self.dashboard_page.round_box.currentText() or None

    def ask_export(self, kind: str) -> None:
        round_name = self._round()
        if kind == "register" and not round_name:
            inform(self, self.tr("Geen ronde"), self.tr("Er is nog geen ronde om te exporteren."))
            return
        suffix = {"register": "json", "csv": "csv", "xlsx": "xlsx"}[kind]
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Exporteren"), f"{kind}-{round_name or 'alle'}.{suffix}".replace(" ", "-"),
                                              f"*.{suffix}")
        if name:
            self.export(kind, Path(name), round_name)

    def export(self, kind: str, path: Path, round_name: str | None) -> dict[str, Any] | None:
        from algoinventaris.cdo.exports import export_file
        from algoinventaris.storage.errors import StorageError

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            summary = export_file(kind, self.repo, path, round_name=round_name, lang=self.lang)
        except (OSError, StorageError, ValueError) as err:
            inform(self, self.tr("Exporteren mislukt"), str(err), error=True)
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.statusBar().showMessage(self.tr("Geschreven: %1").replace("%1", str(path)), 8000)
        return summary

    def ask_report(self) -> None:
        round_name = self._round()
        if not round_name:
            inform(self, self.tr("Geen ronde"), self.tr("Er is nog geen ronde voor een rapportage."))
            return
        departments = sorted({s.organisation for s in self.repo.list_submissions(round_name)})
        choices = [self.tr("(alle departementen)"), *departments]
        choice, ok = QInputDialog.getItem(self, self.tr("Jaarrapportage"), self.tr("Departement:"), choices, 0, False)
        if not ok:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Jaarrapportage opslaan"), f"rapportage-{round_name}.pdf".replace(" ", "-"),
                                              "*.pdf")
        if name:
            self.report(Path(name), round_name, None if choice == choices[0] else choice)

    def report(self, path: Path, round_name: str, department: str | None = None) -> bool:
        from algoinventaris.cdo.exports import write_atomic
        from algoinventaris.report.cdo_report import report_pdf
        from algoinventaris.storage.errors import StorageError

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write_atomic(path, report_pdf(self.repo, round_name, department=department, lang=self.lang))
        except (OSError, StorageError) as err:
            inform(self, self.tr("Rapportage mislukt"), str(err), error=True)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.statusBar().showMessage(self.tr("Geschreven: %1").replace("%1", str(path)), 8000)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.import_page.busy:
            self.import_page.cancel()
            self.import_page.wait()
        self.drafts_page.shutdown()
        app = QCoreApplication.instance()
        if self._english is not None and app is not None:
            app.removeTranslator(self._english)
            self._english = None
        super().closeEvent(event)
