-- What validation checks limits against: transactions not yet booked.
CREATE VIEW pending_transactions AS
  SELECT t.id, a.account_no, t.amount, t.currency
  FROM transactions t
  JOIN accounts a ON a.id = t.account_id
  WHERE t.booked_at IS NULL;
