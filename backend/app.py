"""Sanic application factory: settings, database, adapters and blueprints."""

from __future__ import annotations

import logging

from sanic import Sanic, response
from sanic.log import LOGGING_CONFIG_DEFAULTS
from sanic_ext import Extend

import backend.db.visitor_models  # noqa: F401  (registers the mijn.2park tables with the models)
from backend.adapters import registry
from backend.adapters.errors import PartyUnavailable
from backend.adapters.rasa.notifier import RasaNotifier
from backend.api import CONVERSATION_BLUEPRINTS
from backend.api.enforcement import bp as enforcement_bp
from backend.api.jobs import bp as jobs_bp
from backend.api.webhooks import bp as webhooks_bp
from backend.db.session import make_engine, make_sessionmaker
from backend.jobs import every, mail_retries, notifications, parking_sessions, renewals
from backend.pages.backoffice import bp as backoffice_bp
from backend.pages.chat import bp as chat_bp
from backend.pages.citizen import bp as citizen_bp
from backend.pages.login import bp as login_bp
from backend.pages.mijn2park import bp as mijn2park_bp
from backend.services.errors import ApiError
from backend.services.tokens import Signer
from backend.settings import Settings

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, name: str = "parkeerloket") -> Sanic:
    """The app with the outside parties the settings choose (raises registry.ConfigError)."""
    settings = settings or Settings()
    simulator_pages = registry.pages(settings)
    app = Sanic(name, log_config={**LOGGING_CONFIG_DEFAULTS, "disable_existing_loggers": False})
    app.config.KEEP_ALIVE_TIMEOUT = 30
    app.config.REQUEST_MAX_SIZE = settings.max_upload_bytes + 1024 * 1024
    app.config.OAS_UI_DEFAULT = "redoc"
    app.config.OAS_URL_PREFIX = "/docs"
    Extend(app)
    app.ext.openapi.describe("Parkeerloket backend", version="0.1.0",
                             description="API for the Parkeerloket assistant's action server.")
    app.ctx.settings = settings
    app.ctx.signer = Signer(settings.secret_key)

    @app.before_server_start
    async def setup(app):
        app.ctx.engine = make_engine(settings.database_url)
        app.ctx.sessionmaker = make_sessionmaker(app.ctx.engine)
        # mailer, psp, logins (one client per login method), vehicles: chosen by settings.
        app.ctx.adapters = registry.build(settings)
        for ctx_name, adapter in app.ctx.adapters.items():
            setattr(app.ctx, ctx_name, adapter)
        app.ctx.notifier = RasaNotifier(settings.rasa_url, settings.rasa_token)

    @app.after_server_start
    async def start_jobs(app):
        app.add_task(every(lambda: notifications.INTERVAL_SECONDS, lambda: notifications.retry_failed(app),
                           "notification retries"), name="notification_retries")
        app.add_task(every(lambda: mail_retries.INTERVAL_SECONDS, lambda: mail_retries.retry_failed(app),
                           "mail retries"), name="mail_retries")
        app.add_task(every(lambda: settings.renewal_job_interval, lambda: renewals.run_once(app),
                           "renewals"), name="renewals")
        app.add_task(every(lambda: settings.parking_job_interval, lambda: parking_sessions.run_once(app),
                           "parking sessions"), name="parking_sessions")

    @app.after_server_stop
    async def teardown(app):
        await registry.close(app.ctx.adapters)
        await app.ctx.notifier.close()
        await app.ctx.engine.dispose()

    for bp in (*CONVERSATION_BLUEPRINTS, jobs_bp, webhooks_bp, enforcement_bp, login_bp, *simulator_pages,
               citizen_bp, chat_bp, backoffice_bp, mijn2park_bp):
        app.blueprint(bp)

    @app.get("/health")
    async def health(request):
        return response.json({"status": "ok"})

    @app.get("/")
    async def index(request):
        return response.redirect("/chat")

    @app.exception(ApiError)
    async def api_error(request, exc: ApiError):
        return response.json({"error": exc.code, "params": exc.params}, status=exc.status)

    @app.exception(PartyUnavailable)
    async def party_unavailable(request, exc: PartyUnavailable):
        """An outside party is down: the request's transaction rolled back, nothing is stored."""
        log.warning("%s on %s: %s", exc.code, request.path, exc)
        return response.json({"error": exc.code, "params": {}}, status=503)

    return app
