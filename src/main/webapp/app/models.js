// The model picker: GET /v1/models, grouped by the provider that serves each model.

import { request } from './api.js';
import { $, h } from './dom.js';

let models = [];

/** Loads the catalogue into the picker and the history filter; resolves to the models. */
export async function loadModels() {
  const list = await request('GET', 'v1/models');
  models = list.data;
  const picker = $('#model-picker');
  const previous = picker.value;
  picker.replaceChildren(...groupedOptions());
  picker.value = models.some((m) => m.id === previous) ? previous : (models[0]?.id ?? '');
  picker.disabled = models.length === 0;
  const filter = $('#filter-model');
  const chosen = filter.value;
  filter.replaceChildren(h('option', { value: '' }, 'All models'), ...groupedOptions());
  filter.value = chosen;
  $('#simulator-note').hidden = !models.some((m) => m.simulated);
  return models;
}

function groupedOptions() {
  const byProvider = new Map();
  for (const model of models) {
    const provider = model.provider || 'provider';
    if (!byProvider.has(provider)) byProvider.set(provider, []);
    byProvider.get(provider).push(model);
  }
  return [...byProvider].map(([provider, list]) =>
    h(
      'optgroup',
      { label: provider },
      list.map((m) => h('option', { value: m.id }, m.simulated ? `${m.id} (simulated)` : m.id)),
    ),
  );
}

export const selectedModel = () => $('#model-picker').value;

/** Shows `model` in the picker, adding it when the catalogue no longer offers it. */
export function showModel(model) {
  const picker = $('#model-picker');
  if (!model) return;
  if (![...picker.options].some((o) => o.value === model)) {
    picker.append(h('option', { value: model }, `${model} (not offered any more)`));
  }
  picker.value = model;
}
