-- One row per model call: opened (in progress, with the estimate) before the provider is called, settled with
-- the real usage after. Token-per-day limits and concurrent-call limits are enforced from these rows.
CREATE SEQUENCE usage_record_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE usage_record (
    id                BIGINT       NOT NULL PRIMARY KEY,
    user_id           BIGINT       NOT NULL REFERENCES app_user (id),
    application_id    BIGINT       NOT NULL REFERENCES application (id),
    call_kind         VARCHAR(16)  NOT NULL,
    model             VARCHAR(200) NOT NULL,
    usage_day         DATE         NOT NULL,
    prompt_tokens     INTEGER      NOT NULL,
    completion_tokens INTEGER      NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    latency_ms        BIGINT,
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_usage_record_user_day ON usage_record (user_id, usage_day);
CREATE INDEX ix_usage_record_user_status ON usage_record (user_id, status, call_kind, started_at);
