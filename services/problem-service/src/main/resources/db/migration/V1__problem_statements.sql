CREATE TABLE problem_statement (
    id             CHAR(36)      NOT NULL,
    agency_code    VARCHAR(20)   NOT NULL,
    agency_name    VARCHAR(200)  NOT NULL,
    agency_domain  VARCHAR(60)   NOT NULL,
    title          VARCHAR(200)  NOT NULL,
    description    TEXT          NOT NULL,
    themes         VARCHAR(1000) NOT NULL,
    horizon        VARCHAR(30)   NOT NULL,
    contact_name   VARCHAR(200)  NOT NULL,
    contact_email  VARCHAR(254)  NOT NULL,
    status         VARCHAR(20)   NOT NULL,
    version        BIGINT        NOT NULL,
    created_at     DATETIME(6)   NOT NULL,
    updated_at     DATETIME(6)   NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_problem_statement_agency ON problem_statement (agency_code);
CREATE INDEX ix_problem_statement_status ON problem_statement (status);
CREATE INDEX ix_problem_statement_created ON problem_statement (created_at);
