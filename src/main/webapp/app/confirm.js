// One confirmation dialog for every deletion. Cancel has the focus: Enter alone never deletes.

import { $ } from './dom.js';

/** Resolves to true when the user confirmed. */
export function confirmAction({ title, text, action }) {
  const dialog = $('#confirm-dialog');
  $('#confirm-title').textContent = title;
  $('#confirm-text').textContent = text;
  $('#confirm-ok').textContent = action;
  const returnFocus = document.activeElement;
  return new Promise((resolve) => {
    const done = (answer) => {
      dialog.removeEventListener('close', onClose);
      dialog.close();
      returnFocus?.focus?.();
      resolve(answer);
    };
    const onClose = () => done(false);
    dialog.addEventListener('close', onClose);
    $('#confirm-ok').onclick = () => done(true);
    $('#confirm-cancel').onclick = () => done(false);
    dialog.showModal();
    $('#confirm-cancel').focus();
  });
}
