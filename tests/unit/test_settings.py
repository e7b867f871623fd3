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


def test_enforcement_key_is_never_the_actions_token(monkeypatch):
    monkeypatch.setenv("ACTIONS_API_TOKEN", "the-actions-token-1234567")
    monkeypatch.delenv("ENFORCEMENT_API_KEY", raising=False)
    assert Settings().enforcement_key is None                  # unset: the check stays closed
    monkeypatch.setenv("ENFORCEMENT_API_KEY", "the-actions-token-1234567")
    assert Settings().enforcement_key is None
    monkeypatch.setenv("ENFORCEMENT_API_KEY", "officers-own-key-7654321")
    assert Settings().enforcement_key == "officers-own-key-7654321"
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://parkeerloket.deventer.nl")
    monkeypatch.setenv("ENFORCEMENT_API_KEY", "short")
    assert "ENFORCEMENT_API_KEY is shorter than 16 characters" in Settings().production_problems()
    monkeypatch.setenv("ENFORCEMENT_API_KEY", "the-actions-token-1234567")
    assert "ENFORCEMENT_API_KEY equals ACTIONS_API_TOKEN" in Settings().production_problems()
