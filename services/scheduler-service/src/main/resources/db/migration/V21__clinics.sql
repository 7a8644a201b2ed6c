-- Clinics: coordinators' slots, clinics booked into them, and their confirmation tokens.
-- Plain SQL for MySQL 8, MariaDB 10.11 and H2 (MySQL mode).

-- One row per coordinator (by lower-cased email). Creating a slot locks this row
-- (SELECT ... FOR UPDATE), so two concurrent requests cannot both insert overlapping slots.
CREATE TABLE clinic_coordinator (
    id          VARCHAR(254) NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE clinic_slot (
    id                 CHAR(36)     NOT NULL,
    coordinator_id     VARCHAR(254) NOT NULL,
    coordinator_name   VARCHAR(200) NOT NULL,
    coordinator_email  VARCHAR(254) NOT NULL,
    starts_at          DATETIME(6)  NOT NULL,
    ends_at            DATETIME(6)  NOT NULL,
    duration_minutes   INT          NOT NULL,
    version            BIGINT       NOT NULL,
    created_at         DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_clinic_slot_coordinator FOREIGN KEY (coordinator_id) REFERENCES clinic_coordinator (id)
);
CREATE INDEX ix_clinic_slot_coordinator ON clinic_slot (coordinator_id, starts_at);
CREATE INDEX ix_clinic_slot_starts ON clinic_slot (starts_at, id);

-- active_slot_id = slot_id while the clinic holds its slot (PENDING_CONFIRMATION, CONFIRMED) and
-- NULL once it is DECLINED or EXPIRED. The UNIQUE constraint is what guarantees one clinic per
-- slot under concurrency (NULLs do not collide); the service maps its violation to 409.
CREATE TABLE clinic (
    id                     CHAR(36)     NOT NULL,
    slot_id                CHAR(36)     NOT NULL,
    active_slot_id         CHAR(36)     NULL,
    problem_statement_id   CHAR(36)     NOT NULL,
    problem_title          VARCHAR(500) NOT NULL,
    agency_code            VARCHAR(50)  NOT NULL,
    agency_name            VARCHAR(300) NOT NULL,
    agency_domain          VARCHAR(100) NULL,
    agency_contact_name    VARCHAR(200) NULL,
    agency_contact_email   VARCHAR(254) NULL,
    coordinator_name       VARCHAR(200) NOT NULL,
    coordinator_email      VARCHAR(254) NOT NULL,
    starts_at              DATETIME(6)  NOT NULL,
    ends_at                DATETIME(6)  NOT NULL,
    -- JSON list of linked companies (id, name, score, contact); TEXT so H2 runs it too.
    linked_companies       TEXT         NOT NULL,
    status                 VARCHAR(30)  NOT NULL,
    confirmation_expires_at DATETIME(6) NOT NULL,
    version                BIGINT       NOT NULL,
    created_at             DATETIME(6)  NOT NULL,
    updated_at             DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_clinic_active_slot UNIQUE (active_slot_id),
    CONSTRAINT fk_clinic_slot FOREIGN KEY (slot_id) REFERENCES clinic_slot (id)
);
CREATE INDEX ix_clinic_slot_id ON clinic (slot_id);
CREATE INDEX ix_clinic_status ON clinic (status, confirmation_expires_at);

-- Only the SHA-256 of a token is stored. used_at is set, conditionally (WHERE used_at IS NULL),
-- in the transaction that applies the decision, so a token wins at most once.
CREATE TABLE clinic_confirmation_token (
    token_hash   CHAR(64)    NOT NULL,
    clinic_id    CHAR(36)    NOT NULL,
    expires_at   DATETIME(6) NOT NULL,
    used_at      DATETIME(6) NULL,
    PRIMARY KEY (token_hash),
    CONSTRAINT fk_clinic_token_clinic FOREIGN KEY (clinic_id) REFERENCES clinic (id)
);
CREATE INDEX ix_clinic_token_clinic ON clinic_confirmation_token (clinic_id);
