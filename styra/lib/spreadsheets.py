"""Text that a spreadsheet never runs: the formula neutraliser for Excel and CSV downloads.

A cell that starts with =, +, -, @, a tab or a carriage return can be taken for a formula,
a DDE call or a command by Excel, LibreOffice or Sheets. Such text gets a leading ' so it
stays text even when the sheet is copied or saved as CSV. Shared by the roll-up workbooks
and the outcome template (followup) and the audit trail's CSV export (audit).
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text that cannot be read as a formula, DDE call or command by a spreadsheet."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore(text: str) -> str:
    """The text neutralise() was given: a downloaded template comes back filled in, quoted."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
