DELETE FROM alert_outbox WHERE id = :#id
