-- Idempotent creation (Idempotency-Key): one row per principal, endpoint and key, written in the
-- same transaction as what it created. Plain SQL for MySQL 8, MariaDB and H2 (MySQL mode).
CREATE TABLE idempotency_key (
    principal     VARCHAR(255) NOT NULL,
    scope         VARCHAR(100) NOT NULL,
    idem_key      VARCHAR(255) NOT NULL,
    request_hash  CHAR(64)     NOT NULL,
    resource_id   VARCHAR(100) NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (principal, scope, idem_key)
);
CREATE INDEX ix_idempotency_key_created ON idempotency_key (created_at);
