-- A row Kafka refuses for good is parked after a bounded number of attempts (later events of the
-- same aggregate wait behind it; other aggregates' events go on).
ALTER TABLE outbox_event ADD COLUMN parked_at DATETIME(6) NULL;
CREATE INDEX ix_outbox_parked ON outbox_event (parked_at);
-- ShedLock's lease table: one active outbox publisher per service among its replicas.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until TIMESTAMP(3) NOT NULL,
    locked_at  TIMESTAMP(3) NOT NULL,
    locked_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
);
