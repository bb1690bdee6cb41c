"""The JSON API (v1) and the health endpoint."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from directory.queries import qualified_counts, topics
from web.auth import STAFF_ROLES, roles_required
from web.database import db_session
from web.desk_search import search_staff
from web.errors import error_response

bp = Blueprint("api", __name__, url_prefix="/api/v1")
health = Blueprint("health", __name__)


@health.get("/healthz")
def healthz():
    """Answer without touching the database or the model: the bare-framework baseline."""
    return jsonify({"status": "ok"})


@bp.get("/topics")
def list_topics():
    session = db_session()
    counts = qualified_counts(session)
    from web.serializers import topic_json
    return jsonify({"topics": [topic_json(t, counts.get(t.id, 0)) for t in topics(session)]})


@bp.get("/staff/search")
@roles_required(*STAFF_ROLES)
def staff_search():
    query = request.args.get("q", "")
    if len(query) > 200:
        return error_response(400, "query_too_long", "The search text may be at most 200 characters.")
    return jsonify({"query": query, "results": search_staff(db_session(), query)})
