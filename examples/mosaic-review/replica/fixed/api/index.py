# index.py — the chat endpoint with the PS101 completion gate.
from api.storage import get_user_context

GATE_MESSAGE = "Please complete PS101 first: coaching uses what you wrote there."


def chat(user_id, message):
    if not user_id:
        return 401, {"detail": "X-User-ID header required"}
    context = get_user_context(user_id)
    if context is None:
        return 200, {"message": GATE_MESSAGE, "gated": True}
    prompt = f"Strengths: {', '.join(context['strengths'])}. Goals: {', '.join(context['goals'])}."
    return 200, {"message": f"Let's build on that. ({prompt})", "gated": False}
