"""Django's PostgreSQL backend, writing the audit trail just before COMMIT."""

from django.db.backends.postgresql import base

from .. import AuditedCommit


class DatabaseWrapper(AuditedCommit, base.DatabaseWrapper):
    pass
