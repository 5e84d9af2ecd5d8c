"""The kernel both domains stand on: database engine and transactions, failures in Dutch, the schema and its
migrations, roles and permissions, accounts and login tokens, the audit log, backup and restore, Dutch
formatting, export safety and the one spreadsheet writer. It imports neither `indicators` nor `sessions`."""
