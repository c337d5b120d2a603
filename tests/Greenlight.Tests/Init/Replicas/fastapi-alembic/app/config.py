import os


class Settings:
    log_level = os.getenv("LOG_LEVEL", "info")
    database_url = os.environ["DATABASE_URL"]


settings = Settings()
