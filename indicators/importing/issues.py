"""Import problems, always in Dutch and naming the file, row and column."""

from dataclasses import dataclass

from core.errors import UserError


@dataclass(frozen=True)
class ImportIssue:
    file_name: str
    row: int | None  # 1-based row in the file as the user sees it (header = row 1); None: whole file
    column: str | None
    message: str
    former_municipality: bool = False  # a value for a municipality that had merged away (the successor is named)

    def __str__(self) -> str:
        where = [self.file_name]
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.column:
            where.append(f"kolom '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class ImportRejected(UserError):
    """The file cannot be imported; nothing was written. `issues` says why, row by row."""

    def __init__(self, issues: list[ImportIssue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))

    def summary(self, limit: int = 20) -> str:
        lines = [str(issue) for issue in self.issues[:limit]]
        if len(self.issues) > limit:
            lines.append(f"… en nog {len(self.issues) - limit} andere problemen")
        return "\n".join(lines)
