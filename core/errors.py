"""The one kind of error meant for the user.

Every refusal of a domain function (no permission, a table that is full, a file that cannot be imported, a database
that cannot write) derives from `UserError`. Its message is Dutch and plain text: it says what is wrong and, where it
helps, what to do. The app shows it and carries on; the command line prints it and exits with status 2. Anything
else that is raised is a bug, and is shown as one.
"""


class UserError(Exception):
    """A refusal meant for the user; `message` (Dutch, plain text) says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
