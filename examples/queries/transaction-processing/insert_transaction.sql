INSERT INTO transactions (account_id, amount, currency, reference, channel)
VALUES ($1, $2, $3, $4, $5)
RETURNING id
