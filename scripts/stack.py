"""Start and stop the three processes (backend, action server, Rasa) as one stack.

Used by `make run`, by the end-to-end tests and by the benchmark, so all of them
run the same commands. Standard library only: it runs under either virtual
environment.

    python scripts/stack.py run        # default ports, until Ctrl-C
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BACKEND_PY = Path(os.environ.get("BACKEND_PYTHON", ROOT / ".venv/backend/bin/python"))
RASA_BIN = Path(os.environ.get("RASA_BIN", ROOT / ".venv/rasa/bin"))
DEFAULT_MODEL = ROOT / "models" / "parkeerloket.tar.gz"
CHANNELS_CREDENTIALS = "credentials.channels.yml"
# Every variable credentials.channels.yml names (Rasa refuses an unset one): "" turns a
# channel off; the API URLs default to the real services.
CHANNEL_ENV_DEFAULTS = {
    "TELEGRAM_TOKEN": "", "TELEGRAM_WEBHOOK_URL": "", "TELEGRAM_SECRET_TOKEN": "",
    "TELEGRAM_API_URL": "https://api.telegram.org",
    "WHATSAPP_ACCESS_TOKEN": "", "WHATSAPP_PHONE_NUMBER_ID": "", "WHATSAPP_APP_SECRET": "",
    "WHATSAPP_VERIFY_TOKEN": "", "WHATSAPP_API_URL": "https://graph.facebook.com/v21.0",
    "WHATSAPP_TEMPLATE": "parkeerloket_bericht",
}


def channels_configured(environ: dict[str, str] | None = None) -> bool:
    """True when the environment asks for Telegram or WhatsApp."""
    environ = os.environ if environ is None else environ
    return bool(environ.get("TELEGRAM_TOKEN")) or any(
        value and key.startswith("WHATSAPP_") for key, value in environ.items())


def _die_with_parent() -> None:
    """Linux: the child gets SIGTERM when the launcher dies (even by SIGKILL), so no
    stack process outlives a killed `make run` or test run."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except OSError:
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float, proc: subprocess.Popen | None = None,
              check=None) -> None:
    """Poll `url` until it answers 200 (and `check(body)` holds), or fail."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process for {url} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                body = r.read()
                if r.status == 200 and (check is None or check(body)):
                    return
        except (urllib.error.URLError, ConnectionError, OSError) as e:
            last = str(e)
        time.sleep(0.2)
    raise TimeoutError(f"{url} not ready after {timeout:.0f}s ({last})")


@dataclass
class StackConfig:
    backend_port: int = 8000
    actions_port: int = 5055
    rasa_port: int = 5005
    host: str = "127.0.0.1"
    database_url: str | None = None          # default: the backend's own default
    model: Path = DEFAULT_MODEL
    log_dir: Path = ROOT / "var" / "logs"
    outbox_dir: Path | None = None
    rasa_token: str = "dev-rasa-token"
    actions_token: str = "dev-actions-token"
    secret_key: str | None = None
    extra_env: dict[str, str] = field(default_factory=dict)
    with_rasa: bool = True
    with_actions: bool = True
    # More than one Rasa process needs shared trackers and locks: Redis (endpoints.scaled.yml).
    rasa_processes: int = 1
    redis_host: str = "127.0.0.1"
    redis_port: int = 6379
    redis_key_prefix: str = "parkeerloket"
    extra_rasa_ports: list[int] = field(default_factory=list)
    endpoints: str | None = None             # e.g. endpoints.production.yml
    credentials: str = "credentials.yml"     # credentials.channels.yml: + Telegram, WhatsApp

    @classmethod
    def on_free_ports(cls, **kw) -> StackConfig:
        config = cls(backend_port=free_port(), actions_port=free_port(), rasa_port=free_port(), **kw)
        config.extra_rasa_ports = [free_port() for _ in range(config.rasa_processes - 1)]
        return config

    @property
    def rasa_urls(self) -> list[str]:
        """Every Rasa process; with shared stores any of them can take any message."""
        ports = [self.rasa_port, *(self.extra_rasa_ports or
                                   [self.rasa_port + i for i in range(1, self.rasa_processes)])]
        return [f"http://{self.host}:{p}" for p in ports]

    @property
    def endpoints_file(self) -> str:
        if self.endpoints:
            return self.endpoints
        return "endpoints.scaled.yml" if self.rasa_processes > 1 else "endpoints.yml"

    @property
    def backend_url(self) -> str:
        return f"http://{self.host}:{self.backend_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://{self.host}:{self.actions_port}"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({
            "BACKEND_HOST": self.host,
            "BACKEND_PORT": str(self.backend_port),
            "PUBLIC_BASE_URL": self.backend_url,
            "BACKEND_URL": self.backend_url,
            "RASA_URL": self.rasa_url,
            "CHAT_RASA_URL": self.rasa_url,
            "RASA_TOKEN": self.rasa_token,
            "ACTIONS_API_TOKEN": self.actions_token,
            "ACTION_ENDPOINT_URL": f"{self.actions_url}/webhook",
            "PYTHONUNBUFFERED": "1",
            "RASA_TELEMETRY_ENABLED": "false",      # no calls home (and no DNS lookups) from Rasa
            "REDIS_HOST": self.redis_host,
            "REDIS_PORT": str(self.redis_port),
            "REDIS_DB": "0",
            "REDIS_KEY_PREFIX": self.redis_key_prefix,
        })
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        if self.outbox_dir:
            env["OUTBOX_DIR"] = str(self.outbox_dir)
        if self.secret_key:
            env["SECRET_KEY"] = self.secret_key
        env.update(self.extra_env)
        if self.credentials == CHANNELS_CREDENTIALS:
            for key, default in CHANNEL_ENV_DEFAULTS.items():
                if not env.get(key):
                    env[key] = default
        return env


class Stack:
    """The running processes of one stack; a context manager."""

    def __init__(self, config: StackConfig):
        self.config = config
        self.procs: dict[str, subprocess.Popen] = {}

    def _spawn(self, name: str, cmd: list[str]) -> subprocess.Popen:
        self.config.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.config.log_dir / f"{name}.log", "ab")
        proc = subprocess.Popen(cmd, cwd=ROOT, env=self.config.env(), stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True,
                                preexec_fn=_die_with_parent)
        self.procs[name] = proc
        return proc

    def init_db(self) -> None:
        subprocess.run([str(BACKEND_PY), "-m", "backend", "init-db"], cwd=ROOT,
                       env=self.config.env(), check=True)

    def start(self, timeout: float = 300) -> Stack:   # Rasa loads its model in 20 s idle, 3 min on a busy 2-core box
        c = self.config
        self.init_db()
        backend = self._spawn("backend", [str(BACKEND_PY), "-m", "backend", "serve"])
        if c.with_actions:
            actions = self._spawn("actions", [
                str(RASA_BIN / "rasa"), "run", "actions", "--actions", "actions",
                "--port", str(c.actions_port)])
        rasas = []
        if c.with_rasa:
            if not c.model.exists():
                raise FileNotFoundError(f"no trained model at {c.model}: run `make train`")
            for i, url in enumerate(c.rasa_urls):
                rasas.append((url, self._spawn("rasa" if i == 0 else f"rasa{i + 1}", [
                    str(RASA_BIN / "python"), "-m", "bot.serve", "run", "--model", str(c.model),
                    "--enable-api", "--auth-token", c.rasa_token, "--cors", "*",
                    "--interface", c.host, "--port", url.rsplit(":", 1)[1],
                    "--endpoints", c.endpoints_file, "--credentials", c.credentials])))
        try:
            wait_http(f"{c.backend_url}/health", timeout, backend)
            if c.with_actions:
                wait_http(f"{c.actions_url}/health", timeout, actions)
            for url, rasa in rasas:
                wait_http(f"{url}/status?token={c.rasa_token}", timeout, rasa,
                          check=lambda b: bool(json.loads(b).get("model_file")))
        except Exception:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        self.procs.clear()

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str]) -> int:
    if argv[:1] != ["run"]:
        print(__doc__)
        return 2
    config = StackConfig()
    if channels_configured():
        config.credentials = CHANNELS_CREDENTIALS
    stack = Stack(config)
    print("Starting backend, action server and Rasa (logs in var/logs/) ...", flush=True)
    if channels_configured():
        print(f"Telegram/WhatsApp variables set: using {CHANNELS_CREDENTIALS}", flush=True)
    stack.start()
    c = stack.config
    print(f"\n  Chat:     {c.backend_url}/chat\n  Backend:  {c.backend_url}/docs (API)"
          f"\n  Outbox:   {c.backend_url}/outbox\n  Rasa:     {c.rasa_url}"
          "\n\nPress Ctrl-C to stop.", flush=True)
    stopping = False

    def _stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        while not stopping:
            for name, proc in stack.procs.items():
                if proc.poll() is not None:
                    print(f"{name} stopped unexpectedly (exit {proc.returncode}); "
                          f"see var/logs/{name}.log", flush=True)
                    stopping = True
            time.sleep(0.5)
    finally:
        print("Stopping ...", flush=True)
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
