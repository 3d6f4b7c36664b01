UPDATE transactions
SET status = 'booked', booked_at = now()
WHERE id = $1
