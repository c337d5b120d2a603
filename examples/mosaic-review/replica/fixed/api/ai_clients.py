# ai_clients.py — the providers, keys from the environment only.
import logging
import os

log = logging.getLogger("ai_clients")


def _call_openai(messages, context=None):
    key = os.environ.get("OPENAI_API_KEY")
    if not key:
        raise RuntimeError("OPENAI_API_KEY is not set")
    system = (context or {}).get("system_prompt", "You are a career coach.")
    try:
        return {"model": "gpt-4o-mini", "messages": [{"role": "system", "content": system}, *messages]}
    except Exception:
        log.exception("openai call failed")
        raise
