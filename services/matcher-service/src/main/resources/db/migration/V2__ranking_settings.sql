-- Small key/value facts about the stored matches, e.g. the ranking configuration they were
-- computed with (a change re-ranks every open problem statement at start-up).
-- Not "name"/"value": VALUE is a reserved word in H2, the embedded default.
CREATE TABLE matcher_state (
    state_key   VARCHAR(100)  NOT NULL,
    state_value VARCHAR(2000) NOT NULL,
    updated_at  DATETIME(6)   NOT NULL,
    PRIMARY KEY (state_key)
);
