-- Accounts of the payments platform.
CREATE TYPE account_status AS ENUM ('active', 'frozen', 'closed');

CREATE TABLE accounts (
  id bigserial PRIMARY KEY,
  account_no varchar(20) NOT NULL UNIQUE,
  owner_name text NOT NULL,
  status account_status NOT NULL DEFAULT 'active',
  balance numeric(14, 2) NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
