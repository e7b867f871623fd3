import pytest

from backend.domain.identity import account_label, is_valid_bsn, mask_bsn, normalize_kvk


@pytest.mark.parametrize("bsn", ["999990019", "111222333", "123456782", "9999 90 019"])
def test_valid(bsn):
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize(
    "bsn", ["999990018", "123456789", "12345678", "1234567890", "000000000", "99999001a", "", None, 999990019]
)
def test_invalid(bsn):
    assert not is_valid_bsn(bsn)


def test_eight_digits_are_not_zero_padded():
    # stdnum itself pads "99990019"-like input; our rule is exactly 9 digits.
    assert not is_valid_bsn("11222333")


def test_mask():
    assert mask_bsn("999990019") == "*****0019"
    assert mask_bsn("123456782") == "*****6782"


def test_kvk_numbers_have_8_digits_and_pass_the_check():
    assert normalize_kvk("69599084") == "69599084"
    assert normalize_kvk(" 6959 9084 ") == "69599084"
    for bad in ("69599085", "6959908", "695990840", "abcdefgh", "00000000", ""):
        assert normalize_kvk(bad) is None, bad


def test_operators_see_a_masked_bsn_or_the_kvk_number():
    assert account_label("999990019", None) == "BSN *****0019"
    assert account_label(None, "69599084") == "KvK 69599084"
