-- Who a coordinator is, by the access token's sub (stable, unlike an email address): recorded on the
-- slots a coordinator publishes and copied to the clinics booked into them. NULL where the programme
-- office published a slot for a coordinator, and on rows older than this column; a coordinator is
-- then recognised by the slot's email. Plain SQL for MySQL 8, MariaDB 10.11 and H2 (MySQL mode).
ALTER TABLE clinic_slot ADD COLUMN coordinator_sub VARCHAR(255) NULL;
ALTER TABLE clinic ADD COLUMN coordinator_sub VARCHAR(255) NULL;
