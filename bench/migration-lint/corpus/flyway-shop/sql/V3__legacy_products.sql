-- expect: change-column-type, create-index-not-concurrently, missing-lock-timeout
-- squawk-covered: changing-column-type, require-concurrent-index-creation, require-lock-timeout
-- legacy_products predates the Flyway baseline: it exists, is large, and is not created here.
ALTER TABLE legacy_products ALTER COLUMN price TYPE numeric(12, 2);

CREATE INDEX idx_legacy_products_sku ON legacy_products (sku);
