// How messages look in the conversation: the user's as plain text, replies as Markdown with a line
// that says honestly where the reply stands (waiting, writing, complete, stopped, interrupted).

import { h, formatNumber } from './dom.js';
import { renderMarkdown } from './markdown.js';

/** What a stored message's status means, in words (history: GET /v1/chat/history). */
const STORED_STATUS = {
  completed: null,
  in_progress: 'Still being written on the server: this is the text saved so far.',
  streaming: 'Still being written on the server: this is the text saved so far.',
  cancelled: 'Stopped before it was complete; this is what arrived.',
  interrupted: 'Interrupted: Parley stopped before the reply was complete; this is what was saved.',
  failed: 'Failed: the model provider failed before the reply was complete; this is what arrived.',
};

export function userMessage(text) {
  return h('article', { class: 'message user', 'aria-label': 'You' }, h('div', { class: 'bubble' }, text));
}

export function systemMessage(text) {
  return h(
    'article',
    { class: 'message system', 'aria-label': 'System message' },
    h('div', { class: 'bubble' }, h('strong', {}, 'System: '), text),
  );
}

/** A line across the conversation, e.g. where the model changed. */
export function divider(text) {
  return h('div', { class: 'divider', role: 'separator', 'aria-label': text }, h('span', {}, text));
}

/** A reply of the assistant, live or stored. */
export class Reply {
  constructor(model) {
    this.text = '';
    this.tokens = 0;
    this.started = performance.now();
    this.firstTokenAt = null;
    this.pending = false;
    this.ended = false;
    this.model = h('span', { class: 'reply-model' }, model || 'assistant');
    this.status = h('span', { class: 'reply-status' });
    this.body = h('div', { class: 'markdown' });
    this.footer = h('p', { class: 'reply-footer' });
    this.element = h(
      'article',
      { class: 'message assistant', 'aria-label': `Reply from ${model || 'the assistant'}` },
      h('div', { class: 'reply-head' }, this.model, this.status),
      this.body,
      this.footer,
    );
  }

  /** A reply as history stored it. */
  static stored(message) {
    const reply = new Reply(message.model);
    reply.text = message.content ?? '';
    renderMarkdown(reply.body, reply.text);
    const words = STORED_STATUS[message.status];
    reply.setState(
      message.status === 'streaming' ? 'in_progress' : message.status,
      words && !reply.text ? words.replace(/: this is .*|; this is .*/, ': no text had arrived.') : words,
    );
    return reply;
  }

  /** Live: waiting for the first token. */
  waiting() {
    this.setState('waiting', 'Waiting for the first token…');
    this.element.setAttribute('aria-busy', 'true');
  }

  append(token) {
    if (this.firstTokenAt === null) {
      this.firstTokenAt = performance.now();
      this.setState('streaming', 'Writing…');
    }
    this.text += token;
    this.tokens += 1;
    // at most one Markdown render per frame, however fast tokens arrive
    if (!this.pending) {
      this.pending = true;
      requestAnimationFrame(() => {
        this.pending = false;
        // the reply may have ended before this frame: its final render (highlighted) stays
        if (!this.ended) this.render(false);
      });
    }
  }

  render(final) {
    const scroller = this.element.closest('.messages');
    const atBottom = scroller && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
    renderMarkdown(this.body, this.text, { final });
    if (atBottom) scroller.scrollTop = scroller.scrollHeight;
  }

  /**
   * The live reply ended: 'completed', 'stopped' (by the user), 'interrupted' (an error event from
   * Parley), 'cut' (the connection ended without [DONE]).
   */
  finish(how, detail) {
    this.ended = true;
    this.element.removeAttribute('aria-busy');
    this.render(true);
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    const kept = this.text ? ' The part that arrived is shown and kept in the history.' : '';
    const words = {
      completed: null,
      stopped: `Stopped by you after ${seconds} s.${kept}`,
      interrupted: `Interrupted: ${detail}.${kept}`,
      cut: `The connection closed before the reply was complete.${kept}`,
    };
    this.setState(how, words[how]);
    if (how === 'completed') this.note(`${seconds} s`);
  }

  setState(state, words) {
    this.element.dataset.status = state;
    this.status.textContent = words ?? '';
    this.status.hidden = !words;
  }

  /** Adds a fact to the footer (duration, tokens, context trimming). */
  note(text) {
    this.footer.append(h('span', {}, text));
  }

  usage(tokens) {
    this.note(
      `${formatNumber(tokens.total)} tokens (${formatNumber(tokens.prompt)} prompt + ${formatNumber(tokens.completion)} reply)`,
    );
  }
}
