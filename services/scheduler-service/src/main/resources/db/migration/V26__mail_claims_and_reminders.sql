-- Reminders and replicas (v1.1). dedupe_key: a mail that must go out once only (a reminder:
-- "reminder:<kind>:<booking>:<start epoch>:<lead>m:<recipient>"); the unique index decides when two
-- replicas queue it at once; NULL for every other mail. claimed_until: a dispatcher claims a row
-- (conditional UPDATE) before it sends it, so two replicas never send the same row at once; a claim
-- that outlives a crash expires. Plain SQL for MySQL 8, MariaDB 10.11 and H2 (MySQL mode).
ALTER TABLE mail_outbox ADD COLUMN dedupe_key VARCHAR(500) NULL;
ALTER TABLE mail_outbox ADD COLUMN claimed_until DATETIME(6) NULL;
CREATE UNIQUE INDEX uq_mail_outbox_dedupe ON mail_outbox (dedupe_key);
