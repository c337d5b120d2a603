const express = require("express");
const { Pool } = require("pg");

// The schema is Prisma's (prisma/schema.prisma, prisma/migrations); queries go through node-postgres.
const app = express();
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const secret = process.env.JWT_SECRET || "dev-only";

app.get("/health", (req, res) => res.json({ ok: true }));
app.get("/api/users", async (req, res) => {
  try {
    res.json((await pool.query('SELECT id, email FROM "User"')).rows);
  } catch (error) {
    res.status(500).json({ error: error.message });
  }
});
app.post("/api/users", async (req, res) => res.status(201).json({ secret: secret.length }));

app.listen(process.env.PORT || 3000, "127.0.0.1");
