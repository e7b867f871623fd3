"""Throw-away PostgreSQL databases and a Redis check for tests of the production settings."""

from __future__ import annotations

import contextlib
import socket
import uuid
from collections.abc import Iterator

import pytest

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "test"}


@contextlib.contextmanager
def postgres_databases(count: int) -> Iterator[list[str]]:
    """`count` fresh databases on 127.0.0.1:5432 (skips the test when PostgreSQL is absent)."""
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        admin = psycopg2.connect(connect_timeout=3, **PG)
    except psycopg2.OperationalError as e:
        pytest.skip(f"PostgreSQL not reachable on 127.0.0.1:5432: {e}")
    admin.autocommit = True
    names = [f"parkeerloket_test_{uuid.uuid4().hex[:8]}" for _ in range(count)]
    try:
        for name in names:
            admin.cursor().execute(f"CREATE DATABASE {name}")
        yield names
    finally:
        for name in names:
            admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


def require_redis(host: str = "127.0.0.1", port: int = 6379) -> None:
    try:
        with socket.create_connection((host, port), timeout=2) as s:
            s.sendall(b"PING\r\n")
            if s.recv(16).startswith(b"+PONG"):
                return
    except OSError as e:
        pytest.skip(f"Redis not reachable on {host}:{port}: {e}")
    pytest.skip(f"no Redis answering on {host}:{port}")
