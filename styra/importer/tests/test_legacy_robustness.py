"""Any input gives a schema-valid plan or a DocumentError, quickly."""

from __future__ import annotations

import io
import random
import time
import zipfile

import pytest
import typst
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styra.importer.legacy import DocumentError, ParseResult, parse_document
from styra.importer.legacy.assemble import validate


def check(data: bytes, name: str | None = None) -> ParseResult | None:
    try:
        result = parse_document(data, name)
    except DocumentError as exc:
        assert str(exc)
        return None
    assert validate(result.plan) == []
    assert all(isinstance(w, str) for w in result.warnings)
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_it_survives_arbitrary_bytes(data: bytes):
    check(data)


_PIECES = st.sampled_from(
    [
        "KF:s inriktningsmål:",
        "Nämndmål:",
        "Åtagande:",
        "Enhetsmål",
        "1. Titel",
        "2.3 Område",
        "Förväntat resultat",
        "Arbetsätt",
        "Indikator\tÅrsmål\tKF:s årsmål\tPeriodicitet",
        "Aktivitet Startdatum Slutdatum",
        "Namn\t5 %\t\tÅr",
        "x 2014-01-01 2014-13-45",
        "Kostnader Intäkter Netto",
        "Summa 1 300 200 1 100",
        "| a | b |",
        "<table><tr><td>x",
        "**",
        "Bilagor",
        "Bilaga 1: X",
        "Sid 3 (9)",
        "Verksamhetsplan 2019",
        "Handläggare",
        "Till",
        "\f",
        "",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=40)), max_size=40))
def test_it_survives_arbitrary_text(pieces: list[str]):
    check("\n".join(pieces).encode("utf-8"), "plan.txt")


@given(st.text(max_size=2000))
@settings(max_examples=100, deadline=None)
def test_it_survives_any_unicode(text: str):
    check(text.encode("utf-8", errors="surrogatepass"), None)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"", "plan.txt"),
        (b"   \n\n", "plan.txt"),
        (b"\x00\x01\x02" * 1000, "plan.txt"),
        (b"PK\x03\x04garbage", "plan.docx"),
        (b"%PDF-1.7\n%broken", "plan.pdf"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "plan.doc"),
        (b"not really", "plan.pdf"),
    ],
)
def test_it_refuses_unreadable_files_in_swedish(data: bytes, name: str):
    with pytest.raises(DocumentError) as info:
        parse_document(data, name)
    assert any(ch in str(info.value) for ch in "åäöÅÄÖ") or "Filen" in str(info.value)


def test_it_refuses_a_zip_without_word_content():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("hello.txt", "hej")
    with pytest.raises(DocumentError, match="Word"):
        parse_document(out.getvalue(), "plan.docx")


def test_it_refuses_a_pdf_without_text():
    pdf = typst.compile(b"#set page(width: 5cm, height: 5cm)\n#rect(width: 2cm, height: 2cm)")
    with pytest.raises(DocumentError, match="OCR"):
        parse_document(pdf, "scan.pdf")


def test_it_handles_50_mb_of_noise_in_a_few_seconds():
    rng = random.Random(7)
    words = ["Nämndmål:", "Åtagande", "1.2", "och", "tkr", "2014-01-01", "\t", "Sid 2 (3)", "öka"]
    chunk = " ".join(rng.choice(words) for _ in range(20000)).encode()
    data = (chunk * (50_000_000 // len(chunk) + 1))[:50_000_000]
    started = time.monotonic()
    check(data, "noise.txt")
    assert time.monotonic() - started < 15


def test_it_handles_random_binary_of_50_mb_quickly():
    data = random.Random(3).randbytes(50_000_000)
    started = time.monotonic()
    check(data, "noise.bin")
    assert time.monotonic() - started < 15
