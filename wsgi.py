"""Entry point for gunicorn and the flask CLI."""
from web import create_app

app = create_app()
