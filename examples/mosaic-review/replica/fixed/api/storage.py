# storage.py — the replica keeps rows in memory; the SQL below is what the real module sends.
_CONTEXTS = {"u-complete": {"strengths": ["listening"], "goals": ["career change"]}}


class _Conn:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def cursor(self, cursor_factory=None):
        return self

    def execute(self, sql, params=()):
        self._row = _CONTEXTS.get(params[0]) if params else None

    def fetchone(self):
        return None if self._row is None else {"context_data": self._row}


def get_conn():
    return _Conn()


def get_user_context(user_id):
    with get_conn() as conn:
        cursor = conn.cursor(cursor_factory=None)
        cursor.execute("SELECT context_data FROM user_contexts WHERE user_id = %s", (user_id,))
        row = cursor.fetchone()
        return None if row is None else row["context_data"]


__all__ = ["get_conn", "get_user_context"]
