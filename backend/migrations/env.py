"""Alembic environment: the database URL comes from backend settings (sync driver)."""

from alembic import context
from sqlalchemy import engine_from_config, pool

# The simulators' tables live next to their adapters, on the same metadata.
import backend.adapters.login.simulator_models  # noqa: F401
import backend.adapters.payment.simulator_models  # noqa: F401
import backend.db.account_models  # noqa: F401  (mijn.2park accounts, links, plate switches)
import backend.db.visitor_models  # noqa: F401  (mijn.2park: ledger, sessions, tariffs)
from backend.db.models import Base
from backend.settings import Settings

config = context.config
if not config.get_main_option("sqlalchemy.url"):
    config.set_main_option("sqlalchemy.url", Settings().sync_database_url)
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = engine_from_config(config.get_section(config.config_ini_section, {}),
                                     prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
