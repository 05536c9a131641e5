// Errors in plain words, and the notice above the message box. A refusal with Retry-After (429 at
// a limit, 503 at capacity) counts down there, whichever request got it, and the send button waits.

import { apiEvents } from './api.js';
import { $, announce, formatWait } from './dom.js';

/** Fires 'change' when a wait starts or ends; `waiting()` tells whether sending must wait. */
export const waits = new EventTarget();
let waitUntil = 0;
let timer = null;

export const waiting = () => Date.now() < waitUntil;

/** The error in words a person can act on, with the server's own detail. */
export function explain(error) {
  const detail = error.detail ?? error.message;
  switch (error.status) {
    case 0:
      return detail;
    case 401:
      return `Not signed in: ${detail}.`;
    case 404:
      return `Not found: ${detail}. It may have been deleted in another window.`;
    case 409:
      return `Busy: ${detail}.`;
    case 413:
      return `Too large: ${detail}.`;
    case 415:
      return `Not accepted: ${detail}.`;
    case 429:
      return `Limit reached: ${detail}.`;
    case 502:
      return `The model provider failed: ${detail}.`;
    case 503:
      return `Parley is at capacity: ${detail}.`;
    case 504:
      return `The model provider did not answer in time: ${detail}.`;
    default:
      if (error.status >= 500) {
        const id = error.requestId ? ` (request id ${error.requestId}, for the server log)` : '';
        return `Parley failed: ${detail}${id}. Try again.`;
      }
      return `${detail}.`.replace(/\.\.$/, '.');
  }
}

export function showNotice(text, kind = 'error') {
  stopCountdown();
  const notice = $('#notice');
  notice.dataset.kind = kind;
  notice.hidden = false;
  $('#notice-text').textContent = text;
  announce(text);
}

export function clearNotice() {
  stopCountdown();
  $('#notice').hidden = true;
  $('#notice-text').textContent = '';
}

/**
 * Shows an error; a refusal with Retry-After is shown by the countdown instead, and a 401 by the
 * sign-in screen.
 */
export function showError(error) {
  if (error.status === 401) return;
  if ((error.status === 429 || error.status === 503) && error.retryAfter !== null) return;
  showNotice(explain(error));
}

function countdown(error) {
  stopCountdown();
  waitUntil = Date.now() + error.retryAfter * 1000;
  const notice = $('#notice');
  notice.dataset.kind = 'wait';
  notice.hidden = false;
  const text = $('#notice-text');
  const tick = () => {
    const left = (waitUntil - Date.now()) / 1000;
    if (left <= 0) {
      stopCountdown();
      notice.dataset.kind = 'info';
      text.textContent = 'You can send again now.';
      announce(text.textContent);
      return;
    }
    text.textContent = `${explain(error)} You can send again in ${formatWait(left)}.`;
  };
  tick();
  // the text changes every second: announced once here, not on every tick
  announce(text.textContent);
  timer = setInterval(tick, 250);
  waits.dispatchEvent(new Event('change'));
}

function stopCountdown() {
  if (timer === null) return;
  clearInterval(timer);
  timer = null;
  waitUntil = 0;
  waits.dispatchEvent(new Event('change'));
}

apiEvents.addEventListener('refused', ({ detail: error }) => {
  if (error.retryAfter !== null) countdown(error);
});
