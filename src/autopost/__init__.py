"""Autopost: publishes scheduled posts to Instagram and Pinterest on time and exactly once."""
