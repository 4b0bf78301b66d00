"""Checking a built site before it is published."""
