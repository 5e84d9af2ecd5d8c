"""A thin writer over python-docx for the session documents (duidingsverslag, handouts).

python-docx looks a style up by name on every paragraph (a scan of all styles); a report has hundreds of
paragraphs, so the writer resolves each style id once and sets it directly. User text is only ever set as
text: Word documents have no markup to inject.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

LEGEND_TEXT = RGBColor(0x33, 0x33, 0x33)
STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Caption")


@dataclass(frozen=True)
class Card:
    """One card of a sheet of cards (a name card): a title, lines, a picture and a small caption under it."""

    title: str
    lines: Sequence[str] = ()
    picture: bytes | None = None
    caption: str = ""


class DocxWriter:
    def __init__(self, *, font_size: float = 11, margins_cm: float = 2.2) -> None:
        self.document = Document()
        normal = self.document.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(font_size)
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(margins_cm))
        self._style_ids = {name: self.document.styles[name].style_id for name in STYLES}

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph(text)
        if style is not None:
            paragraph._p.style = self._style_ids[style]
        return paragraph

    def heading(self, text: str, level: int) -> Paragraph:
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def bullet(self, text: str) -> Paragraph:
        return self.paragraph(text, "List Bullet")

    def bullets(self, texts: Sequence[str], *, empty: str = "geen") -> None:
        for text in texts or [empty]:
            self.bullet(text)

    def bold(self, text: str) -> Paragraph:
        paragraph = self.paragraph()
        paragraph.add_run(text).bold = True
        return paragraph

    def italic(self, text: str, style: str | None = None) -> Paragraph:
        paragraph = self.paragraph(style=style)
        paragraph.add_run(text).italic = True
        return paragraph

    def picture(
        self, png: bytes, caption: str, *, width_cm: float = 15.5, legend: Sequence[tuple[str, str]] = ()
    ) -> None:
        """A picture, then its legend as coloured squares with labels, then the caption."""
        self.document.add_picture(io.BytesIO(png), width=Cm(width_cm))
        if legend:
            key = self.paragraph(style="Caption")
            for label, colour in legend:
                key.add_run("■\u00a0").font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
                key.add_run(f"{label}   ").font.color.rgb = LEGEND_TEXT
        self.paragraph(caption, "Caption")

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], *, widths_cm: Sequence[float] | None = None
    ) -> None:
        table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        table.style = self.document.styles["Light Grid Accent 1"]
        table.autofit = widths_cm is None
        for cell, title in zip(table.rows[0].cells, header, strict=True):
            cell.text = title
        for row, values in zip(table.rows[1:], rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
        if widths_cm is not None:
            for column, width in zip(table.columns, widths_cm, strict=True):
                column.width = Cm(width)  # the table grid: LibreOffice (PDF) lays the table out by it
            for row in table.rows:
                for cell, width in zip(row.cells, widths_cm, strict=True):
                    cell.width = Cm(width)

    def cards(self, cards: Sequence[Card], *, columns: int = 2, picture_cm: float = 3.2) -> None:
        """Cards side by side in a grid with cut lines; a card never splits over two pages."""
        grid = self.document.add_table(rows=0, cols=columns)
        grid.style = self.document.styles["Table Grid"]
        for start in range(0, len(cards), columns):
            row = grid.add_row()
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for cell, card in zip(row.cells, cards[start : start + columns], strict=False):
                title = cell.paragraphs[0].add_run(card.title)
                title.bold = True
                title.font.size = Pt(18)
                for line in card.lines:
                    cell.add_paragraph(line)
                if card.picture is not None:
                    cell.add_paragraph().add_run().add_picture(io.BytesIO(card.picture), width=Cm(picture_cm))
                if card.caption:
                    cell.add_paragraph().add_run(card.caption).font.size = Pt(8)

    def page_break(self) -> None:
        self.document.add_page_break()

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
