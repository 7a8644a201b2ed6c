-- matcher-service's own schema. Plain SQL that runs on MySQL 8, MariaDB 10.11 and H2 (MySQL mode).

-- Latest snapshot seen per problem statement / solution profile (JSON of the contract record), so
-- the ranking engine can be rebuilt on start without replaying the topics.
CREATE TABLE problem_statement (
    id          CHAR(36)    NOT NULL,
    version     BIGINT      NOT NULL,
    status      VARCHAR(20) NOT NULL,
    snapshot    MEDIUMTEXT  NOT NULL,
    received_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_problem_statement_status ON problem_statement (status, id);

CREATE TABLE solution_profile (
    id          CHAR(36)    NOT NULL,
    version     BIGINT      NOT NULL,
    status      VARCHAR(20) NOT NULL,
    snapshot    MEDIUMTEXT  NOT NULL,
    received_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_solution_profile_status ON solution_profile (status, id);

-- Embedding cache: SHA-256 of model id + embedded text -> little-endian float32 vector.
CREATE TABLE embedding (
    cache_key  CHAR(64)    NOT NULL,
    vector     BLOB        NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (cache_key)
);

-- Current top-K per problem. Retracted pairs stay (active = FALSE) so a pair's version keeps
-- growing if it comes back.
CREATE TABLE match_pair (
    problem_statement_id CHAR(36)     NOT NULL,
    solution_profile_id  CHAR(36)     NOT NULL,
    score                DOUBLE       NOT NULL,
    match_rank           INT          NOT NULL,
    shared_themes        TEXT         NOT NULL,
    matched_terms        TEXT         NOT NULL,
    active               BOOLEAN      NOT NULL,
    version              BIGINT       NOT NULL,
    computed_at          DATETIME(6)  NOT NULL,
    PRIMARY KEY (problem_statement_id, solution_profile_id)
);
CREATE INDEX ix_match_pair_profile ON match_pair (solution_profile_id, active);
