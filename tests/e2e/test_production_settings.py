"""The journey with the production settings: PostgreSQL for the backend and for Rasa's
SQL tracker store, Redis lock store (endpoints.production.yml)."""

import pytest

from tests.e2e.test_bewonersvergunning import fill_in_application, link_with, log_in
from tests.support.chat import Chat
from tests.support.person import Person
from tests.support.processes import api, full_stack
from tests.support.services import PG, postgres_databases, require_redis


@pytest.fixture(scope="module")
def production_stack(tmp_path_factory):
    require_redis()
    with postgres_databases(2) as (backend_db, tracker_db):
        env = {"TRACKER_DB_HOST": PG["host"], "TRACKER_DB_PORT": str(PG["port"]),
               "TRACKER_DB_NAME": tracker_db, "TRACKER_DB_USER": PG["user"], "TRACKER_DB_PASSWORD": ""}
        with full_stack(tmp_path_factory.mktemp("prod"),
                        database_url=f"postgresql+asyncpg://{PG['user']}@{PG['host']}:{PG['port']}/{backend_db}",
                        endpoints="endpoints.production.yml", extra_env=env,
                        redis_key_prefix=f"test{tracker_db[-8:]}") as config:
            yield config, tracker_db


def test_apply_and_pay_with_production_stores(production_stack):
    import psycopg2
    stack, tracker_db = production_stack
    chat = Chat(stack.rasa_url, stack.rasa_token)
    log_in(chat, "999990019", "Ik wil een bewonersvergunning aanvragen")
    chat.wait_for(r"ingelogd.*(datum|wanneer)")
    fill_in_application(chat, "51-PX-PN")
    chat.click("ja")
    Person().submit_form(link_with(chat, "http"), {"status": "paid"})
    chat.wait_for(r"betaling.*ontvangen")
    products = api(stack.backend_url, stack.actions_token, "GET",
                   f"/api/conversations/{chat.sender}/products")["products"]
    assert [p["status"] for p in products] == ["active"]
    with psycopg2.connect(**{**PG, "dbname": tracker_db}) as con, con.cursor() as cur:
        cur.execute("select count(*) from events where sender_id = %s", (chat.sender,))
        assert cur.fetchone()[0] > 20          # the conversation lives in PostgreSQL
