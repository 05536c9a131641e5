// PDFs of the open conversation: upload (POST /api/chat/sessions/{id}/upload, field "file"),
// list (GET .../files) and remove (DELETE .../files/{file_id}). Uploads need a session, which the
// first message creates: before it the panel says so.

import { request, upload } from './api.js';
import { confirmAction } from './confirm.js';
import { $, formatBytes, h, icon } from './dom.js';
import { explain } from './notice.js';

let sessionId = null;
let files = [];

export function setUpDocuments() {
  const dialog = $('#documents-dialog');
  for (const opener of [$('#documents-button'), $('#attach-button')]) {
    opener.addEventListener('click', () => {
      dialog.showModal();
      render();
      if (sessionId !== null) $('#file-input').focus();
    });
  }
  $('#file-input').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    event.target.value = ''; // the same file may be chosen again
    if (file) await send(file);
  });
}

/** The open conversation changed (null: a new chat without a session yet). */
export async function setSession(id) {
  sessionId = id;
  files = [];
  $('#upload-result').textContent = '';
  render();
  if (id !== null) await loadFiles();
}

async function loadFiles() {
  const id = sessionId;
  try {
    const answer = await request('GET', `api/chat/sessions/${id}/files`);
    if (id !== sessionId) return;
    files = answer.files;
  } catch (error) {
    result(explain(error), 'error');
  }
  render();
}

async function send(file) {
  const id = sessionId;
  const progress = $('#upload-progress');
  const bar = $('#upload-bar');
  $('#upload-label').textContent = `Uploading ${file.name} (${formatBytes(file.size)})`;
  bar.value = 0;
  progress.hidden = false;
  result('', 'info');
  try {
    const answer = await upload(`api/chat/sessions/${id}/upload`, 'file', file, (loaded, total) => {
      bar.value = Math.round((loaded / total) * 100);
    });
    const meta = answer.file.metadata;
    const pages = `${meta.page_count} ${meta.page_count === 1 ? 'page' : 'pages'}`;
    if (meta.has_text) {
      result(
        `${answer.file.filename}: ${pages}, text found${meta.text_truncated ? ' (cut at the length limit)' : ''}. Later replies in this conversation read it.`,
        'success',
      );
    } else {
      result(
        `${answer.file.filename}: ${pages}, stored, but no text was found in it (a scanned or image-only PDF?): replies cannot read it.`,
        'warning',
      );
    }
  } catch (error) {
    result(`${file.name} was not attached. ${explain(error)}`, 'error');
  } finally {
    progress.hidden = true;
  }
  if (id === sessionId) await loadFiles();
}

function result(text, kind) {
  const line = $('#upload-result');
  line.textContent = text;
  line.dataset.kind = kind;
}

async function removeFile(file) {
  const sure = await confirmAction({
    title: 'Remove this document?',
    text: `“${file.filename}” will no longer be context of this conversation.`,
    action: 'Remove',
  });
  if (!sure) return;
  try {
    await request('DELETE', `api/chat/sessions/${sessionId}/files/${file.id}`);
    result(`Removed ${file.filename}.`, 'info');
  } catch (error) {
    result(explain(error), 'error');
  }
  await loadFiles();
  $('#file-input').focus();
}

function render() {
  const none = sessionId === null;
  $('#documents-intro').textContent = none
    ? 'Documents belong to a conversation, and a conversation starts with its first message. Send one, then attach PDFs here: the replies after that read them.'
    : 'PDFs attached here are context of this conversation: every later reply reads their text (up to 10 MB each).';
  $('#documents-upload').hidden = none;
  $('#documents-label').textContent = files.length ? `Documents (${files.length})` : 'Documents';
  $('#file-list').replaceChildren(
    ...files.map((file) => {
      const meta = file.metadata;
      const facts = [
        formatBytes(file.file_size),
        `${meta.page_count} ${meta.page_count === 1 ? 'page' : 'pages'}`,
        meta.has_text ? 'text found' : 'no text found',
      ];
      return h(
        'li',
        { class: meta.has_text ? '' : 'no-text' },
        icon('file'),
        h(
          'span',
          { class: 'file-name' },
          file.filename,
          h('span', { class: 'muted small' }, facts.join(' · ')),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'icon-button',
            'aria-label': `Remove ${file.filename}`,
            title: 'Remove',
            onclick: () => removeFile(file),
          },
          icon('trash'),
        ),
      );
    }),
  );
}
