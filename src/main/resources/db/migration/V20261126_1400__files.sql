-- Files uploaded into a chat session: the original PDF and its extracted text, used as context by later turns.
-- Portable SQL: BYTEA and TEXT are PostgreSQL's own types and H2 2.x aliases of BINARY VARYING and
-- CHARACTER VARYING (without a declared length H2 allows up to 1,000,000,000 bytes/characters), so one
-- spelling holds a 10 MB PDF and 2,000,000 characters of text on both.

CREATE SEQUENCE chat_file_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE chat_file (
    id             BIGINT        NOT NULL PRIMARY KEY,
    session_id     BIGINT        NOT NULL REFERENCES chat_session (id) ON DELETE CASCADE,
    filename       VARCHAR(200)  NOT NULL,
    mime_type      VARCHAR(100)  NOT NULL,
    file_size      BIGINT        NOT NULL,
    page_count     INTEGER       NOT NULL,
    title          VARCHAR(500),
    author         VARCHAR(500),
    has_text       BOOLEAN       NOT NULL,
    text_truncated BOOLEAN       NOT NULL,
    -- character offset in extracted_text where each page starts, comma separated
    page_offsets   TEXT          NOT NULL,
    extracted_text TEXT          NOT NULL,
    content        BYTEA         NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_chat_file_session ON chat_file (session_id);
