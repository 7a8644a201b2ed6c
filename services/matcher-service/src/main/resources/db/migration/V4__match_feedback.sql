-- Verdicts of agencies and providers on matches (API "Match feedback"). Every verdict is kept; the
-- latest per pair and side (highest version) counts. The text keys are the embedding keys of the
-- problem's and the profile's texts when the verdict was given: an agency's NOT_RELEVANT keeps the
-- pair off the problem's list only while both are unchanged.
CREATE TABLE match_feedback (
    id                   CHAR(36)     NOT NULL,
    problem_statement_id CHAR(36)     NOT NULL,
    solution_profile_id  CHAR(36)     NOT NULL,
    feedback_side        VARCHAR(10)  NOT NULL,
    verdict              VARCHAR(20)  NOT NULL,
    reason               TEXT         NULL,
    version              BIGINT       NOT NULL,
    given_by             VARCHAR(255) NOT NULL,
    problem_text_key     CHAR(64)     NOT NULL,
    profile_text_key     CHAR(64)     NOT NULL,
    given_at             DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (problem_statement_id, solution_profile_id, feedback_side, version)
);
CREATE INDEX ix_match_feedback_profile ON match_feedback (solution_profile_id);
