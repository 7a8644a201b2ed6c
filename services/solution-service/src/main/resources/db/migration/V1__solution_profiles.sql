CREATE TABLE solution_profile (
    id                 CHAR(36)      NOT NULL,
    organisation_name  VARCHAR(200)  NOT NULL,
    organisation_type  VARCHAR(40)   NOT NULL,
    organisation_uen   VARCHAR(10)   NULL,
    solution_name      VARCHAR(200)  NOT NULL,
    summary            TEXT          NOT NULL,
    themes             VARCHAR(1000) NOT NULL,
    keywords           TEXT          NOT NULL,
    readiness_level    INT           NULL,
    contact_name       VARCHAR(200)  NOT NULL,
    contact_email      VARCHAR(254)  NOT NULL,
    status             VARCHAR(20)   NOT NULL,
    version            BIGINT        NOT NULL,
    created_at         DATETIME(6)   NOT NULL,
    updated_at         DATETIME(6)   NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_solution_profile_type ON solution_profile (organisation_type);
CREATE INDEX ix_solution_profile_status ON solution_profile (status);
CREATE INDEX ix_solution_profile_created ON solution_profile (created_at);
