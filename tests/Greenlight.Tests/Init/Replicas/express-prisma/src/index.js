const express = require("express");
const { PrismaClient } = require("@prisma/client");

const app = express();
const prisma = new PrismaClient({ datasources: { db: { url: process.env.DATABASE_URL } } });
const secret = process.env.JWT_SECRET || "dev-only";

app.get("/health", (req, res) => res.json({ ok: true }));
app.get("/api/users", async (req, res) => res.json(await prisma.user.findMany()));
app.post("/api/users", async (req, res) => res.status(201).json({ secret: secret.length }));

app.listen(process.env.PORT || 3000);
