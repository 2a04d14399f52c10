SELECT * FROM orders
WHERE (CAST(:#market AS VARCHAR(16)) IS NULL OR market = :#market)
  AND (CAST(:#side AS VARCHAR(4)) IS NULL OR side = :#side)
  AND (CAST(:#state AS VARCHAR(8)) IS NULL OR state = :#state)
  AND (CAST(:#mode AS VARCHAR(8)) IS NULL OR mode = :#mode)
ORDER BY created_at DESC, id DESC
LIMIT :#limit OFFSET :#offset
