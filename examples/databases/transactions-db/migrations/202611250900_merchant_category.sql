-- Harmless: a nullable column and an index built without locking writes.
ALTER TABLE transactions ADD COLUMN merchant_category text;
CREATE INDEX CONCURRENTLY transactions_booked_at_idx ON transactions (booked_at);
