"""Which implementation of each outside party runs, chosen by name in the settings.

One registry per party (the setting's variable, the name on `app.ctx`, the choices). A
choice makes the adapter from the settings, and names the simulator pages it needs: they
are mounted only when that choice is made. Adding an implementation is one entry, e.g.
`"oidc": Choice(lambda s: per_method(lambda m: OidcClient(s, m)))` under LOGIN_BROKER.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sanic import Blueprint

from backend.adapters.email.base import DEFAULT_FROM
from backend.adapters.email.outage import OutageMailer
from backend.adapters.email.outbox import OutboxMailer
from backend.adapters.email.smtp import SmtpMailer
from backend.adapters.login.base import METHODS
from backend.adapters.login.outage import OutageBroker
from backend.adapters.login.simulator import SimulatorBrokerClient
from backend.adapters.login.simulator import bp as login_simulator_pages
from backend.adapters.payment.mollie import MollieClient
from backend.adapters.payment.outage import OutagePsp
from backend.adapters.payment.simulator import bp as psp_simulator_pages
from backend.adapters.vehicles.outage import OutageVehicleRegister
from backend.adapters.vehicles.seeded import SeededVehicleRegister
from backend.settings import Settings

MOLLIE_API_URL = "https://api.mollie.com"


class ConfigError(ValueError):
    """A setting names an implementation that does not exist (or lacks what it needs)."""


@dataclass(frozen=True)
class Choice:
    make: Callable[[Settings], Any]
    pages: tuple[Blueprint, ...] = ()      # the simulator's own routes, mounted when chosen
    problem: Callable[[Settings], str | None] = lambda s: None   # what the choice lacks, if anything


@dataclass(frozen=True)
class Party:
    variable: str                  # the environment variable
    attribute: str                 # the Settings field
    ctx_name: str                  # where the adapter lives on app.ctx
    choices: dict[str, Choice]

    def choose(self, settings: Settings) -> Choice:
        name = getattr(settings, self.attribute)
        if name not in self.choices:
            raise ConfigError(f"{self.variable}={name!r} is not known; allowed values: {', '.join(self.choices)}")
        choice = self.choices[name]
        problem = choice.problem(settings)
        if problem:
            raise ConfigError(f"{self.variable}={name}: {problem}")
        return choice


def per_method(make: Callable[[str], Any]) -> dict[str, Any]:
    """One broker client per login (digid, eherkenning, permit), picked by the link's method."""
    return {method: make(method) for method in METHODS}


def _smtp(s: Settings) -> SmtpMailer:
    return SmtpMailer(s.smtp_host, s.smtp_port, s.smtp_user or None, s.smtp_password or None,
                      s.smtp_starttls, s.mail_from or DEFAULT_FROM)


def _mollie_key_problem(s: Settings) -> str | None:
    if s.psp_api_key == "test_simulator" or not s.psp_api_key.startswith(("test_", "live_")):
        return "PSP_API_KEY must be a Mollie API key (test_… or live_…)"
    return None


PARTIES: tuple[Party, ...] = (
    Party("EMAIL_BACKEND", "email_backend", "mailer", {
        "outbox": Choice(lambda s: OutboxMailer(s.outbox_dir, s.mail_from or DEFAULT_FROM)),
        "smtp": Choice(_smtp),
        "outage": Choice(lambda s: OutageMailer()),
    }),
    Party("PSP", "psp", "psp", {
        "simulator": Choice(lambda s: MollieClient(f"{s.public_base_url}/sim/psp", s.psp_api_key),
                            (psp_simulator_pages,)),
        "mollie": Choice(lambda s: MollieClient(s.psp_api_url or MOLLIE_API_URL, s.psp_api_key),
                         problem=_mollie_key_problem),
        "outage": Choice(lambda s: OutagePsp()),
    }),
    Party("LOGIN_BROKER", "login_broker", "logins", {
        "simulator": Choice(lambda s: per_method(
            lambda m: SimulatorBrokerClient(s.login_broker_url or s.public_base_url, m)),
            (login_simulator_pages,)),
        "outage": Choice(lambda s: per_method(OutageBroker)),
    }),
    Party("VEHICLE_REGISTER", "vehicle_register", "vehicles", {
        "seeded": Choice(lambda s: SeededVehicleRegister(s.database_url)),
        "outage": Choice(lambda s: OutageVehicleRegister()),
    }),
)


def check(settings: Settings) -> list[str]:
    """Every problem with the chosen names, for a clear message before the start."""
    problems = []
    for party in PARTIES:
        try:
            party.choose(settings)
        except ConfigError as e:
            problems.append(str(e))
    return problems


def pages(settings: Settings) -> list[Blueprint]:
    """The simulator blueprints the chosen adapters need (raises ConfigError)."""
    return [bp for party in PARTIES for bp in party.choose(settings).pages]


def build(settings: Settings) -> dict[str, Any]:
    """The adapters by their name on app.ctx: mailer, psp, logins, vehicles."""
    return {party.ctx_name: party.choose(settings).make(settings) for party in PARTIES}


async def close(adapters: dict[str, Any]) -> None:
    for adapter in adapters.values():
        for one in adapter.values() if isinstance(adapter, dict) else (adapter,):
            if hasattr(one, "close"):
                await one.close()
