-- The programme report (v1.1) counts problem statements by when they were posted: the snapshot's
-- createdAt. NULL on rows stored before this column until a snapshot of the statement arrives again
-- (a replay of the compacted topic fills it, see ReadModelUpdater); such rows are left out of the report.
-- Plain SQL for MySQL 8, MariaDB 10.11 and H2 (MySQL mode).
ALTER TABLE rm_problem_statement ADD COLUMN posted_at DATETIME(6) NULL;
CREATE INDEX ix_rm_problem_posted ON rm_problem_statement (posted_at);
