"""Path converters shared by the apps' URLs; registered once when styra.urls loads."""

from django.urls import register_converter


class WayConverter:
    """ "upp" or "ned" in the URL of a move (reordering) action."""

    regex = "upp|ned"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(WayConverter, "way")
