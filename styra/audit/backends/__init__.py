"""Database backends that write the audit trail inside each transaction, just before COMMIT.

Django's own sqlite3 and postgresql backends with one change: commit() first writes the
entries the audit trail collected during the transaction (styra.audit.trail), so that a
change and its entries are committed together or not at all. settings.py swaps them in for
the engine DATABASE_URL names.
"""

from typing import TYPE_CHECKING

from django.core import checks
from django.db import Error, connections

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper

    _Wrapper = BaseDatabaseWrapper
else:
    _Wrapper = object  # at run time the mixin sits before Django's wrapper in the MRO


class AuditedCommit(_Wrapper):
    """Mixed into a DatabaseWrapper: commit() writes the pending audit entries first.

    Whatever goes wrong while writing them (a database error or a bug) rolls the whole
    transaction back before the error is raised: the change must not be committed without
    its entry. Atomic.__exit__ rolls back only on DatabaseError and would otherwise turn
    autocommit back on, which on SQLite commits the open transaction.
    """

    def commit(self) -> None:
        self.validate_no_atomic_block()
        from styra.audit.trail import write_before_commit  # backends load before the apps

        try:
            write_before_commit(self)
        except BaseException:
            try:
                self.rollback()
            except Error:
                self.close()  # the connection is broken; the server drops the transaction
            raise
        super().commit()


def check_engines(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """audit.E001: another backend would write the entries only after COMMIT (and not with it)."""
    return [
        checks.Error(
            f"The database {conn.alias!r} does not write the audit trail before COMMIT.",
            hint="Use ENGINE styra.audit.backends.sqlite3 or styra.audit.backends.postgresql.",
            id="audit.E001",
        )
        for conn in connections.all()
        if not isinstance(conn, AuditedCommit)
    ]
