-- Prompt library: users' own prompts (scoped by user and application) and system templates (no owner).
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 14+.

CREATE SEQUENCE prompt_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE prompt (
    id             BIGINT         NOT NULL PRIMARY KEY,
    user_id        BIGINT         REFERENCES app_user (id),
    application_id BIGINT         REFERENCES application (id),
    title          VARCHAR(200)   NOT NULL,
    content        VARCHAR(20000) NOT NULL,
    scenario       VARCHAR(100),
    description    VARCHAR(2000),
    metadata       VARCHAR(10240),
    is_template    BOOLEAN        NOT NULL,
    usage_count    BIGINT         NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    version        BIGINT         NOT NULL,
    -- a template has no owner; every other prompt has both
    CONSTRAINT ck_prompt_owner CHECK (
        (is_template = TRUE AND user_id IS NULL AND application_id IS NULL)
        OR (is_template = FALSE AND user_id IS NOT NULL AND application_id IS NOT NULL))
);
-- list: newest first per owner; the same index serves the templates, found as user_id IS NULL (the CHECK
-- above makes that equivalent to is_template), merged in by an OR of the two prefix lookups
CREATE INDEX ix_prompt_owner_updated ON prompt (user_id, application_id, updated_at, id);
