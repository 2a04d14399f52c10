SELECT id, chat_id, text, html, attempts FROM alert_outbox
WHERE next_attempt_at <= :#now AND (claimed_until IS NULL OR claimed_until < :#now)
ORDER BY id
LIMIT :#limit
