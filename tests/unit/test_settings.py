from backend.settings import Settings


def test_development_defaults_only_on_loopback(monkeypatch):
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
    assert Settings().production_problems() == []
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://parkeerloket.deventer.nl")
    assert len(Settings().production_problems()) == 3
    for name in ("SECRET_KEY", "ACTIONS_API_TOKEN", "RASA_TOKEN"):
        monkeypatch.setenv(name, "a-long-random-secret-value-1234")
    assert Settings().production_problems() == []


def test_sync_url_for_migrations():
    s = Settings(database_url="postgresql+asyncpg://u@h/db")
    assert s.sync_database_url == "postgresql+psycopg2://u@h/db"
