"""The language the municipality's own documents are in, whatever the reader's."""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from django.utils.translation import override

_P = ParamSpec("_P")
_R = TypeVar("_R")


def swedish(view: Callable[_P, _R]) -> Callable[_P, _R]:
    """The documents are the municipality's own (public records, in Swedish), whatever
    language the reader uses the interface in: the labels they take from models stay Swedish.
    (A fresh override per call: one shared instance would keep state across threads.)"""

    @wraps(view)
    def in_swedish(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with override("sv"):
            return view(*args, **kwargs)

    return in_swedish
