SELECT id, amount, currency
FROM pending_transactions
WHERE account_no = $1
