import pytest

from backend.domain.answers import parse_yes_no


@pytest.mark.parametrize(
    "text",
    ["ja", "Ja!", "jazeker", "klopt", "ja hoor", "yes", "/affirm", "Dat klopt", "zeker", "ok", "ja, graag",
     "ja, ik heb geen garage"],
)  # fmt: skip
def test_yes(text):
    assert parse_yes_no(text) is True


@pytest.mark.parametrize(
    "text",
    ["nee", "Nee.", "nope", "neen", "klopt niet", "niet", "no", "/deny", "nee hoor", "zeker niet",
     "dat is niet goed", "not correct"],
)  # fmt: skip
def test_no(text):
    assert parse_yes_no(text) is False


@pytest.mark.parametrize("text", ["", "misschien", "ja nee", "ik weet het niet", "hallo", "51-PX-PN", "???"])
def test_unclear(text):
    assert parse_yes_no(text) is None
