// Usage: the request-rate headers of every answer (RateLimit-Limit/-Remaining/-Reset) on the chip
// in the top bar, and GET /v1/usage (tokens per day and model, the tier's limits) in a panel.

import { apiEvents, request } from './api.js';
import { $, formatNumber, formatWait, h } from './dom.js';
import { explain } from './notice.js';

let report = null; // the latest GET /v1/usage
let rate = null; // the latest rate-limit headers

export function setUpUsage() {
  apiEvents.addEventListener('ratelimit', ({ detail }) => {
    rate = detail;
    $('#usage-chip').textContent =
      `${formatNumber(rate.remaining)} of ${formatNumber(rate.limit)} requests left`;
    if ($('#usage-dialog').open) renderPanel();
  });
  $('#usage-button').addEventListener('click', async () => {
    $('#usage-dialog').showModal();
    renderPanel();
    try {
      await refreshUsage();
    } catch (error) {
      $('#usage-body').prepend(h('p', { class: 'field-error', role: 'alert' }, explain(error)));
    }
  });
}

export async function refreshUsage() {
  report = await request('GET', 'v1/usage');
  if ($('#usage-dialog').open) renderPanel();
  return report;
}

/** Today's counters of one model, to tell a reply's tokens afterwards. */
export function snapshot(model) {
  return report ? { ...todayOf(report, model) } : null;
}

/**
 * The tokens of the one reply between `before` (a snapshot) and now, read from the usage ledger:
 * known only when exactly one request of that model was counted in between; otherwise (another
 * tab, a prompt preview, a new UTC day) null, and the page says nothing rather than guess.
 */
export async function replyTokens(model, before) {
  if (!before) return null;
  const after = todayOf(await refreshUsage(), model);
  if (after.date !== before.date || after.requests - before.requests !== 1) return null;
  return {
    prompt: after.prompt_tokens - before.prompt_tokens,
    completion: after.completion_tokens - before.completion_tokens,
    total: after.total_tokens - before.total_tokens,
  };
}

function todayOf(usage, model) {
  const today = usage.end_date;
  const row = usage.days.find((d) => d.date === today && d.model === model);
  return {
    date: today,
    requests: row?.requests ?? 0,
    prompt_tokens: row?.prompt_tokens ?? 0,
    completion_tokens: row?.completion_tokens ?? 0,
    total_tokens: row?.total_tokens ?? 0,
  };
}

function renderPanel() {
  const body = $('#usage-body');
  const parts = [];
  if (rate) {
    const resetIn = Math.max(0, rate.reset - (Date.now() - rate.at) / 1000);
    parts.push(
      h('h3', {}, 'Requests'),
      meter(rate.limit - rate.remaining, rate.limit, 'requests used in this window'),
      h(
        'p',
        {},
        `${formatNumber(rate.remaining)} of ${formatNumber(rate.limit)} requests left; the window refills in ${formatWait(resetIn)}.`,
      ),
    );
  }
  if (report?.limits) {
    const l = report.limits;
    parts.push(h('h3', {}, 'Tokens today (UTC)'));
    if (l.tokens_per_day < 0) {
      parts.push(
        h('p', {}, `${formatNumber(l.tokens_used_today)} used; your tier has no daily token limit.`),
      );
    } else {
      parts.push(
        meter(l.tokens_used_today, l.tokens_per_day, 'tokens used today'),
        h(
          'p',
          {},
          `${formatNumber(Math.max(0, l.tokens_per_day - l.tokens_used_today))} of ${formatNumber(l.tokens_per_day)} tokens left today.`,
        ),
      );
    }
    parts.push(
      h(
        'p',
        { class: 'muted' },
        `Tier ${l.tier}: ${formatNumber(l.requests_per_window)} requests per ${formatWait(l.window_seconds)}, ${formatNumber(l.concurrent_streams)} replies at a time.`,
      ),
    );
  }
  if (report) {
    const byModel = new Map();
    for (const day of report.days) {
      const sum = byModel.get(day.model) ?? { requests: 0, tokens: 0 };
      sum.requests += day.requests;
      sum.tokens += day.total_tokens;
      byModel.set(day.model, sum);
    }
    parts.push(
      h('h3', {}, `${report.start_date} to ${report.end_date}`),
      h(
        'table',
        { class: 'usage-table' },
        h('caption', { class: 'visually-hidden' }, 'Requests and tokens per model'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Model'),
            h('th', { scope: 'col' }, 'Requests'),
            h('th', { scope: 'col' }, 'Tokens'),
          ),
        ),
        h(
          'tbody',
          {},
          [...byModel].map(([model, sum]) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, model),
              h('td', {}, formatNumber(sum.requests)),
              h('td', {}, formatNumber(sum.tokens)),
            ),
          ),
          h(
            'tr',
            { class: 'total' },
            h('th', { scope: 'row' }, 'All models'),
            h('td', {}, formatNumber(report.total.requests)),
            h('td', {}, formatNumber(report.total.total_tokens)),
          ),
        ),
      ),
    );
  } else {
    parts.push(h('p', { class: 'muted' }, 'Loading your usage…'));
  }
  body.replaceChildren(...parts);
}

function meter(value, max, label) {
  return h('meter', {
    min: 0,
    max,
    value: Math.min(value, max),
    low: max * 0.7,
    high: max * 0.9,
    optimum: 0,
    'aria-label': label,
  });
}
