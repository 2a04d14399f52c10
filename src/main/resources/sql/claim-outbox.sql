-- only one instance wins the row: the others see an update count of 0
UPDATE alert_outbox SET claimed_until = :#until
WHERE id = :#id AND (claimed_until IS NULL OR claimed_until < :#now)
