// Sign-in: the token is checked with GET /v1/me before the app shows. A 401 from any request later
// brings this screen back with the reason, keeping what the user was writing.

import { ApiError, apiEvents, request, token } from './api.js';
import { $ } from './dom.js';

/**
 * Shows the app when the tab has a working token, else the sign-in screen. `onSignedIn(me)` runs
 * after every successful sign-in (me: GET /v1/me).
 */
export function setUpSignIn(onSignedIn) {
  const form = $('#sign-in-form');
  const input = $('#token-input');
  const error = $('#sign-in-error');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = input.value.trim().replace(/^Bearer\s+/i, '');
    if (!value) {
      showFieldError('Paste a token first.');
      return;
    }
    $('#sign-in-button').disabled = true;
    token.set(value);
    try {
      const me = await request('GET', 'v1/me');
      input.value = '';
      error.hidden = true;
      show(true);
      onSignedIn(me);
    } catch (failure) {
      token.clear();
      showFieldError(
        failure.status === 401
          ? `This token was not accepted: ${failure.detail}. Check that you copied all of it, and that it has not expired.`
          : failure instanceof ApiError
            ? `Could not check the token: ${failure.detail}`
            : String(failure),
      );
    } finally {
      $('#sign-in-button').disabled = false;
    }
  });

  apiEvents.addEventListener('unauthorized', () => {
    if (!token.get()) return;
    token.clear();
    signOut(
      'Parley did not accept your token any more (it may have expired, or the server got a new key). Sign in again; what you were writing is kept.',
    );
  });

  $('#sign-out').addEventListener('click', () => {
    token.clear();
    sessionStorage.clear();
    // a fresh page: nothing of the previous user's conversation stays on screen
    location.reload();
  });

  function showFieldError(text) {
    error.textContent = text;
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }

  return {
    async start() {
      if (!token.get()) {
        signOut(null);
        return;
      }
      try {
        const me = await request('GET', 'v1/me');
        show(true);
        onSignedIn(me);
      } catch (failure) {
        if (failure.status !== 401) {
          signOut(`Parley could not be asked who you are: ${failure.detail}`);
        }
      }
    },
  };
}

function signOut(reason) {
  const why = $('#sign-in-reason');
  why.textContent = reason ?? '';
  why.hidden = !reason;
  show(false);
  $('#token-input').focus();
}

function show(signedIn) {
  $('#app').hidden = !signedIn;
  $('#sign-in').hidden = signedIn;
  for (const dialog of document.querySelectorAll('dialog[open]')) dialog.close();
}
