"""`make shell`: chat with the assistant in the terminal.

Starts the backend and the action server on their default ports, then Rasa's
interactive shell in the foreground. Login and payment links open in a browser;
their outcome is announced in the shell on your next message.
"""

from __future__ import annotations

import subprocess
import sys

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))
from scripts.stack import RASA_BIN, ROOT, Stack, StackConfig  # noqa: E402


def main() -> int:
    config = StackConfig(with_rasa=False)
    with Stack(config):
        return subprocess.call(
            [str(RASA_BIN / "python"), "-m", "bot.serve", "shell", "--model", str(config.model),
             "--endpoints", "endpoints.yml", "--enable-api", "--auth-token", config.rasa_token],
            cwd=ROOT, env=config.env())


if __name__ == "__main__":
    sys.exit(main())
