"""BSN and IBAN are masked in free text; plates, phone numbers and other numbers stay."""

import pytest

from backend.domain.redaction import BSN_MASK, IBAN_MASK, redact


@pytest.mark.parametrize("text, expected", [
    ("mijn bsn is 999990019", f"mijn bsn is {BSN_MASK}"),
    ("bsn 999 990 019.", f"bsn {BSN_MASK}."),
    ("bsn 999.99.0019", f"bsn {BSN_MASK}"),
    ("iban NL91 ABNA 0417 1643 00 graag", f"iban {IBAN_MASK} graag"),
    ("nl91abna0417164300", IBAN_MASK),
    ("NL91ABNA0417164301", IBAN_MASK),                       # a typo in a Dutch IBAN: still masked
    ("DE89 3704 0044 0532 0130 00, en 999990020", f"{IBAN_MASK}, en {BSN_MASK}"),
    ("nummer 123456789", "nummer 123456789"),                 # fails the 11-test: not a BSN
    ("kenteken 51-PX-PN, bel 0612345678", "kenteken 51-PX-PN, bel 0612345678"),
    ("1234567890123", "1234567890123"),                       # longer than 9 digits
    ("NL** **** **** **43 00", "NL** **** **** **43 00"),     # already masked
])
def test_redact(text, expected):
    assert redact(text) == expected
