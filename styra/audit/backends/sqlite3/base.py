"""Django's SQLite backend, writing the audit trail just before COMMIT."""

from django.db.backends.sqlite3 import base

from .. import AuditedCommit


class DatabaseWrapper(AuditedCommit, base.DatabaseWrapper):
    pass
