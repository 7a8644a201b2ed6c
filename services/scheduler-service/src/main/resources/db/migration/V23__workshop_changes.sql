-- Changes after booking (v1.1). invitees: the contacts a workshop's invitation went to (JSON list of
-- {"name","email"}), so its update or cancellation reaches the same people even after their
-- statements closed; NULL on rows older than this column (the update then goes to the current
-- contacts). cancellation_reason: what the programme office said when it cancelled.
-- Plain SQL for MySQL 8, MariaDB 10.11 and H2 (MySQL mode).
ALTER TABLE workshop ADD COLUMN invitees MEDIUMTEXT NULL;
ALTER TABLE workshop ADD COLUMN cancellation_reason VARCHAR(1000) NULL;
