/**
 * Files: PDF documents uploaded into a chat session become context of that session's later chats.
 *
 * <h2>Endpoints</h2>
 *
 * <ul>
 *   <li>{@code POST /api/chat/sessions/{session_id}/upload}: multipart form field {@code file};
 *       answers {@code {"file": {id, filename, file_size, mime_type, extracted_text, metadata:
 *       {page_count, title, author, has_text, text_truncated, note}, created_at}, "message": "File
 *       uploaded successfully"}}.
 *   <li>{@code GET /api/chat/sessions/{session_id}/files}: {@code {"files": [...]}} the same
 *       without the text.
 *   <li>{@code DELETE /api/chat/sessions/{session_id}/files/{file_id}}: {@code {"message": "File
 *       deleted successfully"}}.
 * </ul>
 *
 * <h2>Rules</h2>
 *
 * <ol>
 *   <li>Only the session's owner (same user and application) sees or changes its files; another
 *       user's or a missing session or file is 404. A non-numeric id is 400.
 *   <li>Only PDFs, decided by content: the bytes must start with a {@code %PDF-} header (415
 *       otherwise, whatever the name or declared type) and PDFBox must parse them (422 otherwise).
 *       A password-protected PDF is 422. A PDF without extractable text (scanned pages) is stored
 *       with empty text, {@code has_text: false}, and the message says so.
 *   <li>At most {@code parley.files.max-bytes} (10 MB): a larger declared body is refused before it
 *       is read, an undeclared one is cut off while read; 413 either way.
 *   <li>Extraction is bounded: pages ({@code parley.files.max-pages}, 500 → 422), time ({@code
 *       parley.files.extraction-timeout-ms}, 20 s → 422), PDFBox buffer memory (a few MB in memory,
 *       then temp files, at most {@code parley.files.max-buffer-bytes}) and text ({@code
 *       parley.files.max-text-chars}, 2,000,000; longer text is cut and {@code
 *       metadata.text_truncated} says so). Bad input is never a 500.
 *   <li>The original bytes and the text are stored in the database (all instances see them); the
 *       file name is stored without directories or control characters, at most 200 characters.
 *   <li>On every later chat turn of the session the documents go upstream as one {@code system}
 *       message placed first, each in a {@code <document name="...">} element under a preamble that
 *       declares the content reference data, not instructions. It is built per turn and never
 *       stored or shown in history.
 *   <li>The documents get at most {@code parley.files.context-budget-tokens} tokens (6000; per
 *       model {@code parley.files.model-context-budget-tokens}, e.g. {@code gpt-4o=100000}) and
 *       never more than the model's window leaves after the latest user message. Too large: they
 *       are cut into ~400-token chunks with overlap, ranked by BM25 (Lucene) against the latest
 *       user message, and the best chunks go up in document order with their pages.
 *   <li>Deleting a session deletes its files.
 * </ol>
 *
 * <h2>Out of scope</h2>
 *
 * Other formats than PDF, OCR of scanned pages, downloading the original file, per-tier upload
 * limits (they may lower the configured maximum, never raise it), embeddings.
 */
package dev.parley.files;
