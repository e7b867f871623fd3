"""Rasa input/output channels for messaging apps (Telegram, WhatsApp Cloud API).

Configured in `credentials.channels.yml`; `common` holds what both share."""
