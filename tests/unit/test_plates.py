import pytest

from backend.domain import plates

# (display form, sidecode) — one example per sidecode.
EXAMPLES = [
    ("GF-12-34", 1),
    ("12-34-GF", 2),
    ("12-GF-34", 3),
    ("GF-12-HB", 4),
    ("GF-HB-12", 5),
    ("12-GF-HB", 6),
    ("12-ABC-3", 7),
    ("5-TXB-21", 8),
    ("LZ-123-X", 9),
    ("X-123-LZ", 10),
    ("GBB-12-T", 11),
    ("T-12-GBB", 12),
    ("1-KB-123", 13),
    ("123-KB-1", 14),
]


@pytest.mark.parametrize(("shown", "code"), EXAMPLES)
def test_all_sidecodes_both_ways(shown, code):
    compact = shown.replace("-", "")
    assert plates.normalize(shown) == compact
    assert plates.normalize(compact.lower()) == compact
    assert plates.sidecode(compact) == code
    assert plates.display(compact) == shown


def test_all_fourteen_sidecodes_covered():
    assert sorted(code for _, code in EXAMPLES) == list(range(1, 15))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("51-PX-PN", "51PXPN"),
        (" 51 px pn ", "51PXPN"),
        ("51.px.pn", "51PXPN"),
        ("5TXB21", "5TXB21"),
        ("12ABC3", "12ABC3"),
        ("GF1234", "GF1234"),
        ("51-PXP-N", "51PXPN"),  # wrong dashes, right characters
        ("12–abc–3", "12ABC3"),  # en dashes
    ],
)
def test_normalize_accepts(text, expected):
    assert plates.normalize(text) == expected


@pytest.mark.parametrize(
    "text", ["A-12-BC", "ABCDEF", "123456", "", "51-PX-PN-1", "51PX", "51_PX_PN", "51-PX-P\u00d1", "AB1C23"]
)
def test_normalize_rejects(text):
    assert plates.normalize(text) is None


def test_display_examples_from_brief():
    assert plates.display("51PXPN") == "51-PX-PN"
    assert plates.display("LZ123X") == "LZ-123-X"


def test_display_and_sidecode_reject_invalid():
    with pytest.raises(ValueError):
        plates.display("ABCDEF")
    assert plates.sidecode("123456") is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("nee, het is 12-abc-3", "12ABC3"),
        ("mijn kenteken is 51 px pn", "51PXPN"),
        ("Het kenteken: 5-TXB-21.", "5TXB21"),
        ("gf1234 graag", "GF1234"),
        ("is 51 px pn de goede?", "51PXPN"),
        ("het is LZ-123-X denk ik", "LZ123X"),
    ],
)
def test_find_plate_in_sentence(sentence, expected):
    assert plates.find_plate(sentence) == expected


@pytest.mark.parametrize("sentence", ["ik weet het niet", "mijn auto heeft nummer 123456", "A-12-BC", ""])
def test_find_plate_none(sentence):
    assert plates.find_plate(sentence) is None


def test_any_plate_for_enforcement_dutch_or_foreign():
    assert plates.normalize_any("51-px-pn") == "51PXPN" and plates.display_any("51PXPN") == "51-PX-PN"
    assert plates.normalize_any("d-ab 1234") == "DAB1234" and plates.display_any("DAB1234") == "DAB1234"
    assert plates.normalize_any("X") == "X"
    for junk in ("", " - ", "ABCDEFGH9", "AB?12", "ÄB123", None):
        assert plates.normalize_any(junk) is None
