-- The scheduler's read model, kept from the compacted topics (never from other services' APIs).
-- Each row holds the latest snapshot version seen; older snapshots are ignored.
CREATE TABLE rm_problem_statement (
    id             CHAR(36)      NOT NULL,
    agency_code    VARCHAR(20)   NOT NULL,
    agency_name    VARCHAR(200)  NOT NULL,
    agency_domain  VARCHAR(60)   NOT NULL,
    title          VARCHAR(200)  NOT NULL,
    themes         VARCHAR(1000) NOT NULL,
    horizon        VARCHAR(30)   NOT NULL,
    contact_name   VARCHAR(200)  NOT NULL,
    contact_email  VARCHAR(254)  NOT NULL,
    status         VARCHAR(20)   NOT NULL,
    version        BIGINT        NOT NULL,
    updated_at     DATETIME(6)   NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_rm_problem_status ON rm_problem_statement (status);

CREATE TABLE rm_solution_profile (
    id                 CHAR(36)      NOT NULL,
    organisation_name  VARCHAR(200)  NOT NULL,
    organisation_type  VARCHAR(40)   NOT NULL,
    solution_name      VARCHAR(200)  NOT NULL,
    themes             VARCHAR(1000) NOT NULL,
    readiness_level    INT           NULL,
    contact_name       VARCHAR(200)  NOT NULL,
    contact_email      VARCHAR(254)  NOT NULL,
    status             VARCHAR(20)   NOT NULL,
    version            BIGINT        NOT NULL,
    updated_at         DATETIME(6)   NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE rm_match (
    problem_statement_id  CHAR(36)      NOT NULL,
    solution_profile_id   CHAR(36)      NOT NULL,
    score                 DOUBLE        NOT NULL,
    match_rank            INT           NOT NULL,
    shared_themes         VARCHAR(1000) NOT NULL,
    matched_terms         VARCHAR(2000) NOT NULL,
    active                BOOLEAN       NOT NULL,
    version               BIGINT        NOT NULL,
    computed_at           DATETIME(6)   NOT NULL,
    PRIMARY KEY (problem_statement_id, solution_profile_id)
);
CREATE INDEX ix_rm_match_profile ON rm_match (solution_profile_id);
