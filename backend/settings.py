"""Settings from environment variables, with defaults that are safe on a laptop only."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


def _flag(name: str, default: bool) -> bool:
    return _env(name, "true" if default else "false").strip().lower() not in ("0", "false", "no", "off")


@dataclass(frozen=True)
class Settings:
    host: str = field(default_factory=lambda: _env("BACKEND_HOST", "127.0.0.1"))
    port: int = field(default_factory=lambda: int(_env("BACKEND_PORT", "8000")))
    workers: int = field(default_factory=lambda: int(_env("BACKEND_WORKERS", "1")))
    database_url: str = field(default_factory=lambda: _env(
        "DATABASE_URL", f"sqlite+aiosqlite:///{ROOT / 'var' / 'parkeerloket.db'}"))
    public_base_url: str = field(default_factory=lambda: _env(
        "PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/"))
    secret_key: str = field(default_factory=lambda: _env("SECRET_KEY", "dev-secret-change-me"))
    actions_api_token: str = field(default_factory=lambda: _env("ACTIONS_API_TOKEN", "dev-actions-token"))
    # Handhaving: the enforcement officers' own key (GET /api/enforcement/check). Empty, or
    # equal to ACTIONS_API_TOKEN: the check answers 503 and is never open.
    enforcement_api_key: str = field(default_factory=lambda: _env("ENFORCEMENT_API_KEY", ""))
    rasa_url: str = field(default_factory=lambda: _env("RASA_URL", "http://127.0.0.1:5005").rstrip("/"))
    rasa_token: str = field(default_factory=lambda: _env("RASA_TOKEN", "dev-rasa-token"))
    # Rasa as browsers reach it (the chat widget's socket.io connection); default RASA_URL.
    chat_rasa_url: str = field(default_factory=lambda: _env(
        "CHAT_RASA_URL", _env("RASA_URL", "http://127.0.0.1:5005")).rstrip("/"))
    # Outside parties, each chosen by name (backend/adapters/registry.py); an unknown name
    # stops the backend at start. `outage` is a variant that fails on purpose (tests, drills).
    email_backend: str = field(default_factory=lambda: _env("EMAIL_BACKEND", "outbox"))        # outbox|smtp|outage
    psp: str = field(default_factory=lambda: _env("PSP", "simulator"))                         # simulator|mollie|outage
    login_broker: str = field(default_factory=lambda: _env("LOGIN_BROKER", "simulator"))       # simulator|outage
    vehicle_register: str = field(default_factory=lambda: _env("VEHICLE_REGISTER", "seeded"))  # seeded|outage
    # PSP=mollie: the Mollie Payments API v2 (default https://api.mollie.com) with a test_/live_ key.
    # PSP=simulator talks to the simulator inside this backend (/sim/psp) with the same client.
    psp_api_url: str = field(default_factory=lambda: _env("PSP_API_URL", "").rstrip("/"))
    psp_api_key: str = field(default_factory=lambda: _env("PSP_API_KEY", "test_simulator"))
    # LOGIN_BROKER=simulator: the simulator inside this backend, or another broker at this URL.
    login_broker_url: str = field(default_factory=lambda: _env("LOGIN_BROKER_URL", "").rstrip("/"))
    # EMAIL_BACKEND=outbox writes .eml files here; =smtp sends through SMTP_* below.
    outbox_dir: Path = field(default_factory=lambda: Path(_env("OUTBOX_DIR", str(ROOT / "var" / "outbox"))))
    smtp_host: str = field(default_factory=lambda: _env("SMTP_HOST", "localhost"))
    smtp_port: int = field(default_factory=lambda: int(_env("SMTP_PORT", "587")))
    smtp_user: str = field(default_factory=lambda: _env("SMTP_USER", ""))
    smtp_password: str = field(default_factory=lambda: _env("SMTP_PASSWORD", ""))
    smtp_starttls: bool = field(default_factory=lambda: _flag("SMTP_STARTTLS", True))
    mail_from: str = field(default_factory=lambda: _env("MAIL_FROM", ""))     # "" = the mailer's default
    municipality: str = field(default_factory=lambda: _env("MUNICIPALITY", "Deventer"))
    # Verlengingen: offered this many days before a product's end date; job interval (seconds).
    renewal_days_before: int = field(default_factory=lambda: int(_env("RENEWAL_DAYS_BEFORE", "30")))
    renewal_job_interval: int = field(default_factory=lambda: int(_env("RENEWAL_JOB_INTERVAL", "3600")))
    # Visitor parking sessions past their end time are ended this often (seconds).
    parking_job_interval: int = field(default_factory=lambda: int(_env("PARKING_JOB_INTERVAL", "60")))
    login_link_ttl: int = 15 * 60          # seconds; DigiD rule
    session_idle_ttl: int = 15 * 60        # conversation binding expires after 15 min idle
    document_link_ttl: int = 7 * 24 * 3600
    upload_link_ttl: int = 14 * 24 * 3600
    # The mijn.2park link in the e-mail after a grant (seconds); single use.
    mijn2park_link_ttl: int = field(default_factory=lambda: int(_env("MIJN2PARK_LINK_TTL", str(30 * 24 * 3600))))
    max_upload_bytes: int = 10 * 1024 * 1024

    def production_problems(self) -> list[str]:
        """Default secrets are refused as soon as the backend is reachable from elsewhere."""
        if self.is_local:
            return []
        defaults = {"SECRET_KEY": (self.secret_key, "dev-secret-change-me"),
                    "ACTIONS_API_TOKEN": (self.actions_api_token, "dev-actions-token"),
                    "RASA_TOKEN": (self.rasa_token, "dev-rasa-token")}
        problems = [f"{name} still has its development default" for name, (value, default) in defaults.items()
                    if value == default or len(value) < 16]
        if self.enforcement_api_key and len(self.enforcement_api_key) < 16:
            problems.append("ENFORCEMENT_API_KEY is shorter than 16 characters")
        if self.enforcement_api_key and self.enforcement_api_key == self.actions_api_token:
            problems.append("ENFORCEMENT_API_KEY equals ACTIONS_API_TOKEN")
        return problems

    @property
    def enforcement_key(self) -> str | None:
        """The enforcement key when usable: set, and never the action server's token."""
        key = self.enforcement_api_key
        return key if key and key != self.actions_api_token else None

    @property
    def is_local(self) -> bool:
        """Reachable from this machine only (PUBLIC_BASE_URL on loopback)."""
        host = self.public_base_url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
        return host in ("127.0.0.1", "localhost", "::1")

    @property
    def sync_database_url(self) -> str:
        """The same database for Alembic (sync drivers)."""
        return (self.database_url.replace("+aiosqlite", "")
                .replace("+asyncpg", "+psycopg2"))
