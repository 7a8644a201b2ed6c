-- Transactional outbox: written in the same transaction as the entity it describes and
-- published by the relay. Plain SQL that runs on MySQL 8, MariaDB 10.11 and H2 (MySQL mode).
CREATE TABLE outbox_event (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    event_id      CHAR(36)     NOT NULL,
    topic         VARCHAR(200) NOT NULL,
    record_key    VARCHAR(200) NOT NULL,
    event_type    VARCHAR(100) NOT NULL,
    payload       MEDIUMTEXT   NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    published_at  DATETIME(6)  NULL,
    attempts      INT          NOT NULL DEFAULT 0,
    last_error    VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_outbox_event_id UNIQUE (event_id)
);
CREATE INDEX ix_outbox_unpublished ON outbox_event (published_at, id);
