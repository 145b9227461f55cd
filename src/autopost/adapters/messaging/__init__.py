"""The channels people are told through: Telegram's Bot API and SMTP."""
