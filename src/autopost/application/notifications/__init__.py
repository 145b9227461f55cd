"""Telling people what happened, by Telegram and e-mail."""
