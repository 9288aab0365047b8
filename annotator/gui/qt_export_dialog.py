"""Export dialog: the same export code as `annotator export`, run in a worker with progress.

Its buttons are commands of the window that owns it (`CommandWindow.command`), so a failed
export is shown where every failed command is, in that window's status bar; the dialog's
summary shows only what a finished export wrote."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from annotator.core.codebook import Codebook
from annotator.core.errors import ExportError
from annotator.core.model import GOLD
from annotator.formats import EXPORTERS
from annotator.formats.registry import ExportReport
from annotator.gui.commands import CommandWindow
from annotator.gui.workers import Workers
from annotator.services.exporting import default_out_dir, export_project
from annotator.store import Store


class QtExportDialog(QDialog):
    progressed = Signal(int, int)

    def __init__(
        self,
        store: Store,
        codebook: Codebook,
        annotator: str,
        workers: Workers,
        owner: CommandWindow,
    ) -> None:
        super().__init__(owner)
        self.setWindowTitle("Export annotations")
        self.owner = owner
        self.store, self.codebook, self.workers = store, codebook, workers
        self.format = QComboBox()
        for name, exporter in sorted(EXPORTERS.items()):
            self.format.addItem(f"{name} — {exporter.description}", name)
        self.format.setCurrentIndex(max(self.format.findData("spacy"), 0))
        self.who = QComboBox()
        for row in store.annotators():
            if row["kind"] == "human" or row["name"] == GOLD:
                self.who.addItem(row["name"], row["name"])
        self.who.setCurrentIndex(max(self.who.findData(annotator), 0))
        self.include = QComboBox()
        self.include.addItem("accepted and manual spans", "accepted")
        self.include.addItem("also pending suggestions", "suggested")
        self.all_articles = QCheckBox("also articles not marked done")
        self.include_undated = QCheckBox("also frames without a date (empty event_date)")
        self.dev_ratio = QDoubleSpinBox(minimum=0.0, maximum=0.9, singleStep=0.05, value=0.2)
        self.out = QLineEdit(str(default_out_dir(store).resolve()))
        self.force = QCheckBox("replace the folder's contents if it is not empty")
        browse = QPushButton("…")
        browse.clicked.connect(owner.command(self._browse))
        folder = QWidget()
        row = QHBoxLayout(folder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.out)
        row.addWidget(browse)
        self.bar = QProgressBar()
        self.summary = QPlainTextEdit(readOnly=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.ActionRole)
        form = QFormLayout(self)
        for label, widget in (
            ("Format", self.format),
            ("Annotations of", self.who),
            ("Include", self.include),
            ("", self.all_articles),
            ("dev share (spacy)", self.dev_ratio),
            ("acled", self.include_undated),
            ("Folder", folder),
            ("", self.force),
        ):
            form.addRow(label, widget)
        form.addRow(self.bar)
        form.addRow(QLabel("Summary"))
        form.addRow(self.summary)
        form.addRow(self.buttons)
        self.export_button.clicked.connect(owner.command(self.start))
        self.buttons.rejected.connect(self.reject)
        self.progressed.connect(self._progress)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Export to", self.out.text())
        if chosen:
            self.out.setText(chosen)

    def _progress(self, done: int, total: int) -> None:
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(done)

    def start(self) -> None:
        """RAISES (ExportError): no folder chosen; nothing is started."""
        if not self.out.text().strip():
            raise ExportError("choose a folder to export to")
        self.export_button.setEnabled(False)
        self.summary.setPlainText("exporting…")
        path, fmt, who = self.store.path, self.format.currentData(), self.who.currentData()
        include, only_done = self.include.currentData(), not self.all_articles.isChecked()
        out, ratio, codebook = Path(self.out.text()), self.dev_ratio.value(), self.codebook
        force, include_undated = self.force.isChecked(), self.include_undated.isChecked()

        def run() -> ExportReport:
            with Store(path, create=False) as own:
                return export_project(
                    own,
                    fmt,
                    out,
                    codebook,
                    annotator=who,
                    include=include,
                    only_done=only_done,
                    force=force,
                    progress=self.progressed.emit,
                    dev_ratio=ratio,
                    include_undated=include_undated,
                )

        self.workers.submit(self.workers.io, run, self.owner.command(self._done), self._failed)

    def _done(self, report: ExportReport) -> None:
        """Show what was written, and propose a new folder: the used one is not empty now, so
        the next export would be refused there."""
        self.summary.setPlainText("\n".join(report.lines()))
        self.out.setText(str(default_out_dir(self.store).resolve()))
        self.export_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        """Nothing was exported: the dialog is as before the export, the window says why."""
        self.export_button.setEnabled(True)
        self.summary.clear()
        self.bar.reset()
        self.owner.background_failed(error)
