-- expect: none
-- squawk-covered: none
-- Seed 001's monitoring view: re-runnable (OR REPLACE), reads only.
CREATE OR REPLACE VIEW raw_storage_health AS
SELECT
  COUNT(*) AS total_conversations,
  COUNT(CASE WHEN requires_manual_review THEN 1 END) AS manual_review_count,
  COUNT(CASE WHEN parse_method_used = 'direct' THEN 1 END) AS direct_parse_count,
  COUNT(CASE WHEN parse_method_used = 'jsonrepair' THEN 1 END) AS jsonrepair_count,
  SUM(raw_response_size) / 1024 / 1024 AS raw_storage_mb,
  AVG(parse_attempts) AS avg_parse_attempts
FROM conversations
WHERE created_at > NOW() - INTERVAL '24 hours'
  AND raw_response_path IS NOT NULL;
