"""The language the municipality's own documents are in, whatever the reader's."""

from functools import wraps

from django.utils.translation import override


def swedish(view):
    """The documents are the municipality's own (public records, in Swedish), whatever
    language the reader uses the interface in: the labels they take from models stay Swedish.
    (A fresh override per call: one shared instance would keep state across threads.)"""

    @wraps(view)
    def in_swedish(*args, **kwargs):
        with override("sv"):
            return view(*args, **kwargs)

    return in_swedish
