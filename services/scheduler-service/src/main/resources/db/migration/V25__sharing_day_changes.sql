-- Sharing days after booking (v1.1): an optional venue; venue_key is the venue in lower case while the
-- sharing day holds it (NULL without a venue and once cancelled), so the unique index lets one
-- sharing day per venue and day through when requests race (the database decides, not a read).
-- cancellation_reason: what the programme office said when it cancelled.
-- Plain SQL for MySQL 8, MariaDB 10.11 and H2 (MySQL mode); NULLs never collide in a unique index.
ALTER TABLE sharing_day ADD COLUMN venue VARCHAR(200) NULL;
ALTER TABLE sharing_day ADD COLUMN venue_key VARCHAR(200) NULL;
ALTER TABLE sharing_day ADD COLUMN cancellation_reason VARCHAR(1000) NULL;
CREATE UNIQUE INDEX uq_sharing_day_venue_date ON sharing_day (venue_key, local_date);
