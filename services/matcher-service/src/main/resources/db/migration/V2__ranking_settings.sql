-- Small key/value facts about the stored matches, e.g. the ranking configuration they were
-- computed with (a change re-ranks every open problem statement at start-up).
CREATE TABLE matcher_state (
    name       VARCHAR(100)  NOT NULL,
    value      VARCHAR(2000) NOT NULL,
    updated_at DATETIME(6)   NOT NULL,
    PRIMARY KEY (name)
);
