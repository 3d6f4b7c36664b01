SELECT id, account_no, status
FROM accounts
WHERE account_no = $1
