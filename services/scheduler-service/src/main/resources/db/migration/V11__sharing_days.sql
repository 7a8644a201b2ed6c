-- Sharing days: presenters (each with its own consecutive slot) are stored as JSON in a TEXT
-- column with their sharing day; the audience is either agency codes or a domain.
CREATE TABLE sharing_day (
    id                         CHAR(36)      NOT NULL,
    theme                      VARCHAR(100)  NOT NULL,
    status                     VARCHAR(20)   NOT NULL,
    audience_agency_codes      VARCHAR(2000) NULL,
    audience_domain            VARCHAR(100)  NULL,
    local_date                 DATE          NOT NULL,
    starts_at                  DATETIME(6)   NOT NULL,
    ends_at                    DATETIME(6)   NOT NULL,
    presentation_minutes       INT           NOT NULL,
    consultation_minutes       INT           NOT NULL,
    max_presenters             INT           NOT NULL,
    presenters                 MEDIUMTEXT    NOT NULL,
    consultation_starts_at     DATETIME(6)   NOT NULL,
    consultation_ends_at       DATETIME(6)   NOT NULL,
    agency_codes               VARCHAR(2000) NOT NULL,
    problem_statement_ids      MEDIUMTEXT    NOT NULL,
    presenters_left_out        INT           NOT NULL,
    version                    BIGINT        NOT NULL,
    created_at                 DATETIME(6)   NOT NULL,
    updated_at                 DATETIME(6)   NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_sharing_day_starts ON sharing_day (starts_at);
