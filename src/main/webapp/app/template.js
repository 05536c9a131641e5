// Prompt templates rendered in the browser, so the filled-in text shows at once while the model's
// preview is on its way. The same rules as the server's TemplateRenderer (prompts package): {name}
// is a placeholder when name is [A-Za-z_][A-Za-z0-9_]*, {{ and }} are literal braces, anything
// else is literal text, values are inserted as they are.

const TOKEN = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The placeholder names, each once, in order of first appearance. */
export function variablesOf(template) {
  const names = new Set();
  for (const match of template.matchAll(TOKEN)) if (match[1]) names.add(match[1]);
  return [...names];
}

/** The text with every placeholder replaced; an empty value leaves `{name}` visible. */
export function render(template, values) {
  return template.replace(TOKEN, (whole, name) => {
    if (!name) return whole[0];
    const value = values[name];
    return value === undefined || value === '' ? whole : value;
  });
}
