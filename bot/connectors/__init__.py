"""Rasa input/output channels of our own: the web chat widget's socket.io channel
(`webchat`, in credentials.yml and credentials.channels.yml) and the messaging apps
(Telegram, WhatsApp Cloud API, in credentials.channels.yml); `common` holds what the two
apps share."""
