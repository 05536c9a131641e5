-- System templates: visible to every user of every application, changed only by administrators.
-- Placeholders are {name}; {{ and }} stand for literal braces.

INSERT INTO prompt (id, user_id, application_id, title, content, scenario, description, metadata,
    is_template, usage_count, created_at, updated_at, version)
VALUES (nextval('prompt_seq'), NULL, NULL, 'Text Summarizer',
    'Summarize the following text in {length} sentences. Keep the key facts, names and numbers, and drop repetition.

Text:
{text}',
    'summarization', 'Concise summary of any text, with a chosen length.', '{"tags": ["summary", "concise"], "category": "writing"}',
    TRUE, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0);

INSERT INTO prompt (id, user_id, application_id, title, content, scenario, description, metadata,
    is_template, usage_count, created_at, updated_at, version)
VALUES (nextval('prompt_seq'), NULL, NULL, 'Translator',
    'Translate the following text into {target_language}. Keep the meaning, tone and formatting; do not add explanations.

Text:
{text}',
    'translation', 'Faithful translation into a target language.', '{"tags": ["translation", "language"], "category": "language"}',
    TRUE, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0);

INSERT INTO prompt (id, user_id, application_id, title, content, scenario, description, metadata,
    is_template, usage_count, created_at, updated_at, version)
VALUES (nextval('prompt_seq'), NULL, NULL, 'Code Reviewer',
    'Review the following {language} code. List bugs, security problems, performance issues and readability improvements, most important first, each with a short suggested fix.

Code:
{code}',
    'code_review', 'Structured code review with prioritized findings.', '{"tags": ["code", "review"], "category": "development"}',
    TRUE, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0);

INSERT INTO prompt (id, user_id, application_id, title, content, scenario, description, metadata,
    is_template, usage_count, created_at, updated_at, version)
VALUES (nextval('prompt_seq'), NULL, NULL, 'Email Reply',
    'Write a {tone} reply to the email below. Answer every question it asks, keep it brief and end with a clear next step.

Email:
{email}',
    'email', 'Drafts a reply to an email in a chosen tone.', '{"tags": ["email", "writing"], "category": "communication"}',
    TRUE, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0);

INSERT INTO prompt (id, user_id, application_id, title, content, scenario, description, metadata,
    is_template, usage_count, created_at, updated_at, version)
VALUES (nextval('prompt_seq'), NULL, NULL, 'Meeting Notes',
    'Turn the following meeting transcript into notes with three sections: Summary, Decisions, and Action items (owner and due date when mentioned).

Transcript:
{transcript}',
    'meeting_notes', 'Summary, decisions and action items from a transcript.', '{"tags": ["meeting", "notes"], "category": "productivity"}',
    TRUE, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0);

INSERT INTO prompt (id, user_id, application_id, title, content, scenario, description, metadata,
    is_template, usage_count, created_at, updated_at, version)
VALUES (nextval('prompt_seq'), NULL, NULL, 'Explain Like I am Five',
    'Explain {topic} as if I were five years old: short sentences, everyday words, and one simple example or comparison.',
    'explanation', 'Simple explanation of any topic.', '{"tags": ["explain", "simple"], "category": "learning"}',
    TRUE, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0);

INSERT INTO prompt (id, user_id, application_id, title, content, scenario, description, metadata,
    is_template, usage_count, created_at, updated_at, version)
VALUES (nextval('prompt_seq'), NULL, NULL, 'SQL Helper',
    'Write a {dialect} SQL query for this request: {request}

Schema:
{schema}

Return the query in a code block, then explain briefly how it works and which indexes would help.',
    'sql', 'Writes and explains SQL for a given schema.', '{"tags": ["sql", "database"], "category": "development"}',
    TRUE, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0);

INSERT INTO prompt (id, user_id, application_id, title, content, scenario, description, metadata,
    is_template, usage_count, created_at, updated_at, version)
VALUES (nextval('prompt_seq'), NULL, NULL, 'Bug Report',
    'Turn these notes into a clear bug report with the sections Title, Steps to reproduce, Expected result, Actual result and Environment.

Notes:
{notes}',
    'bug_report', 'Structured bug report from rough notes.', '{"tags": ["bug", "qa"], "category": "development"}',
    TRUE, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0);

INSERT INTO prompt (id, user_id, application_id, title, content, scenario, description, metadata,
    is_template, usage_count, created_at, updated_at, version)
VALUES (nextval('prompt_seq'), NULL, NULL, 'Proofreader',
    'Proofread the following text. Fix spelling, grammar and punctuation without changing its meaning or style, then list the changes you made.

Text:
{text}',
    'proofreading', 'Corrects spelling and grammar and lists the changes.', '{"tags": ["grammar", "editing"], "category": "writing"}',
    TRUE, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0);

INSERT INTO prompt (id, user_id, application_id, title, content, scenario, description, metadata,
    is_template, usage_count, created_at, updated_at, version)
VALUES (nextval('prompt_seq'), NULL, NULL, 'Unit Test Writer',
    'Write unit tests in {language} with {framework} for the code below. Cover normal cases, edge cases and errors; name each test after the behaviour it checks.

Code:
{code}',
    'testing', 'Unit tests for a piece of code.', '{"tags": ["tests", "code"], "category": "development"}',
    TRUE, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0);
