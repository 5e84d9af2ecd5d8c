"""Reading a delivered file into rows of text: CSV in any common encoding and delimiter, or XLSX."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from core.text_guard import has_control_characters
from indicators.importing.issues import ImportIssue, ImportRejected

ENCODINGS = ("utf-8-sig", "cp1252")
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UPLOAD_MB = MAX_FILE_BYTES // (1024 * 1024)
MAX_XLSX_UNPACKED_BYTES = 250 * 1024 * 1024  # a 50 MB sheet of numbers unpacks to well under this
MAX_XLSX_RATIO = 200  # ordinary XLSX parts compress 5-20 times; a zip bomb compresses thousands of times
MAX_XLSX_PARTS = 5_000


@dataclass
class Table:
    """The cells of a file as text; `row_numbers[i]` is the file row of `rows[i]` (header = 1)."""

    file_name: str
    rows: list[list[str]]
    row_numbers: list[int]
    encoding: str = ""
    delimiter: str = ""
    decimal_comma: bool = True
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def _reject(file_name: str, message: str) -> ImportRejected:
    return ImportRejected([ImportIssue(file_name, None, None, message)])


def decode(data: bytes, file_name: str) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-8 (with or without BOM) or Windows-1252."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), ("utf-8" if encoding == "utf-8-sig" else encoding)
        except UnicodeDecodeError:
            continue
    raise _reject(file_name, "de tekenset van het bestand is niet te lezen (verwacht UTF-8 of Windows-1252)")


DELIMITERS = (";", ",", "\t")  # in order of preference: Dutch spreadsheets write semicolons
SAMPLE_LINES = 50
SAMPLE_CHARS = 64 * 1024  # the sniffer's patterns need not see more; a huge single line stays cheap


def _sample_lines(text: str) -> list[str]:
    lines = text[:SAMPLE_CHARS].splitlines()[:SAMPLE_LINES]
    if len(text) > SAMPLE_CHARS and len(lines) > 1 and len(lines) < SAMPLE_LINES:
        lines = lines[:-1]  # the last line was cut off by the character limit
    return lines


def _consistency(lines: list[str], delimiter: str) -> tuple[int, int]:
    """(rows sharing the most common width, that width) over the rows that split into more than one cell.

    One-cell rows are left out: StatLine downloads start with a quoted title and filter lines."""
    try:
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter) if len(row) > 1]
    except csv.Error:
        return 0, 0
    if not widths:
        return 0, 0
    width = max(set(widths), key=lambda w: (widths.count(w), w))
    return widths.count(width), width


def detect_delimiter(text: str) -> str:
    """The file's delimiter (`;`, `,` or tab) as `csv.Sniffer` sees it over the first lines; when the sniffer
    cannot decide, the delimiter that gives the most rows of one width (more than one cell), `;` on a tie."""
    lines = _sample_lines(text)
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines), delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed in DELIMITERS and _consistency(lines, sniffed)[1] > 1:
        return sniffed
    scores = {d: _consistency(lines, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (scores[d][0], -DELIMITERS.index(d)))
    return best if scores[best][0] else DELIMITERS[0]


def read_csv(data: bytes, file_name: str) -> Table:
    text, encoding = decode(data, file_name)
    if not text.strip():
        raise _reject(file_name, "het bestand is leeg")
    delimiter = detect_delimiter(text)
    rows: list[list[str]] = []
    numbers: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append([cell.strip() for cell in row])
                numbers.append(reader.line_num)
    except csv.Error as error:
        raise ImportRejected(
            [ImportIssue(file_name, reader.line_num, None, f"onleesbare CSV-regel ({error})")]
        ) from error
    if not rows:
        raise _reject(file_name, "het bestand is leeg")
    return Table(file_name, rows, numbers, encoding=encoding, delimiter=delimiter, decimal_comma=delimiter == ";")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def check_xlsx_archive(data: bytes, file_name: str) -> None:
    """Refuse zip bombs before anything is unpacked: too many parts, too large unpacked, or compressed too well."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile as error:
        raise _reject(file_name, f"dit is geen leesbaar Excel-bestand (.xlsx): {error}") from error
    unpacked = sum(p.file_size for p in parts)
    packed = max(1, sum(p.compress_size for p in parts))
    if (
        len(parts) > MAX_XLSX_PARTS
        or unpacked > MAX_XLSX_UNPACKED_BYTES
        or (unpacked > 10 * 1024 * 1024 and unpacked / packed > MAX_XLSX_RATIO)
    ):
        raise _reject(
            file_name,
            f"het Excel-bestand pakt uit tot {unpacked // (1024 * 1024)} MB in {len(parts)} delen "
            "(mogelijk een zipbom); het is niet geopend",
        )


def _xml_attack(error: BaseException | None) -> bool:
    """Whether defusedxml refused the XML (openpyxl may wrap that error in its own)."""
    seen = 0
    while error is not None and seen < 10:
        if type(error).__module__.startswith("defusedxml"):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def read_xlsx(data: bytes, file_name: str, *, sheet: str | None = None) -> Table:
    """An Excel sheet as text. The archive is checked first (zip bombs); openpyxl parses with defusedxml, which
    refuses entity expansion and external entities (XML bombs)."""
    from openpyxl import load_workbook

    check_xlsx_archive(data, file_name)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        if _xml_attack(error):
            raise _reject(
                file_name,
                "het Excel-bestand bevat verboden XML-constructies (mogelijk een XML-bom); het is niet geopend",
            ) from error
        if isinstance(error, zipfile.BadZipFile | KeyError | ValueError | OSError):
            raise _reject(file_name, f"dit is geen leesbaar Excel-bestand (.xlsx): {error}") from error
        raise
    try:
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        rows: list[list[str]] = []
        numbers: list[int] = []
        try:
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                cells = [_cell_text(v) for v in values]
                if any(cells):
                    rows.append(cells)
                    numbers.append(number)
        except Exception as error:
            if _xml_attack(error):
                raise _reject(
                    file_name,
                    "het Excel-bestand bevat verboden XML-constructies (mogelijk een XML-bom); het is niet geopend",
                ) from error
            raise _reject(file_name, f"het werkblad is niet te lezen: {error}") from error
        title = worksheet.title
    finally:
        workbook.close()
    if not rows:
        raise _reject(file_name, "het bestand is leeg")
    # Excel stores numbers as numbers: a decimal point in the text is always a decimal point.
    return Table(file_name, rows, numbers, encoding="xlsx", delimiter="", decimal_comma=False, sheet=title)


def read_table(data: bytes, file_name: str, *, sheet: str | None = None) -> Table:
    """Any supported file, recognised by its content (XLSX is a zip archive) and name."""
    if len(data) > MAX_FILE_BYTES:
        raise _reject(file_name, f"het bestand is te groot (maximaal {MAX_FILE_BYTES // (1024 * 1024)} MB)")
    if not data.strip():
        raise _reject(file_name, "het bestand is leeg")
    if data[:4] == b"PK\x03\x04" or file_name.lower().endswith((".xlsx", ".xlsm")):
        table = read_xlsx(data, file_name, sheet=sheet)
    else:
        table = read_csv(data, file_name)
    _refuse_control_characters(table)
    return table


MAX_CONTROL_ISSUES = 5


def _column_name(table: Table, index: int) -> str:
    """The header cell above a column (as the user sees it), or its number when the header has none."""
    header = table.rows[0] if table.rows else []
    name = header[index].strip() if index < len(header) else ""
    return name if name and not has_control_characters(name) else str(index + 1)


def _refuse_control_characters(table: Table) -> None:
    """Cells with an invisible control character (NUL, …: a binary file or a damaged export) are refused by row and
    column, before anything is compared or stored."""
    issues = []
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        if not has_control_characters("\t".join(row)):  # one search per row; cells only where it finds one
            continue
        for index, cell in enumerate(row):
            if has_control_characters(cell):
                issues.append(
                    ImportIssue(
                        table.file_name,
                        number,
                        _column_name(table, index),
                        "de cel bevat een onzichtbaar stuurteken (zoals NUL); is dit een tekstbestand (CSV) of een "
                        "Excel-bestand? Sla het opnieuw op als CSV (UTF-8) of XLSX",
                    )
                )
                if len(issues) >= MAX_CONTROL_ISSUES:
                    raise ImportRejected(issues)
    if issues:
        raise ImportRejected(issues)
