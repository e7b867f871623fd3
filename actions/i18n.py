"""Texts that actions build themselves, in the conversation's language (slot `language`:
"nl", the default, or "en").

Handlers ask `texts(tracker)` for a `Texts` and use it for every sentence, button title,
date, amount and backend label they show:

    t = texts(tracker)
    t("period_question")                      # a sentence of the catalogue below
    t.date_of(product, "valid_until")         # "28 februari 2027" / "28 February 2027"
    t.product(product)                        # "bewonersvergunning" / "resident permit"

Dutch is exactly what the backend and the actions said before (the backend's `*_display`
values and Dutch labels). English labels are mapped from the backend's codes (product,
period, status, question, plate reason); where the backend sends a Dutch text only (a
product name, a display date or amount in an event, a cart line, a letter's title) it is
read back to its code or value. Letters, e-mails and what an operator typed stay Dutch.
Button payloads never depend on the language.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

LANGUAGES = ("nl", "en")
DEFAULT = "nl"

MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
_DATE_NL = re.compile(r"(\d{1,2}) (" + "|".join(MONTHS_NL) + r") (\d{4})", re.I)


# Sentences and button titles: key → (Dutch, English), with str.format placeholders.
MESSAGES: dict[str, tuple[str, str]] = {
    "yes": ("Ja", "Yes"),
    "no": ("Nee", "No"),
    "and": ("en", "and"),
    "or": ("of", "or"),
    "more": ("Meer tonen", "Show more"),
    # Application form
    "noted_plate": ("kenteken {plate}", "licence plate {plate}"),
    "noted_start": ("vanaf {date}", "from {date}"),
    "noted_period": ("betalen per {period}", "paying per {period}"),
    "period_question": ("Voor welke periode wilt u de vergunning betalen? Kies een periode.",
                        "For which period do you want to pay for the permit? Choose a period."),
    "period_button": ("{label} (tot {until}) {price}", "{label} (until {until}) {price}"),
    "plate_not_on_name": ("Het kenteken {plate} staat niet op uw naam. Waarom rijdt u in deze auto?",
                          "The licence plate {plate} is not in your name. Why do you drive this car?"),
    "summary_title": ("Controleer uw aanvraag:", "Please check your application:"),
    "summary_product": ("Product: {value}", "Product: {value}"),
    "summary_zone": ("Gebied: {value}", "Area: {value}"),
    "summary_start": ("Ingangsdatum: {value}", "Start date: {value}"),
    "summary_until": ("Geldig tot: {value}", "Valid until: {value}"),
    "summary_period": ("Periode: {period}, {price}", "Period: {period}, {price}"),
    "summary_plate": ("Kenteken: {plate}", "Licence plate: {plate}"),
    "summary_not_on_name": (" (niet op uw naam)", " (not in your name)"),
    "summary_not_on_name_reason": (" (niet op uw naam: {reason})", " (not in your name: {reason})"),
    "summary_evidence": ("Na uw bevestiging stuurt u een bewijsstuk.",
                         "After you confirm, you send evidence."),
    "summary_correct": ("Klopt dit?", "Is this correct?"),
    "confirm_yes": ("Ja, dit klopt", "Yes, that is correct"),
    "confirm_no": ("Nee, stoppen", "No, stop"),
    "stop": ("Stoppen", "Stop"),
    # Lists (Home, Huidige producten, Aanvraagbare producten, Historie)
    "menu_renewals": ("Verlengingen", "Renewals"),
    "menu_cart": ("Winkelwagen", "Cart"),
    "menu_open_applications": ("Lopende aanvragen", "Open applications"),
    "menu_current_products": ("Huidige producten", "Current products"),
    "menu_available_products": ("Aanvraagbare producten", "Products you can apply for"),
    "menu_history": ("Historie", "History"),
    "button_cart": ("Winkelwagen betalen", "Pay for the cart"),
    "overview_line": ("{title} {n}", "{title} {n}"),
    "and_more": ("En nog {count}.", "And {count} more."),
    "action_change_plate": ("Kenteken wijzigen", "Change licence plate"),
    "action_terminate": ("Beëindigen", "End"),
    "action_documents": ("Documenten", "Documents"),
    # Coming back after an hour (actions/session.py)
    "restart_application": ("Opnieuw aanvragen", "Apply again"),
    "restart_change_plate": ("Kenteken wijzigen", "Change licence plate"),
    "restart_termination": ("Vergunning beëindigen", "End a permit"),
    "apply": ("Aanvragen", "Apply"),
    "plate_one": ("kenteken {plates}", "licence plate {plates}"),
    "plate_many": ("kentekens {plates}", "licence plates {plates}"),
    "valid_through": ("geldig tot en met {date}", "valid up to and including {date}"),
    "ended_on": ("beëindigd op {date}", "ended on {date}"),
    "price_per": ("{price} per {period}", "{price} per {period}"),
    "history_application": ("Aanvraag {line}", "Application {line}"),
    "history_count_one": ("staat {what}", "there is {what}"),
    "history_count_many": ("staan {what}", "there are {what}"),
    "your_area": ("uw gebied", "your area"),
    "unavailable_not_in_zone": ("Uw adres ligt niet in het gebied van dit product.",
                                "Your address is not in the area of this product."),
    "unavailable_already_has_product": ("U heeft al een {product_name}.", "You already have a {product_name}."),
    "unavailable_already_applied": ("U heeft hiervoor al een aanvraag lopen.",
                                    "You already have an open application for this."),
    "unavailable_zone_cap_reached": ("In {zone_name} zijn alle vergunningen uitgegeven.",
                                     "All permits in {zone_name} have been issued."),
    "unavailable_not_offered_in_chat_yet": ("Dit kunt u nog niet in de chat aanvragen.",
                                            "You cannot apply for this in the chat yet."),
    "unavailable_company_only": ("Dit is voor bedrijven. Log daarvoor in met eHerkenning.",
                                 "This is for businesses. Log in with eHerkenning for it."),
    "unavailable_person_only": ("Dit is voor bewoners. Log daarvoor in met DigiD.",
                                "This is for residents. Log in with DigiD for it."),
    "unavailable_other": ("Dit kunt u nu niet aanvragen.", "You cannot apply for this now."),
    # Lopende aanvragen
    "application_line": ("{reference} {product}: {status}.", "{reference} {product}: {status}."),
    "rejection_reason": ("Reden: {reason}", "Reason: {reason}"),
    "plate_change_of": ("kentekenwijziging {product}", "licence plate change, {product}"),
    # Kenteken wijzigen
    "which_plate": ("Welk kenteken wilt u vervangen?", "Which licence plate do you want to replace?"),
    "replace_or_add": ("Wilt u het kenteken vervangen, of een tweede kenteken toevoegen? Op een vergunning "
                       "passen maximaal 2 kentekens. Er kan maar 1 auto tegelijk parkeren.",
                       "Do you want to replace the licence plate, or add a second one? A permit can have "
                       "at most 2 licence plates. Only 1 car can park at a time."),
    "replace_plate": ("Vervangen: {plate}", "Replace: {plate}"),
    "add_plate": ("Tweede kenteken toevoegen", "Add a second licence plate"),
    "your_permit": ("uw {name} {number}", "your {name} {number}"),
    "permit": ("vergunning", "permit"),
    "plate_add_summary": ("U voegt {new} toe als tweede kenteken op {permit}. Klopt dit?",
                          "You add {new} as a second licence plate to {permit}. Is this correct?"),
    "plate_replace_summary": ("U vervangt {old} door {new} op {permit}. Klopt dit?",
                              "You replace {old} with {new} on {permit}. Is this correct?"),
    "plate_change_evidence": ("Stuur een bewijsstuk dat u in deze auto mag rijden, bijvoorbeeld het "
                              "leasecontract of een verklaring van de eigenaar (PDF, JPG of PNG, maximaal "
                              "10 MB):\n{url}",
                              "Send evidence that you may drive this car, for example the lease contract "
                              "or a statement from the owner (PDF, JPG or PNG, at most 10 MB):\n{url}"),
    "plate_changed": ("Het kenteken is gewijzigd. Op uw vergunning staat nu: {plates}.",
                      "The licence plate has been changed. Your permit now has: {plates}."),
    "plate_change_letter": ("{text} De bevestiging:\n{url}",
                            "{text} The confirmation (a letter in Dutch):\n{url}"),
    "nothing_changed": ("{reason} Er is niets veranderd.", "{reason} Nothing has changed."),
    "refused_plate_invalid": ("Dat is geen Nederlands kenteken.", "That is not a Dutch licence plate."),
    "refused_plate_duplicate": ("Het kenteken {plate} staat al op uw vergunning.",
                                "The licence plate {plate} is already on your permit."),
    "refused_plate_not_on_permit": ("Dat kenteken staat niet op uw vergunning.",
                                    "That licence plate is not on your permit."),
    "refused_plate_on_other_permit": ("Het kenteken {plate} staat al op een andere vergunning.",
                                      "The licence plate {plate} is already on another permit."),
    "refused_too_many_plates": ("Op uw vergunning staan al 2 kentekens. Kies een kenteken om te vervangen.",
                                "Your permit already has 2 licence plates. Choose a licence plate to replace."),
    "refused_reason_missing": ("Het kenteken {plate} staat niet op uw naam. Geef aan waarom u in deze auto rijdt.",
                               "The licence plate {plate} is not in your name. Tell us why you drive this car."),
    "refused_unknown_product": ("Dat product hoort niet bij u.", "That product is not yours."),
    "refused_already_ended": ("Dit product is al beëindigd. U vindt het in uw historie.",
                              "This product has already ended. You can find it in your history."),
    # Documenten
    "documents_title": ("Documenten bij uw {name} {number}:", "Documents for your {name} {number}:"),
    "documents_uploaded": ("Aanvraag documenten", "Application documents"),
    "documents_letters": ("Product documenten", "Product documents"),
    "documents_none": ("{title}: geen.", "{title}: none."),
    "documents_links": ("De links werken 7 dagen en alleen voor u.",
                        "The links work for 7 days and only for you. The letters are in Dutch."),
    # Betalen
    "remove": ("Verwijderen: {description}", "Remove: {description}"),
    "the_product": ("het product", "the product"),
    "cart_line": ("- {description}: {amount}", "- {description}: {amount}"),
    "valid_from_to": ("Uw {name} is geldig van {start} tot en met {until}",
                      "Your {name} is valid from {start} to {until}"),
    "for_plates": (" voor {plates}", " for {plates}"),
    # Verlengingen
    "renewal_line": ("{what}: verlengen van {start} tot en met {end} voor {price}. Status: {status}.",
                     "{what}: renew from {start} to {end} for {price}. Status: {status}."),
    "confirm": ("Bevestigen", "Confirm"),
    "to_cart": ("Naar winkelwagen", "Go to cart"),
    "withdraw": ("Intrekken", "Withdraw"),
    "withdraw_product": ("Intrekken {name} {number}", "Withdraw {name} {number}"),
    "view_renewal": ("Verlenging bekijken", "View renewal"),
    "product": ("product", "product"),
    # Beëindigen
    "termination_stops": ("{what} stopt dan vandaag, {end}.", "{what} would end today, {end}."),
    "your_product": ("Uw {name} {number}", "Your {name} {number}"),
    "no_refund": ("U krijgt geen geld terug.", "You will get no money back."),
    "refund": ("U krijgt {amount} terug. Dat betalen wij binnen {weeks} weken.",
               "You will get {amount} back. We pay it within {weeks} weeks."),
    "refund_account": ("Het geld komt op rekening {iban}.", "The money goes to account {iban}."),
    "terminate_question": ("Wilt u de vergunning nu beëindigen? Dit kunt u niet ongedaan maken.",
                           "Do you want to end the permit now? You cannot undo this."),
    "terminate_yes": ("Ja, beëindigen", "Yes, end it"),
    "terminated": ("Uw {name} {number} is beëindigd.", "Your {name} {number} has ended."),
    "refund_done": ("U krijgt {amount} terug{account}, binnen {weeks} weken.",
                    "You will get {amount} back{account}, within {weeks} weeks."),
    "refund_done_account": (" op rekening {iban}", " to account {iban}"),
    "termination_proof": ("Het bewijs van beëindiging:", "The proof of termination (a letter in Dutch):"),
    # Login
    "permit_number": ("Vergunningnummer", "Permit number"),
    # Back office decision (entity default)
    "application": ("aanvraag", "application"),
}

# Countable words: key → ((Dutch singular, plural), (English singular, plural)).
NOUNS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "application": (("aanvraag", "aanvragen"), ("application", "applications")),
    "product": (("product", "producten"), ("product", "products")),
}

# English names of the backend's codes. Dutch comes from the backend itself.
PRODUCTS_EN = {
    "bewonersvergunning": "resident permit",
    "bezoekersvergunning": "visitor permit",
    "bedrijfsvergunning": "business permit",
    "jaarkaart": "annual parking card",
    "garageabonnement": "garage subscription",
}
# The backend's Dutch product names (catalogue), read back to their codes.
PRODUCT_NAMES_NL = {
    "bewonersvergunning": "bewonersvergunning",
    "bezoekersvergunning": "bezoekersvergunning",
    "bedrijfsvergunning": "bedrijfsvergunning",
    "jaarkaart betaald parkeren": "jaarkaart",
    "jaarkaart": "jaarkaart",
    "garageabonnement": "garageabonnement",
}
PLATE_CHANGE_PREFIX_NL = "kentekenwijziging "
PERIODS_EN = {"jaar": "Year", "kwartaal": "Quarter", "maand": "Month"}
PERIODS_NL = {"jaar": "Jaar", "kwartaal": "Kwartaal", "maand": "Maand"}
APPLICATION_STATUSES_EN = {
    "awaiting_evidence": "Waiting for evidence",
    "in_review": "Being reviewed by the municipality",
    "awaiting_payment": "Waiting for payment",
    "granted": "Granted",
    "rejected": "Rejected",
    "cancelled": "Cancelled",
}
APPLICATION_TODOS_EN = {
    "awaiting_evidence": "Send evidence that you are the user of the vehicle.",
    "in_review": "The municipality is reviewing your evidence. You do not need to do anything now.",
    "awaiting_payment": "Pay for the application in your cart.",
}
RENEWAL_STATUSES_EN = {
    "awaiting_confirmation": "Waiting for your confirmation",
    "awaiting_payment": "Waiting for payment",
    "paid": "Renewed",
    "withdrawn": "Withdrawn",
    "expired": "Expired",
}
QUESTIONS_EN = {
    "own_parking": "Do you have your own parking space at your address, such as a garage or driveway?",
    "vehicle_size": "Is your car shorter than 6 metres and lower than 2.4 metres?",
    "business_use": "Does the business use the car for work, for example for customers or transporting goods?",
    "company_car": "Is the car owned by the business or registered in the name of an employee?",
}
# Why a car that is not on the citizen's name is theirs to use (codes of the backend).
PLATE_REASONS = {
    "partner": ("Auto van mijn partner", "My partner's car"),
    "lease": ("Leaseauto of auto van de zaak", "Lease car or company car"),
    "garage": ("Leenauto van de garage", "Courtesy car from the garage"),
}
ANSWERS_EN = {"ja": "Yes", "nee": "No"}
NO_ZONE_NL = "geen vergunninggebied"
# Titles of our letters and of uploaded evidence (backend/services): Dutch prefix → English.
DOCUMENT_TITLES_EN = (
    ("Vergunning en betaalbewijs", "Permit and receipt"),
    ("Verlenging en betaalbewijs", "Renewal and receipt"),
    ("Bewijs van beëindiging", "Proof of termination"),
    ("Kentekenwijziging", "Licence plate change"),
    ("Besluit", "Decision"),
    ("Bewijsstuk aanvraag", "Evidence for application"),
)
# Cart lines as the backend writes them (services/applications.add_to_cart, renewals.cart_description).
_D = r"\d{1,2} [a-z]+ \d{4}"
_CART_APPLICATION = re.compile(rf"^(?P<name>[a-z ]+?)(?P<plates>(?: [A-Z0-9-]+,?)*) "
                               rf"\((?P<period>[a-z]+), (?P<start>{_D}) t/m (?P<end>{_D})\)$")
_CART_RENEWAL = re.compile(rf"^Verlenging (?P<name>[a-z ]+?) (?P<number>\S+), "
                           rf"(?P<start>{_D}) tot en met (?P<end>{_D})$")


def language(tracker: Any) -> str:
    """The conversation's language: "en" or (default) "nl"."""
    value = tracker.get_slot("language") if tracker is not None else None
    return value if value in LANGUAGES else DEFAULT


def as_date(value: Any) -> date | None:
    """A date from an ISO date ("2026-11-26"), a date, or a Dutch long date ("26 november 2026")."""
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    match = _DATE_NL.fullmatch(text)
    if match:
        try:
            return date(int(match[3]), MONTHS_NL.index(match[2].lower()) + 1, int(match[1]))
        except ValueError:
            return None
    return None


def format_date(value: Any, lang: str = DEFAULT) -> str:
    """ "26 november 2026" (nl) or "26 November 2026" (en); "" for None, the text itself
    when it is no date."""
    if value is None or value == "":
        return ""
    d = as_date(value)
    if d is None:
        return str(value)
    months = MONTHS_EN if lang == "en" else MONTHS_NL
    return f"{d.day} {months[d.month - 1]} {d.year}"


def as_amount(value: Any) -> Decimal | None:
    """An amount from API money ("312.00"), a number, or a Dutch display ("€ 1.234,50")."""
    if isinstance(value, Decimal):
        return value
    text = str(value if value is not None else "").strip()
    if "€" in text or "," in text:
        text = text.replace("€", "").replace(" ", "").replace(".", "").replace(",", ".")
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def format_money(value: Any, lang: str = DEFAULT) -> str:
    """ "€ 1.234,50" (nl) or "€ 1,234.50" (en); the text itself when it is no amount."""
    amount = as_amount(value)
    if amount is None:
        return str(value or "")
    amount = amount.quantize(Decimal("0.01"))
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):,.2f}"
    if lang != "en":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {sign}{text}"


def product_code_of(name: str | None) -> str | None:
    """The product code behind a Dutch product name of the backend (or a code itself)."""
    return PRODUCT_NAMES_NL.get((name or "").strip().lower())


class Texts:
    """The texts of one language; `texts(tracker)` gives the conversation's."""

    def __init__(self, lang: str = DEFAULT):
        self.lang = lang if lang in LANGUAGES else DEFAULT

    @property
    def english(self) -> bool:
        return self.lang == "en"

    def __call__(self, key: str, **values: Any) -> str:
        dutch, english = MESSAGES[key]
        return (english if self.english else dutch).format(**values)

    # Lists and counts

    def join(self, items: list[str], word: str = "and") -> str:
        """ "a, b en c" / "a, b and c" (word "or": "of" / "or")."""
        items = [str(i) for i in items]
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self(word)} " + items[-1]

    def count(self, n: int, noun: str) -> str:
        """ "1 aanvraag", "2 aanvragen" / "1 application", "2 applications"."""
        singular, plural = NOUNS[noun][1 if self.english else 0]
        return f"{n} {singular if n == 1 else plural}"

    # Dates and money

    def date(self, value: Any) -> str:
        return format_date(value, self.lang)

    def date_of(self, obj: dict, key: str) -> str:
        """A date field of a backend object: Dutch prefers the backend's `<key>_display`."""
        if self.english:
            return self.date(obj.get(key) or obj.get(f"{key}_display"))
        return obj.get(f"{key}_display") or self.date(obj.get(key))

    def money(self, value: Any) -> str:
        return format_money(value, self.lang)

    def money_of(self, obj: dict, key: str) -> str:
        """An amount field of a backend object: Dutch prefers the backend's `<key>_display`."""
        if self.english:
            raw = obj.get(key)
            return self.money(raw if raw is not None else obj.get(f"{key}_display"))
        return obj.get(f"{key}_display") or self.money(obj.get(key))

    # Labels of the backend

    def product(self, code: str | None = None, name: str | None = None) -> str:
        """A product's name: Dutch as the backend named it (`name`, else the code);
        English from the code, or from the Dutch name read back to its code."""
        if not self.english:
            return name or code or ""
        if name and name.lower().startswith(PLATE_CHANGE_PREFIX_NL):
            return self("plate_change_of", product=self.product(code, name[len(PLATE_CHANGE_PREFIX_NL):]))
        key = code if code in PRODUCTS_EN else product_code_of(name) or product_code_of(code)
        return PRODUCTS_EN.get(key or "", name or code or "")

    def product_of(self, obj: dict) -> str:
        """The product name of a backend object (permit, application, renewal, preview, …)."""
        code = obj.get("product_code") or obj.get("code")
        if code is None and isinstance(obj.get("product"), str):
            code = obj["product"]
        name = obj.get("product_name") or obj.get("name")
        if self.english and obj.get("kind") == "plate_change":
            return self("plate_change_of", product=self.product(code))
        return self.product(code, name)

    def period(self, code: str | None, label: str | None = None) -> str:
        """ "Jaar" / "Year" (capitalised, as the backend's labels)."""
        if self.english:
            return PERIODS_EN.get(code or "", label or code or "")
        return label or PERIODS_NL.get(code or "", code or "")

    def status(self, obj: dict) -> str:
        """An application's status label ("Wacht op betaling" / "Waiting for payment")."""
        label = obj.get("status_label") or ""
        return APPLICATION_STATUSES_EN.get(obj.get("status") or "", label) if self.english else label

    def renewal_status(self, code: str | None, label: str | None = None) -> str:
        label = label or ""
        return RENEWAL_STATUSES_EN.get(code or "", label) if self.english else label

    def todo(self, obj: dict) -> str:
        """What must still happen for an application ("" when nothing)."""
        todo = (obj.get("todo") or "").strip()
        if not self.english:
            return todo
        reason = (obj.get("rejection_reason") or "").strip()
        if obj.get("status") == "rejected" and reason:
            return self("rejection_reason", reason=reason)
        return APPLICATION_TODOS_EN.get(obj.get("status") or "", "" if obj.get("status") else todo)

    def question(self, question: dict) -> str:
        """A product question ({"code", "text"}): the backend's Dutch text, English by code."""
        if self.english:
            return QUESTIONS_EN.get(question.get("code") or "", question.get("text") or "")
        return question.get("text") or ""

    def answer(self, value: Any) -> str:
        """ "Ja" / "Yes" for an answer "ja"."""
        text = str(value or "")
        return ANSWERS_EN.get(text.lower(), text.capitalize()) if self.english else text.capitalize()

    def plate_reason(self, code: str | None, dutch: str | None = None) -> str:
        titles = PLATE_REASONS.get(code or "")
        if titles is None:
            return dutch or ""
        return titles[1] if self.english else (dutch or titles[0])

    def plate_reasons(self) -> dict[str, str]:
        """Reason code → title, for the buttons."""
        return {code: titles[1 if self.english else 0] for code, titles in PLATE_REASONS.items()}

    def zone(self, name: str | None) -> str:
        """A zone's name (a proper name); only "geen vergunninggebied" is translated."""
        if self.english and (name or "").strip().lower() == NO_ZONE_NL:
            return "no permit area"
        return name or ""

    def document_title(self, title: str) -> str:
        """ "Vergunning en betaalbewijs P-…" / "Permit and receipt P-…" (the letter stays Dutch)."""
        if self.english:
            for dutch, english in DOCUMENT_TITLES_EN:
                if title.startswith(dutch + " "):
                    return english + title[len(dutch):]
        return title

    def cart_item(self, description: str) -> str:
        """A cart line as the backend wrote it (Dutch only); English when its shape is known."""
        if not self.english or not description:
            return description
        if m := _CART_APPLICATION.match(description):
            name = self.product(None, m["name"]) + m["plates"]
            return (f"{name} ({self.period(m['period']).lower()}, {self.date(m['start'])} "
                    f"to {self.date(m['end'])})")
        if m := _CART_RENEWAL.match(description):
            return (f"Renewal of {self.product(None, m['name'])} {m['number']}, "
                    f"{self.date(m['start'])} to {self.date(m['end'])}")
        return description


DUTCH = Texts("nl")
ENGLISH = Texts("en")


def texts(tracker: Any) -> Texts:
    """The texts of the conversation's language."""
    return ENGLISH if language(tracker) == "en" else DUTCH
