ALTER TABLE transactions ADD COLUMN channel text;
ALTER TABLE transactions ADD COLUMN source_system text NOT NULL DEFAULT 'intake';
