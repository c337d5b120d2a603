# ps101.py — context extraction. Requires X-User-ID; writes idempotently (ON CONFLICT DO UPDATE).
import json
import logging

from api.storage import get_conn

log = logging.getLogger("ps101")

UPSERT = """
INSERT INTO user_contexts (user_id, context_data, extraction_model)
VALUES (%s, %s, %s)
ON CONFLICT (user_id) DO UPDATE SET context_data = EXCLUDED.context_data, extracted_at = NOW()
"""


def extract_context(user_id, body):
    if not user_id:
        return 401, {"detail": "X-User-ID header required"}
    context = {"strengths": body.get("strengths", []), "goals": body.get("goals", [])}
    with get_conn() as conn:
        cursor = conn.cursor()
        cursor.execute("SELECT id FROM users WHERE id = %s", (user_id,))
        cursor.execute(UPSERT, (user_id, json.dumps(context), "claude-sonnet-4-20250514"))
    log.info("context extracted for %s", user_id)
    return 200, {"user_id": user_id, "context": context}
