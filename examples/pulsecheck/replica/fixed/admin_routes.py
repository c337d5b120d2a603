ROUTES = {
    ("GET", "/api/admin/stats"): lambda body: (200, {"entries": 0}),
    ("GET", "/api/admin/users/{id}"): lambda body: (401, {"detail": "admin only"}),
}
