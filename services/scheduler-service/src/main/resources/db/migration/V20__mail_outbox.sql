-- Mail outbox: written in the same transaction as the booking change that causes the mail, and
-- delivered by MailDispatcher after commit and from a periodic sweep with retries. One row per
-- recipient, so a bad address never holds up (or leaks to) the others. Bodies may hold a live
-- confirmation link: never log them. Plain SQL for MySQL 8, MariaDB 10.11 and H2 (MySQL mode).
CREATE TABLE mail_outbox (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    recipient        VARCHAR(320)  NOT NULL,
    subject          VARCHAR(1000) NOT NULL,
    text_body        MEDIUMTEXT    NOT NULL,
    html_body        MEDIUMTEXT    NOT NULL,
    -- JSON list of {"fileName","contentType","base64"}; TEXT rather than JSON so H2 runs it too.
    attachments      MEDIUMTEXT    NOT NULL,
    created_at       DATETIME(6)   NOT NULL,
    next_attempt_at  DATETIME(6)   NOT NULL,
    sent_at          DATETIME(6)   NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    last_error       VARCHAR(1000) NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_mail_outbox_due ON mail_outbox (sent_at, next_attempt_at, id);
