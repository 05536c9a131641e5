// The open conversation: sending (POST /v1/chat/stream, read as it streams), stopping, switching
// the model of an open session (POST /v1/chat/switch-model), and showing a stored session.

import { openResume, openStream, request } from './api.js';
import { $, announce } from './dom.js';
import * as documents from './documents.js';
import { divider, Reply, systemMessage, userMessage } from './messages.js';
import { selectedModel, showModel } from './models.js';
import { clearNotice, explain, showError, showNotice, waiting, waits } from './notice.js';
import { fetchSession, loadHistory, recentSessions, setActive } from './sidebar.js';
import { readReply } from './stream.js';
import { replyTokens, snapshot } from './usage.js';

const OPEN_SESSION_KEY = 'parley.session';
// how long Stop waits for Parley's answer (which names the session to stop) before giving up on it
const STOP_WAIT_MS = 10_000;

let session = null; // { id, title, model } of the open conversation; null for a new chat
let live = null; // { controller, reply, sessionId } while a reply streams (sent here or resumed)

export function setUpConversation() {
  const input = $('#composer-input');
  $('#composer').addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  input.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter is a new line; never while an input method is composing
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  $('#stop-button').addEventListener('click', () => {
    if (!live || live.stoppedByUser) return;
    live.stoppedByUser = true;
    live.stoppedBeforeAnswer = !live.sessionId;
    stopOnServer(live);
  });
  $('#model-picker').addEventListener('change', switchModel);
  $('#notice-close').addEventListener('click', clearNotice);
  waits.addEventListener('change', updateControls);
  updateControls();
}

function submit() {
  const input = $('#composer-input');
  const text = input.value.trim();
  if (!text || live || waiting()) return;
  input.value = '';
  send(text);
}

async function send(text) {
  clearNotice();
  const model = selectedModel();
  $('#welcome').hidden = true;
  const asked = userMessage(text);
  const reply = new Reply(model);
  reply.waiting();
  append(asked, reply.element);
  const current = { controller: new AbortController(), reply };
  live = current;
  updateControls();
  announce(`Sent. Waiting for ${model}.`);
  const before = snapshot(model);
  let response;
  try {
    response = await openStream(
      'v1/chat/stream',
      { model, messages: [{ role: 'user', content: text }], ...(session ? { session_id: session.id } : {}) },
      current.controller.signal,
    );
  } catch (error) {
    if (error.name === 'AbortError') {
      await stoppedBeforeTheFirstToken(current, text, asked);
      return;
    }
    // refused before anything was stored: take the message back into the box to send again
    asked.remove();
    reply.element.remove();
    endLive(current);
    takeBack(text);
    showError(error);
    return;
  }
  const sessionId = Number(response.headers.get('X-Session-Id'));
  current.sessionId = sessionId;
  if (current.stoppedByUser) stopOnServer(current); // Stop was pressed before Parley answered
  if (!session || session.id !== sessionId) {
    session = { id: sessionId, title: text, model };
    rememberSession(sessionId);
    setHeading();
    documents.setSession(sessionId);
  }
  session.model = model;
  if (response.headers.get('X-Parley-Context-Trimmed') === 'true') {
    reply.note('The oldest messages were left out to fit the model’s context window.');
  }
  let outcome;
  try {
    outcome = await readReply(response, (token) => reply.append(token));
  } catch (error) {
    outcome = error.name === 'AbortError' ? { ended: 'stopped' } : { ended: 'cut' };
  }
  // a stopped reply ends with [DONE] from the server, or with the page hanging up: stopped either way
  if (current.stoppedByUser && outcome.ended !== 'error') outcome = { ended: 'stopped' };
  if (outcome.ended === 'stopped' && current.stoppedBeforeAnswer) {
    // stopped before Parley answered: show what it stored of the turn (its reply ends cancelled)
    endLive(current);
    await showStored(sessionId);
    return;
  }
  const how = { done: 'completed', error: 'interrupted', stopped: 'stopped', cut: 'cut' }[outcome.ended];
  reply.finish(how, outcome.detail);
  endLive(current);
  announce(how === 'completed' ? 'Reply complete.' : reply.status.textContent);
  // the session's title and the reply's tokens are known once it is stored
  const [tokens] = await Promise.allSettled([replyTokens(model, before), refreshTitle()]);
  if (tokens.status === 'fulfilled' && tokens.value) reply.usage(tokens.value);
}

/**
 * Stops the reply on the server (POST /v1/chat/sessions/{id}/stop: the provider call is closed and
 * the text so far stored `cancelled`, whichever instance generates it), then stops reading. A reply
 * keeps generating when only its reader goes away (Parley's disconnect grace), so closing the
 * connection alone would not stop it. Before Parley answered, the session is not known yet: the
 * stop is sent when the answer comes (send() calls this again), or given up after STOP_WAIT_MS.
 */
async function stopOnServer(current) {
  if (!current.sessionId) {
    setTimeout(() => {
      if (!current.sessionId) current.controller.abort();
    }, STOP_WAIT_MS);
    return;
  }
  try {
    await request('POST', `v1/chat/sessions/${current.sessionId}/stop`);
  } catch (error) {
    showError(error);
  }
  current.controller.abort();
}

async function showStored(sessionId, { follow = true } = {}) {
  try {
    const stored = await fetchSession(sessionId);
    if (stored && !live) {
      openSession(stored, { follow });
      await loadHistory();
      setActive(stored.id);
    }
  } catch (error) {
    showError(error);
  }
}

/**
 * Stop was pressed before Parley answered and the answer did not come within STOP_WAIT_MS,
 * so the page does not know whether the message was stored. The history tells: a stored turn is
 * shown as stored (its reply ends cancelled, or failed if the provider failed meanwhile);
 * otherwise it was not sent.
 */
async function stoppedBeforeTheFirstToken(current, text, asked) {
  if (!current.stoppedByUser) {
    endLive(current); // another conversation was opened: nothing to show here
    return;
  }
  current.reply.finish('stopped');
  await new Promise((resolve) => setTimeout(resolve, 500)); // a request in flight gets stored
  let stored = null;
  try {
    stored = await findStoredTurn(session?.id ?? null, text);
  } catch (error) {
    showError(error);
  }
  endLive(current);
  if (live) return; // a new message was sent meanwhile
  if (stored) {
    openSession(stored);
    await loadHistory();
    setActive(stored.id);
  } else {
    asked.remove();
    current.reply.element.remove();
    takeBack(text);
    showNotice('Stopped before Parley received the message: it was not sent.', 'info');
  }
}

/**
 * The session (this one, or a new one) whose last user message is `text`, stored in the last two
 * minutes (an older conversation may end with the same words).
 */
async function findStoredTurn(sessionId, text) {
  const recent = await recentSessions();
  const justAsked = (s) => {
    const asked = s.messages.filter((m) => m.role === 'user').at(-1);
    return asked?.content === text && Date.now() - Date.parse(asked.created_at) < 120_000;
  };
  return recent.find((s) => (sessionId === null || s.id === sessionId) && justAsked(s)) ?? null;
}

/** Puts an unsent message back into the box to send again. */
function takeBack(text) {
  const input = $('#composer-input');
  if (!input.value) input.value = text;
  if (!session && !$('#messages .message')) $('#welcome').hidden = false;
  input.focus();
}

async function refreshTitle() {
  const sessions = await loadHistory();
  const stored = sessions.find((s) => s.id === session?.id);
  if (stored) {
    session.title = stored.title;
    setHeading();
  }
  setActive(session?.id ?? null);
}

async function switchModel() {
  const model = selectedModel();
  if (!session || session.model === model) return;
  const picker = $('#model-picker');
  picker.disabled = true;
  try {
    const switched = await request('POST', 'v1/chat/switch-model', {
      json: { session_id: session.id, model },
    });
    session.model = switched.model;
    append(divider(`Switched to ${switched.model}: the next replies come from it`));
    announce(`Switched to ${switched.model}.`);
    setHeading();
  } catch (error) {
    showModel(session.model);
    showNotice(`The model was not switched. ${explain(error)}`);
  } finally {
    updateControls();
  }
}

/** Starts an empty conversation (the session is created by its first message). */
export function newChat() {
  stopLive();
  session = null;
  rememberSession(null);
  $('#messages').replaceChildren($('#welcome'));
  $('#welcome').hidden = false;
  setHeading();
  setActive(null);
  documents.setSession(null);
  clearNotice();
  $('#composer-input').focus();
}

/**
 * Shows a stored session with its messages, marking where the model changed; a reply still in
 * progress is followed live (unless `follow` is false: it was just followed to its end).
 */
export function openSession(stored, { follow = true } = {}) {
  stopLive();
  session = { id: stored.id, title: stored.title, model: stored.model };
  rememberSession(stored.id);
  showModel(stored.model);
  setHeading();
  setActive(stored.id);
  documents.setSession(stored.id);
  clearNotice();
  const elements = [];
  let model = null;
  let inProgress = null;
  for (const message of stored.messages) {
    if (message.role === 'user') elements.push(userMessage(message.content));
    else if (message.role === 'system') elements.push(systemMessage(message.content));
    else {
      if (model && message.model && message.model !== model)
        elements.push(divider(`Switched to ${message.model}`));
      model = message.model ?? model;
      const reply = Reply.stored(message);
      if (message.status === 'in_progress' || message.status === 'streaming') inProgress = reply;
      elements.push(reply.element);
    }
  }
  if (model && stored.model !== model) {
    elements.push(divider(`Switched to ${stored.model}: the next replies come from it`));
  }
  $('#welcome').hidden = true;
  $('#messages').replaceChildren($('#welcome'), ...elements);
  $('#messages').scrollTop = $('#messages').scrollHeight;
  if (inProgress && follow) followStoredReply(stored.id, inProgress);
}

/**
 * The one place that continues a reply the page did not start (found in progress after a reload, or
 * streaming from another tab): it follows it live through the resume endpoint from the reply's
 * start, so the text shown is exactly what Parley stores, to `[DONE]`. Stop works on it too.
 */
async function followStoredReply(sessionId, reply) {
  const current = { controller: new AbortController(), reply, sessionId };
  live = current;
  updateControls();
  let outcome;
  try {
    const response = await openResume(sessionId, null, current.controller.signal);
    reply.text = '';
    outcome = await readReply(response, (token) => reply.append(token));
  } catch (error) {
    if (error.name !== 'AbortError') showError(error);
    outcome = { ended: error.name === 'AbortError' ? 'stopped' : 'cut' };
  }
  endLive(current);
  if (session?.id !== sessionId) return; // another conversation was opened meanwhile
  if (outcome.ended === 'stopped' && !current.stoppedByUser) return;
  await showStored(sessionId, { follow: false }); // the stored end, as after a reload
}

/** The session to reopen after a reload of the page (same tab), if any. */
export function rememberedSession() {
  const id = Number(sessionStorage.getItem(OPEN_SESSION_KEY));
  return Number.isInteger(id) && id > 0 ? id : null;
}

export const openSessionId = () => session?.id ?? null;

function rememberSession(id) {
  if (id === null) sessionStorage.removeItem(OPEN_SESSION_KEY);
  else sessionStorage.setItem(OPEN_SESSION_KEY, String(id));
}

/** Stops reading (another conversation opens): the reply itself goes on and is stored. */
function stopLive() {
  live?.controller.abort();
}

function setHeading() {
  $('#conversation-title').textContent = session ? session.title || 'Untitled conversation' : 'New chat';
  $('#conversation-meta').textContent = session ? `Model ${session.model}` : '';
  document.title = session?.title ? `${session.title} – Parley` : 'Parley';
}

function append(...elements) {
  const messages = $('#messages');
  messages.append(...elements);
  messages.scrollTop = messages.scrollHeight;
}

/** The reply `current` is over (unless another one started meanwhile). */
function endLive(current) {
  if (live !== current) return;
  // the stop button disappears: keep the keyboard focus in a useful place
  const hadFocus = document.activeElement === $('#stop-button');
  live = null;
  updateControls();
  if (hadFocus) $('#composer-input').focus();
}

function updateControls() {
  const streaming = live !== null;
  $('#send-button').hidden = streaming;
  $('#stop-button').hidden = !streaming;
  $('#send-button').disabled = waiting();
  $('#model-picker').disabled = streaming || $('#model-picker').options.length === 0;
}

/** Puts text into the message box at the cursor (from the prompt library). */
export function insertText(text) {
  const input = $('#composer-input');
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? start;
  input.setRangeText(text, start, end, 'end');
  input.focus();
}
