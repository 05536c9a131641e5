// Markdown for replies: marked parses, DOMPurify sanitizes, highlight.js colours code. All three
// come from WebJars in the WAR (no CDN). A reply is text from a model that anyone's prompt can
// steer, so it is treated as hostile: raw HTML in it is shown as text, never interpreted.

import { Marked } from '../webjars/marked/lib/marked.esm.js';
import DOMPurify from '../webjars/dompurify/dist/purify.es.mjs';
import { h, icon } from './dom.js';

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const marked = new Marked({
  gfm: true,
  breaks: true, // a model's single line breaks are meant as line breaks
  renderer: {
    // `<script>`, `<img onerror=...>` and any other tag in a reply: shown as the text it is
    html: ({ text }) => escapeHtml(text),
    // no outside images: fetching one could carry data out of the page (and CSP would block it);
    // show the link instead
    image: ({ href, text }) => `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`,
  },
});

// Defence in depth behind the renderer: whatever marked emits is sanitized again.
const PURIFY = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'img', 'svg', 'math', 'form', 'button', 'textarea', 'select', 'iframe'],
  FORBID_ATTR: ['style', 'id'],
};

// Classes only as marked sets them for a fenced block's language: a reply must not borrow the
// page's own classes to dress up as part of the interface.
DOMPurify.addHook('uponSanitizeAttribute', (node, data) => {
  if (data.attrName === 'class') {
    data.keepAttr = node.tagName === 'CODE' && /^language-[\w+#.-]+$/.test(data.attrValue);
  }
});

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/**
 * Renders `text` as Markdown into `target`. While a reply streams it is re-rendered as tokens
 * arrive (`final` false): cheap, no highlighting. The final render highlights code blocks and adds
 * their copy buttons.
 */
export function renderMarkdown(target, text, { final = true } = {}) {
  target.innerHTML = DOMPurify.sanitize(marked.parse(text), PURIFY);
  if (final) enhanceCode(target);
}

function enhanceCode(root) {
  for (const code of root.querySelectorAll('pre > code')) {
    const language = /(?:^|\s)language-([\w+#.-]+)/.exec(code.className)?.[1];
    // highlight.js is a classic script (the WebJar ships no ES module) loaded before the modules
    const hljs = globalThis.hljs;
    if (hljs) {
      if (language && hljs.getLanguage(language)) {
        code.innerHTML = hljs.highlight(code.textContent, { language, ignoreIllegals: true }).value;
      } else if (!language) {
        code.innerHTML = hljs.highlightAuto(code.textContent).value;
      }
      code.classList.add('hljs');
    }
    const pre = code.parentElement;
    const bar = h('div', { class: 'code-bar' }, h('span', { class: 'code-language' }, language || 'code'));
    bar.append(copyButton(() => code.textContent));
    pre.before(bar);
    const block = h('div', { class: 'code-block' });
    bar.before(block);
    block.append(bar, pre);
  }
}

function copyButton(text) {
  const label = h('span', {}, 'Copy');
  const button = h('button', { type: 'button', class: 'copy-button' }, icon('copy'), label);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text());
      label.textContent = 'Copied';
    } catch {
      // the clipboard API needs a secure context (https or localhost): select the code instead
      const code = button.closest('.code-block').querySelector('code');
      getSelection().selectAllChildren(code);
      label.textContent = 'Selected: press Ctrl+C';
    }
    setTimeout(() => (label.textContent = 'Copy'), 2000);
  });
  return button;
}
