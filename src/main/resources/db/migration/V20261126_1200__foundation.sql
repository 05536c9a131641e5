-- Parley foundation schema. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 14+.
-- Ids come from sequences (allocationSize 1 in the entities), the one recipe that behaves the same on
-- EclipseLink and Hibernate, H2 and PostgreSQL.

CREATE SEQUENCE app_user_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE app_user (
    id          BIGINT       NOT NULL PRIMARY KEY,
    external_id VARCHAR(255) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_app_user_external_id UNIQUE (external_id)
);

CREATE SEQUENCE application_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE application (
    id         BIGINT       NOT NULL PRIMARY KEY,
    app_key    VARCHAR(255) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_application_app_key UNIQUE (app_key)
);

CREATE SEQUENCE chat_session_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE chat_session (
    id             BIGINT       NOT NULL PRIMARY KEY,
    user_id        BIGINT       NOT NULL REFERENCES app_user (id),
    application_id BIGINT       NOT NULL REFERENCES application (id),
    model          VARCHAR(200) NOT NULL,
    title          VARCHAR(200) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    version        BIGINT       NOT NULL
);
-- history: newest first per owner, optional filters on created_at and model
CREATE INDEX ix_chat_session_owner_updated ON chat_session (user_id, application_id, updated_at, id);
CREATE INDEX ix_chat_session_owner_created ON chat_session (user_id, application_id, created_at);

CREATE SEQUENCE chat_message_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE chat_message (
    id                BIGINT          NOT NULL PRIMARY KEY,
    session_id        BIGINT          NOT NULL REFERENCES chat_session (id) ON DELETE CASCADE,
    seq               INTEGER         NOT NULL,
    role              VARCHAR(16)     NOT NULL,
    content           VARCHAR(1000000) NOT NULL,
    model             VARCHAR(200),
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    finish_reason     VARCHAR(32),
    status            VARCHAR(16)     NOT NULL,
    instance_id       VARCHAR(200),
    metadata          VARCHAR(4000),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_chat_message_session_seq UNIQUE (session_id, seq)
);
-- crash recovery and the one-stream-per-session rule look for in-progress replies
CREATE INDEX ix_chat_message_status ON chat_message (status, updated_at);
