// The prompt library: the user's own prompts and the system templates (GET /api/chat/prompts),
// variables filled in with the text rendered at once in the browser and the model's preview
// (POST /api/chat/prompts/preview) after a pause in typing; insert into the message box; create,
// edit and delete one's own prompts.

import { request } from './api.js';
import { confirmAction } from './confirm.js';
import { $, debounce, h } from './dom.js';
import { selectedModel } from './models.js';
import { explain } from './notice.js';
import { render as renderTemplate, variablesOf } from './template.js';

const PREVIEW_PAUSE_MS = 800; // a preview costs a model call: wait until typing pauses
let items = [];
let onInsert = () => {};
let previewAbort = null;
let listing = 0; // the latest list request: an older answer arriving late is dropped

/** `insert(text)` puts the rendered prompt into the message box. */
export function setUpPrompts(insert) {
  onInsert = insert;
  const dialog = $('#prompts-dialog');
  const open = () => {
    dialog.showModal();
    $('#prompt-search').focus();
    loadPrompts();
  };
  $('#prompts-button').addEventListener('click', open);
  $('#library-button').addEventListener('click', open);
  $('#prompt-search').addEventListener('input', debounce(loadPrompts, 300));
  $('#prompt-templates').addEventListener('change', loadPrompts);
  $('#prompt-new').addEventListener('click', () => showEditor(null));
  dialog.addEventListener('close', () => previewAbort?.abort());
}

async function loadPrompts() {
  const status = $('#prompt-status');
  status.textContent = 'Loading…';
  const mine = ++listing;
  try {
    const answer = await request('GET', 'api/chat/prompts', {
      query: {
        search: $('#prompt-search').value.trim(),
        include_templates: $('#prompt-templates').checked,
        page_size: 100,
      },
    });
    if (mine !== listing) return;
    items = answer.items;
    status.textContent =
      items.length === 0 ? 'Nothing found.' : `${answer.total} ${answer.total === 1 ? 'prompt' : 'prompts'}`;
  } catch (error) {
    status.textContent = explain(error);
    items = [];
  }
  $('#prompt-list').replaceChildren(
    ...items.map((prompt) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'prompt-item',
            dataset: { promptId: prompt.id },
            onclick: () => showPrompt(prompt),
          },
          h('span', { class: 'prompt-title' }, prompt.title),
          h(
            'span',
            { class: `badge ${prompt.is_template ? 'template' : 'own'}` },
            prompt.is_template ? 'Template' : 'Yours',
          ),
          prompt.description ? h('span', { class: 'prompt-description' }, prompt.description) : null,
        ),
      ),
    ),
  );
}

function markSelected(id) {
  for (const button of document.querySelectorAll('#prompt-list .prompt-item')) {
    if (Number(button.dataset.promptId) === id) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
  }
}

function showPrompt(prompt) {
  markSelected(prompt.id);
  previewAbort?.abort();
  const names = variablesOf(prompt.content);
  const values = {};
  const rendered = h('pre', { class: 'rendered', id: 'prompt-rendered', 'aria-live': 'off' });
  const previewOut = h('div', { class: 'preview-output', id: 'prompt-preview', 'aria-live': 'polite' });
  const auto = h('input', { type: 'checkbox', id: 'prompt-auto-preview', checked: true });
  const update = () => {
    rendered.textContent = renderTemplate(prompt.content, values);
  };
  const preview = () => runPreview(prompt, names, values, previewOut);
  const previewLater = debounce(preview, PREVIEW_PAUSE_MS);
  const fields = names.map((name) => {
    const id = `var-${name}`;
    const input = h('textarea', { id, rows: 2, 'data-variable': name });
    input.addEventListener('input', () => {
      values[name] = input.value;
      update();
      if (auto.checked) previewLater();
    });
    return h('div', { class: 'field' }, h('label', { for: id }, name.replaceAll('_', ' ')), input);
  });
  update();
  const insert = h(
    'button',
    { type: 'button', class: 'primary', id: 'prompt-insert' },
    'Insert into message',
  );
  insert.addEventListener('click', () => {
    // unfilled variables stay visible as {name}, to be completed in the message box
    $('#prompts-dialog').close();
    onInsert(renderTemplate(prompt.content, values));
  });
  const own = !prompt.is_template;
  $('#prompt-detail').replaceChildren(
    h('h3', {}, prompt.title),
    h(
      'p',
      { class: 'muted small' },
      [
        prompt.is_template ? 'System template' : 'Your prompt',
        prompt.scenario,
        `used ${prompt.usage_count} times`,
      ]
        .filter(Boolean)
        .join(' · '),
    ),
    prompt.description ? h('p', {}, prompt.description) : null,
    names.length
      ? h('fieldset', { class: 'variables' }, h('legend', {}, 'Fill in'), fields)
      : h('p', { class: 'muted' }, 'This prompt has no variables.'),
    h('h4', {}, 'Text to insert'),
    rendered,
    h(
      'div',
      { class: 'preview-head' },
      h('h4', {}, 'Model preview'),
      h('label', { class: 'check' }, auto, ' Ask the model as I type (uses tokens)'),
      h('button', { type: 'button', class: 'ghost', onclick: preview }, 'Preview now'),
    ),
    previewOut,
    h(
      'div',
      { class: 'actions' },
      own ? h('button', { type: 'button', class: 'ghost', onclick: () => showEditor(prompt) }, 'Edit') : null,
      own
        ? h(
            'button',
            { type: 'button', class: 'ghost danger-text', onclick: () => deletePrompt(prompt) },
            'Delete',
          )
        : null,
      insert,
    ),
  );
  previewOut.textContent = names.length
    ? 'Fill in the variables to see what the model answers.'
    : 'Press “Preview now” to see what the model answers.';
  (fields[0]?.querySelector('textarea') ?? insert).focus();
}

async function runPreview(prompt, names, values, out) {
  const missing = names.filter((n) => !values[n]);
  if (missing.length) {
    out.textContent = `Still to fill in: ${missing.join(', ')}.`;
    return;
  }
  previewAbort?.abort();
  previewAbort = new AbortController();
  const model = selectedModel();
  out.dataset.state = 'loading';
  out.textContent = `Asking ${model}…`;
  try {
    const answer = await request('POST', 'api/chat/prompts/preview', {
      json: { prompt_id: prompt.id, variables: { ...values }, model },
      signal: previewAbort.signal,
    });
    out.dataset.state = 'done';
    out.replaceChildren(
      h('p', { class: 'preview-text' }, answer.preview),
      h('p', { class: 'muted small' }, `${answer.model_used} · ${answer.tokens_used} tokens`),
    );
  } catch (error) {
    if (error.name === 'AbortError') return;
    out.dataset.state = 'error';
    out.textContent = explain(error);
  }
}

function showEditor(prompt) {
  previewAbort?.abort();
  markSelected(prompt?.id ?? null);
  const field = (label, id, element) => h('div', { class: 'field' }, h('label', { for: id }, label), element);
  const title = h('input', { id: 'edit-title', required: true, maxlength: 200, value: prompt?.title ?? '' });
  const content = h('textarea', {
    id: 'edit-content',
    rows: 8,
    required: true,
    'aria-describedby': 'edit-content-help',
  });
  content.value = prompt?.content ?? '';
  const description = h('input', {
    id: 'edit-description',
    maxlength: 2000,
    value: prompt?.description ?? '',
  });
  const scenario = h('input', { id: 'edit-scenario', maxlength: 100, value: prompt?.scenario ?? '' });
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'editor', novalidate: true },
    h('h3', {}, prompt ? `Edit “${prompt.title}”` : 'New prompt'),
    field('Title', 'edit-title', title),
    field('Text', 'edit-content', content),
    h(
      'p',
      { id: 'edit-content-help', class: 'muted small' },
      'Write {name} where a value goes in; {{ and }} stand for literal braces.',
    ),
    field('Description (optional)', 'edit-description', description),
    field('Scenario (optional)', 'edit-scenario', scenario),
    error,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'ghost', onclick: () => (prompt ? showPrompt(prompt) : clearDetail()) },
        'Cancel',
      ),
      h('button', { type: 'submit', class: 'primary' }, 'Save'),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      title: title.value.trim(),
      content: content.value,
      description: description.value.trim() || null,
      scenario: scenario.value.trim() || null,
    };
    try {
      const saved = prompt
        ? await request('PUT', `api/chat/prompts/${prompt.id}`, { json: body })
        : await request('POST', 'api/chat/prompts', { json: body });
      await loadPrompts();
      showPrompt(saved);
    } catch (failure) {
      error.textContent = explain(failure);
      error.hidden = false;
    }
  });
  $('#prompt-detail').replaceChildren(form);
  title.focus();
}

async function deletePrompt(prompt) {
  const sure = await confirmAction({
    title: 'Delete this prompt?',
    text: `“${prompt.title}” will be deleted for good.`,
    action: 'Delete',
  });
  if (!sure) return;
  try {
    await request('DELETE', `api/chat/prompts/${prompt.id}`);
    clearDetail();
    await loadPrompts();
    $('#prompt-search').focus();
  } catch (error) {
    $('#prompt-detail').prepend(h('p', { class: 'field-error', role: 'alert' }, explain(error)));
  }
}

function clearDetail() {
  markSelected(null);
  $('#prompt-detail').replaceChildren(
    h('p', { class: 'muted' }, 'Choose a prompt or a template on the left.'),
  );
}
