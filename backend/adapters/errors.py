"""The one failure every outside party shares: it is down (or refused the request).

The API answers it with 503 and the party's code (backend/app.py); the actions turn the
code into a Dutch or English sentence. A mailer failure is an OSError instead: mail is
sent after the fact and retried (services/mail.py), it never fails a request.
"""

from __future__ import annotations


class PartyUnavailable(Exception):
    """An outside party could not be reached or did not do what was asked."""

    code = "party_unavailable"
