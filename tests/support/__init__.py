"""Reusable helpers for tests that run real servers: a server process and a game client."""
