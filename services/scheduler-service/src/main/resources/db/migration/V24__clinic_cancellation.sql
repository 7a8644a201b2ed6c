-- A clinic cancelled by its agency, its coordinator or the programme office (v1.1): the reason they
-- gave. The status CANCELLED frees the slot as DECLINED does (active_slot_id NULL).
-- Plain SQL for MySQL 8, MariaDB 10.11 and H2 (MySQL mode).
ALTER TABLE clinic ADD COLUMN cancellation_reason VARCHAR(1000) NULL;
