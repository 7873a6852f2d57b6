"""The web dashboard: a FastAPI app (`web.app`) over a `Store`, and its page (`web/static/`)."""
