// The conversation history: GET /v1/chat/history with paging and the model and date filters,
// newest activity first; deleting with DELETE /v1/chat/sessions/{id} after a confirmation.

import { request } from './api.js';
import { confirmAction } from './confirm.js';
import { $, debounce, formatWhen, h, icon } from './dom.js';
import { explain, showNotice } from './notice.js';

const PAGE_SIZE = 20;
let page = 1;
let total = 0;
let sessions = [];
let activeId = null;
let loading = 0; // the latest history request
let handlers = { open() {}, deleted() {} };

/** `open(session)` when one is chosen; `deleted(id)` after a deletion. */
export function setUpSidebar(callbacks) {
  handlers = callbacks;
  const reload = () => {
    page = 1;
    loadHistory();
  };
  $('#filter-model').addEventListener('change', reload);
  // typing a date fires on every digit: wait until it is complete
  const dates = debounce(reload, 400);
  $('#filter-from').addEventListener('input', dates);
  $('#filter-to').addEventListener('input', dates);
  $('#filter-clear').addEventListener('click', () => {
    $('#filter-model').value = '';
    $('#filter-from').value = '';
    $('#filter-to').value = '';
    reload();
  });
  $('#page-newer').addEventListener('click', () => {
    page -= 1;
    loadHistory();
  });
  $('#page-older').addEventListener('click', () => {
    page += 1;
    loadHistory();
  });
  const toggle = $('#history-toggle');
  toggle.addEventListener('click', () => setDrawer(toggle.getAttribute('aria-expanded') !== 'true'));
  // a tap beside the open drawer closes it
  document.addEventListener('click', (event) => {
    if (!document.body.classList.contains('drawer-open')) return;
    if (!event.target.closest('#sidebar, #history-toggle')) setDrawer(false);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && toggle.getAttribute('aria-expanded') === 'true') {
      setDrawer(false);
      toggle.focus();
    }
  });
}

/** On narrow screens the history is a drawer over the conversation. */
export function setDrawer(open) {
  $('#history-toggle').setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('drawer-open', open);
  if (open) $('#new-chat').focus();
}

export function filters() {
  return {
    model: $('#filter-model').value,
    start_date: $('#filter-from').value,
    end_date: $('#filter-to').value,
  };
}

/** Loads the current page; resolves to its sessions (also used to reopen one after a reload). */
export async function loadHistory() {
  const status = $('#history-status');
  const mine = ++loading;
  try {
    const answer = await request('GET', 'v1/chat/history', {
      query: { page, page_size: PAGE_SIZE, ...filters() },
    });
    // filters changed while this was on its way: the newer request draws the list
    if (mine !== loading) return answer.sessions;
    total = answer.total;
    sessions = answer.sessions;
    status.textContent =
      total === 0 ? (isFiltered() ? 'No conversation matches the filter.' : 'No conversations yet.') : '';
  } catch (error) {
    status.textContent = explain(error);
    return sessions;
  }
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pages) {
    page = pages;
    return loadHistory();
  }
  render(pages);
  return sessions;
}

function isFiltered() {
  const f = filters();
  $('#filter-summary').textContent = [
    f.model,
    f.start_date && `from ${f.start_date}`,
    f.end_date && `to ${f.end_date}`,
  ]
    .filter(Boolean)
    .join(', ');
  return Boolean(f.model || f.start_date || f.end_date);
}

function render(pages) {
  isFiltered();
  $('#session-list').replaceChildren(
    ...sessions.map((session) => {
      const title = session.title || 'Untitled conversation';
      const open = h(
        'button',
        {
          type: 'button',
          class: 'session-open',
          'aria-current': session.id === activeId ? 'true' : null,
          onclick: () => handlers.open(session),
        },
        h('span', { class: 'session-title' }, title),
        h('span', { class: 'session-meta' }, `${session.model} · ${formatWhen(session.updated_at)}`),
      );
      const remove = h(
        'button',
        {
          type: 'button',
          class: 'icon-button session-delete',
          'aria-label': `Delete “${title}”`,
          title: 'Delete',
          onclick: () => confirmDelete(session, title),
        },
        icon('trash'),
      );
      return h('li', { dataset: { sessionId: session.id } }, open, remove);
    }),
  );
  $('#page-info').textContent = total > PAGE_SIZE ? `Page ${page} of ${pages}` : '';
  $('#page-newer').hidden = page <= 1;
  $('#page-older').hidden = page >= pages;
}

async function confirmDelete(session, title) {
  const sure = await confirmAction({
    title: 'Delete this conversation?',
    text: `“${title}” and its messages and documents will be deleted for good.`,
    action: 'Delete',
  });
  if (!sure) return;
  try {
    await request('DELETE', `v1/chat/sessions/${session.id}`);
    showNotice(`Deleted “${title}”.`, 'info');
    handlers.deleted(session.id);
    await loadHistory();
  } catch (error) {
    showNotice(explain(error));
  }
}

/** Marks the open conversation in the list. */
export function setActive(id) {
  activeId = id;
  for (const button of document.querySelectorAll('#session-list .session-open')) {
    const item = button.closest('li');
    if (Number(item.dataset.sessionId) === id) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
  }
}

/** The sessions with the newest activity, unfiltered, fresh from the server. */
export async function recentSessions() {
  const answer = await request('GET', 'v1/chat/history', { query: { page: 1, page_size: 10 } });
  return answer.sessions;
}

/** The session with this id among the most recently active ones. */
export async function fetchSession(id) {
  return (await recentSessions()).find((s) => s.id === id) ?? null;
}
