"""Names of the backend's codes in both languages: code → (Dutch, English).

The backend sends codes (product, period, status, document kind, plate reason, …); the
chat's words for them live here, so a Dutch word changed in the backend cannot break the
English (or the Dutch) of the chat."""

from __future__ import annotations

Label = tuple[str, str]

PRODUCTS: dict[str, Label] = {
    "bewonersvergunning": ("bewonersvergunning", "resident permit"),
    "bezoekersvergunning": ("bezoekersvergunning", "visitor permit"),
    "bedrijfsvergunning": ("bedrijfsvergunning", "business permit"),
    "jaarkaart": ("jaarkaart betaald parkeren", "annual parking card"),
    "garageabonnement": ("garageabonnement", "garage subscription"),
}
PERIODS: dict[str, Label] = {
    "jaar": ("Jaar", "Year"),
    "kwartaal": ("Kwartaal", "Quarter"),
    "maand": ("Maand", "Month"),
}
APPLICATION_STATUSES: dict[str, Label] = {
    "awaiting_evidence": ("Wacht op bewijsstuk", "Waiting for evidence"),
    "in_review": ("In behandeling bij de gemeente", "Being reviewed by the municipality"),
    "awaiting_payment": ("Wacht op betaling", "Waiting for payment"),
    "granted": ("Verleend", "Granted"),
    "rejected": ("Afgewezen", "Rejected"),
    "cancelled": ("Geannuleerd", "Cancelled"),
}
# What the citizen still has to do for an application in this status (none: nothing).
APPLICATION_TODOS: dict[str, Label] = {
    "awaiting_evidence": ("Stuur een bewijsstuk dat u de gebruiker van het voertuig bent.",
                          "Send evidence that you are the user of the vehicle."),
    "in_review": ("De gemeente beoordeelt uw bewijsstuk. U hoeft nu niets te doen.",
                  "The municipality is reviewing your evidence. You do not need to do anything now."),
    "awaiting_payment": ("Betaal de aanvraag in de winkelwagen.", "Pay for the application in your cart."),
}
RENEWAL_STATUSES: dict[str, Label] = {
    "awaiting_confirmation": ("Wacht op uw bevestiging", "Waiting for your confirmation"),
    "awaiting_payment": ("Wacht op betaling", "Waiting for payment"),
    "paid": ("Verlengd", "Renewed"),
    "withdrawn": ("Ingetrokken", "Withdrawn"),
    "expired": ("Vervallen", "Expired"),
}
# English of the products' questions; the Dutch is the catalogue's own text (backend).
QUESTIONS_EN: dict[str, str] = {
    "own_parking": "Do you have your own parking space at your address, such as a garage or driveway?",
    "vehicle_size": "Is your car shorter than 6 metres and lower than 2.4 metres?",
    "business_use": "Does the business use the car for work, for example for customers or transporting goods?",
    "company_car": "Is the car owned by the business or registered in the name of an employee?",
}
# Why a car that is not on the citizen's name is theirs to use.
PLATE_REASONS: dict[str, Label] = {
    "partner": ("Auto van mijn partner", "My partner's car"),
    "lease": ("Leaseauto of auto van de zaak", "Lease car or company car"),
    "garage": ("Leenauto van de garage", "Courtesy car from the garage"),
}
ANSWERS: dict[str, Label] = {"ja": ("Ja", "Yes"), "nee": ("Nee", "No")}
# Our letters and the uploaded evidence, by document kind (the files themselves stay Dutch).
DOCUMENT_KINDS: dict[str, Label] = {
    "permit_receipt": ("Vergunning en betaalbewijs", "Permit and receipt"),
    "renewal_receipt": ("Verlenging en betaalbewijs", "Renewal and receipt"),
    "termination": ("Bewijs van beëindiging", "Proof of termination"),
    "plate_change": ("Kentekenwijziging", "Licence plate change"),
    "decision": ("Besluit", "Decision"),
    "evidence": ("Bewijsstuk aanvraag", "Evidence for application"),
}
NO_ZONE: Label = ("geen vergunninggebied", "no permit area")
# How a product is linked to mijn.2park (Huidige producten).
LINK_METHODS: dict[str, Label] = {
    "email_link": ("met uw nieuwe mijn.2park-account", "with your new mijn.2park account"),
    "existing_account": ("met uw mijn.2park-account", "with your mijn.2park account"),
    "digid": ("via uw DigiD-login", "through your DigiD login"),
    "eherkenning": ("via uw eHerkenning-login", "through your eHerkenning login"),
}
