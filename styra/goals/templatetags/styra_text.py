"""Template filters for narrative text, Swedish numbers and dates."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from styra.lib.dates import long_date
from styra.lib.narrative import Block, blocks
from styra.lib.numbers import format_figure, format_number

register = template.Library()


@register.filter
def narrative(text: str | None) -> SafeString:
    """Paragraphs and real HTML lists; every piece of text is escaped."""
    parts = []
    for block in blocks(text):
        if block.kind == "p":
            parts.append(format_html("<p>{}</p>", block.text))
            continue
        items = format_html_join("", "<li>{}</li>", ((t,) for t in block.items))
        if block.kind == "ul":
            parts.append(format_html("<ul>{}</ul>", items))
        else:
            parts.append(format_html("<ol{}>{}</ol>", _ol_attributes(block), items))
    # Every part is already a SafeString from format_html; joining them keeps them safe.
    return format_html_join("", "{}", ((part,) for part in parts))


def _ol_attributes(block: Block) -> SafeString:
    """type="a" for letters, start when it goes on from an earlier list, ")" by class."""
    attributes = []
    if block.lettered:
        attributes.append(format_html(' type="{}"', block.numbering))
    if block.start != 1:
        attributes.append(format_html(' start="{}"', block.start))
    if block.suffix == ")":
        style = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha"}[block.numbering]
        attributes.append(format_html(' class="paren-{}"', style))
    return format_html_join("", "{}", ((a,) for a in attributes))


@register.filter
def sv_number(value, decimals=None) -> str:
    return format_number(value, None if decimals in (None, "") else int(decimals))


@register.simple_tag
def sv_figure(value, unit="", decimals=None) -> str:
    """A figure with its unit (`lib.numbers.format_figure`): {% sv_figure value unit decimals %}."""
    return format_figure(value, unit or "", None if decimals in (None, "") else int(decimals))


register.filter("long_date", long_date)
