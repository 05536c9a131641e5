// Reading Server-Sent Events from a fetch() body. EventSource cannot POST (nor send a bearer
// token), so the chat stream is read here, following the SSE parsing rules of the HTML standard.

/**
 * Splits a text/event-stream into events: calls onEvent({ event, data, id }) for each one and
 * resolves when the body ends. `data` joins the event's data lines with "\n" (a token with line
 * breaks arrives as several data lines); comment lines (heartbeats) are skipped.
 */
export async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { type: '', data: [], id: null };
  const dispatch = () => {
    if (event.data.length > 0) {
      onEvent({ event: event.type || 'message', data: event.data.join('\n'), id: event.id });
    }
    event = { type: '', data: [], id: event.id };
  };
  const line = (text) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return undefined;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1); // exactly one space; a token's own spaces stay
    if (field === 'data') event.data.push(value);
    else if (field === 'event') event.type = value;
    else if (field === 'id') event.id = value;
    return undefined;
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
      // a lone "\r" at the end may be the first half of "\r\n": wait for the next chunk
      if (buffer[end] === '\r' && end === buffer.length - 1) break;
      line(buffer.slice(0, end));
      buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
    }
  }
}

/**
 * Reads one chat reply: tokens until `data: [DONE]`. Resolves to how it ended:
 * { ended: 'done' } — complete;
 * { ended: 'error', detail } — Parley sent `event: error` (provider failed mid-way) before [DONE];
 * { ended: 'cut' } — the body ended without [DONE] (connection lost, server stopped).
 * Rejects with an AbortError when the caller aborts (the stop button).
 * `lastEventId` is kept for resuming a reply later (GET .../stream with Last-Event-ID).
 */
export async function readReply(response, onToken) {
  let outcome = { ended: 'cut' };
  let failure = null;
  await readEvents(response.body, ({ event, data, id }) => {
    outcome.lastEventId = id;
    if (event === 'error') {
      failure = detailOf(data);
    } else if (data === '[DONE]') {
      outcome = failure
        ? { ended: 'error', detail: failure, lastEventId: id }
        : { ended: 'done', lastEventId: id };
    } else if (outcome.ended === 'cut') {
      onToken(data);
    }
  });
  if (outcome.ended === 'cut' && failure) return { ended: 'error', detail: failure };
  return outcome;
}

function detailOf(data) {
  try {
    const parsed = JSON.parse(data);
    if (parsed && typeof parsed.detail === 'string') return parsed.detail;
  } catch {
    // not JSON: show it as it came
  }
  return data;
}
