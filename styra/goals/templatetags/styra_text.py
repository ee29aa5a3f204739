"""Template filters for narrative text, Swedish numbers and dates."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from styra.lib.dates import long_date
from styra.lib.narrative import blocks
from styra.lib.numbers import format_figure, format_number

register = template.Library()


@register.filter
def narrative(text: str | None) -> SafeString:
    """Paragraphs and lists as HTML; every piece of text is escaped."""
    parts = []
    for block in blocks(text):
        if block.kind == "p":
            parts.append(format_html("<p>{}</p>", block.text))
        elif block.kind == "ul":
            items = format_html_join("", "<li>{}</li>", ((t,) for _, t in block.items))
            parts.append(format_html("<ul>{}</ul>", items))
        else:
            items = format_html_join("", '<li><span class="marker">{}</span> {}</li>', block.items)
            parts.append(format_html('<ol class="marked">{}</ol>', items))
    # Every part is already a SafeString from format_html; joining them keeps them safe.
    return format_html_join("", "{}", ((part,) for part in parts))


@register.filter
def sv_number(value, decimals=None) -> str:
    return format_number(value, None if decimals in (None, "") else int(decimals))


@register.simple_tag
def sv_figure(value, unit="", decimals=None) -> str:
    """A figure with its unit (`lib.numbers.format_figure`): {% sv_figure value unit decimals %}."""
    return format_figure(value, unit or "", None if decimals in (None, "") else int(decimals))


register.filter("long_date", long_date)
