UPDATE alert_outbox
SET attempts = attempts + 1, last_error = :#last_error, next_attempt_at = :#next_attempt_at, claimed_until = NULL
WHERE id = :#id
