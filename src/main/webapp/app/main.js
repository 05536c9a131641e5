// Start-up: wires the views together, signs in, then loads models, history and usage.

import * as conversation from './conversation.js';
import { $ } from './dom.js';
import { setUpDocuments } from './documents.js';
import { loadModels } from './models.js';
import { explain, showNotice } from './notice.js';
import { setUpPrompts } from './prompts.js';
import { loadHistory, setDrawer, setUpSidebar } from './sidebar.js';
import { setUpSignIn } from './signin.js';
import { refreshUsage, setUpUsage } from './usage.js';

let subject = null;

setUpUsage();
setUpDocuments();
setUpPrompts(conversation.insertText);
setUpSidebar({
  open(session) {
    setDrawer(false);
    conversation.openSession(session);
    $('#composer-input').focus();
  },
  deleted(id) {
    if (conversation.openSessionId() === id) conversation.newChat();
  },
});
conversation.setUpConversation();
$('#new-chat').addEventListener('click', () => {
  setDrawer(false);
  conversation.newChat();
});
for (const dialog of document.querySelectorAll('dialog.panel')) {
  dialog.querySelector('[data-close]')?.addEventListener('click', () => dialog.close());
  // a click on the backdrop (outside the panel) closes it, as Escape does
  dialog.addEventListener('click', (event) => {
    const box = dialog.getBoundingClientRect();
    const inside =
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom;
    if (event.target === dialog && !inside) dialog.close();
  });
}

const signIn = setUpSignIn(async (me) => {
  if (subject !== null && subject !== me.subject) {
    conversation.newChat(); // another user signed in: nothing of the previous one stays open
  }
  subject = me.subject;
  try {
    await loadModels();
    const [sessions] = await Promise.all([loadHistory(), refreshUsage()]);
    // a reload of the page reopens the conversation that was open, e.g. in the middle of a reply
    const remembered = conversation.rememberedSession();
    if (remembered !== null && conversation.openSessionId() === null) {
      const stored = sessions.find((s) => s.id === remembered);
      if (stored) conversation.openSession(stored);
    }
  } catch (error) {
    showNotice(explain(error));
  }
  $('#composer-input').focus();
});
signIn.start();
