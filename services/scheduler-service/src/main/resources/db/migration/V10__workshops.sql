-- Thematic workshops. Participants (agencies with their statements) and invited providers are
-- stored as JSON in TEXT columns: they are always read and written with their workshop, never
-- queried on their own, and TEXT runs on MySQL 8, MariaDB 10.11 and H2 alike.
CREATE TABLE workshop (
    id                  CHAR(36)      NOT NULL,
    theme               VARCHAR(100)  NOT NULL,
    origin              VARCHAR(20)   NOT NULL,
    status              VARCHAR(20)   NOT NULL,
    local_date          DATE          NOT NULL,
    starts_at           DATETIME(6)   NOT NULL,
    ends_at             DATETIME(6)   NOT NULL,
    duration_minutes    INT           NOT NULL,
    venue               VARCHAR(200)  NOT NULL,
    capacity            INT           NOT NULL,
    cadence_overridden  BOOLEAN       NOT NULL,
    demand              TEXT          NULL,
    participants        MEDIUMTEXT    NOT NULL,
    invited_providers   MEDIUMTEXT    NOT NULL,
    version             BIGINT        NOT NULL,
    created_at          DATETIME(6)   NOT NULL,
    updated_at          DATETIME(6)   NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_workshop_starts ON workshop (starts_at);

-- One row that every workshop booking locks (SELECT ... FOR UPDATE) before it reads the existing
-- workshops, so two concurrent plans or bookings cannot both pass the cadence check.
CREATE TABLE workshop_calendar (
    id          INT          NOT NULL,
    updated_at  DATETIME(6)  NULL,
    PRIMARY KEY (id)
);
INSERT INTO workshop_calendar (id, updated_at) VALUES (1, NULL);
