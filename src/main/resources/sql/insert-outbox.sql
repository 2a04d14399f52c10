INSERT INTO alert_outbox (chat_id, text, html, attempts, last_error, next_attempt_at)
VALUES (:#chat_id, :#text, :#html, 0, :#last_error, :#next_attempt_at)
