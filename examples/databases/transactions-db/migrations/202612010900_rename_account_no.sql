-- IBANs replace the old account numbers.
ALTER TABLE accounts RENAME COLUMN account_no TO account_number;
