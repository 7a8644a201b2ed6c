-- One row per calendar day that has had a sharing day booked or moved onto it. Booking or moving a
-- sharing day locks its day's row first, so requests for the same day are decided one after the
-- other and a presenter is never given two slots that overlap, even when requests race.
-- Plain SQL for MySQL 8 and MariaDB 10.11.
CREATE TABLE sharing_day_calendar_lock (
    local_date DATE NOT NULL PRIMARY KEY
);

-- The day's sharing days are read with a locking read after the day's lock is held; the index keeps
-- that read (and its locks) to the day instead of the whole table.
CREATE INDEX ix_sharing_day_local_date ON sharing_day (local_date);
