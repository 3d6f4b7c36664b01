CREATE TYPE transaction_status AS ENUM ('pending', 'booked', 'rejected');

CREATE TABLE transactions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id bigint NOT NULL REFERENCES accounts (id),
  amount numeric(14, 2) NOT NULL,
  currency char(3) NOT NULL,
  status transaction_status NOT NULL DEFAULT 'pending',
  reference text,
  booked_at timestamptz
);

CREATE INDEX transactions_account_id_idx ON transactions (account_id);
