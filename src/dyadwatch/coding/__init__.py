"""Coding one document: its context (`DocContext`), actor mentions, places, the actor resolver
and coreference, events, quotes and event dates, each a stage reading and filling the context."""
