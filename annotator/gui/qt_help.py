"""F1: every key of the workspace, generated from the bindings and the codebook."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from annotator.core.codebook import Codebook
from annotator.gui.bindings import help_rows


def help_html(codebook: Codebook) -> str:
    rows = "".join(
        f"<tr><td><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>"
        for keys, what in help_rows(codebook)
    )
    return f"<h3>Keys</h3><table cellpadding='3'>{rows}</table>"


class QtHelp(QDialog):
    def __init__(self, codebook: Codebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("annotator — keys")
        self.resize(640, 600)
        self.browser = QTextBrowser()
        self.browser.setHtml(help_html(codebook))
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
