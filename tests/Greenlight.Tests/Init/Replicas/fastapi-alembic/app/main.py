import os

from fastapi import FastAPI

from app.config import settings

app = FastAPI()


@app.get("/health")
def health():
    return {"status": "ok", "config_loaded": bool(os.getenv("OPENAI_API_KEY"))}


@app.get("/api/items")
def list_items():
    return []


@app.post("/api/items")
def create_item(item: dict):
    return item
