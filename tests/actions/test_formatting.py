from actions.formatting import compact_plate, date_nl, money, period_button


def test_money_and_dates():
    assert money("312.00") == "€ 312,00"
    assert money("1234.5") == "€ 1.234,50"
    assert date_nl("2026-11-26") == "26 november 2026"
    assert compact_plate("51-px-pn") == "51PXPN"


def test_period_button():
    b = period_button({"code": "jaar", "label": "Jaar", "price": "312.00", "valid_until": "2027-11-24"})
    assert b == {"title": "Jaar (tot 24 november 2027) € 312,00", "payload": '/inform{"period":"jaar"}'}
