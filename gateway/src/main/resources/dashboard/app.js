// The dashboard: asks for an API key (kept in sessionStorage), then shows the tenant's jobs with
// live progress, a job's details (a catalogue's items as previews, artifacts, a 3D viewer for
// meshes, a training job's loss and validation-IoU curves) and the models with their metrics.

import * as api from './api.js';
import { EventStream } from './events.js';
import { LinePlot } from './plot.js';

const TYPES = ['reconstruct', 'catalog', 'dataset', 'train', 'evaluate'];
const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'canceled'];
const FINISHED = new Set(['succeeded', 'failed', 'canceled']);
const PAGE = 50;

const $ = (selector, root = document) => root.querySelector(selector);

/** A DOM element: h('td.num', {title}, child, ...); strings become text, never HTML. */
function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const node = document.createElement(name);
  if (classes.length) {
    node.className = classes.join(' ');
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) {
      continue;
    }
    if (k.startsWith('on')) {
      node.addEventListener(k.slice(2), v);
    } else if (k === 'dataset') {
      Object.assign(node.dataset, v);
    } else if (k in node && typeof v !== 'string') {
      node[k] = v;
    } else {
      node.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) {
      node.append(c instanceof Node ? c : String(c));
    }
  }
  return node;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }) : '';
}

function duration(job) {
  if (!job.startedAt) {
    return '';
  }
  const end = job.finishedAt ? new Date(job.finishedAt) : new Date();
  const s = Math.max(0, Math.round((end - new Date(job.startedAt)) / 1000));
  return s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

function bytes(n) {
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`;
}

function number(v) {
  return typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : String(v);
}

function badge(status) {
  return h(`span.badge.status-${status}`, { dataset: { status } }, status);
}

function progressBar(job) {
  const pct = Math.round((job.progress || 0) * 100);
  return h('progress', { max: 100, value: pct, 'aria-label': `Progress of ${job.id}`, title: `${pct}%` });
}

// ---- the session -----------------------------------------------------------------------------

const state = { events: null, listeners: new Set(), cleanup: null };

function showError(err) {
  if (err instanceof api.Unauthorized) {
    signOut('The API key was refused. Enter a valid key.');
    return;
  }
  console.error(err);
  const banner = $('#app-error');
  banner.replaceChildren(h('span', {}, err.message || String(err)),
    h('button.link', { type: 'button', onclick: () => { banner.hidden = true; } }, 'Dismiss'));
  banner.hidden = false;
}

function signOut(message) {
  api.key.clear();
  if (state.events) {
    state.events.close();
    state.events = null;
  }
  teardownView();
  $('#view').replaceChildren();
  $('#nav').hidden = true;
  $('#session').hidden = true;
  $('#app-error').hidden = true;
  $('#key-view').hidden = false;
  const error = $('#key-error');
  error.textContent = message || '';
  error.hidden = !message;
  $('#key-input').value = '';
  $('#key-input').focus();
}

async function signIn(key) {
  api.key.set(key);
  try {
    await api.jobs.list({ limit: 1 });
  } catch (e) {
    if (e instanceof api.Unauthorized) {
      signOut('That key was refused (401). Check it and try again.');
    } else {
      signOut(`The server could not check the key: ${e.message}`);
    }
    return false;
  }
  $('#key-view').hidden = true;
  $('#nav').hidden = false;
  $('#session').hidden = false;
  startEvents();
  route();
  return true;
}

/** One socket for all of the tenant's events; views listen while they are shown. */
function startEvents() {
  const live = $('#live');
  state.events = new EventStream({
    onEvent: (e) => state.listeners.forEach((l) => l.onEvent && l.onEvent(e)),
    onResync: () => state.listeners.forEach((l) => l.onResync && l.onResync()),
    onState: (s) => {
      live.dataset.state = s;
      live.textContent = s === 'live' ? 'live' : s;
    },
    onFailing: () => api.jobs.list({ limit: 1 }).catch(showError),
  }).start();
}

function listen(listener) {
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

function teardownView() {
  if (state.cleanup) {
    state.cleanup.forEach((f) => {
      try {
        f();
      } catch (e) {
        console.error(e);
      }
    });
  }
  state.cleanup = [];
}

function route() {
  if (!api.key.get()) {
    signOut();
    return;
  }
  teardownView();
  $('#app-error').hidden = true;
  const hash = location.hash || '#/jobs';
  const view = $('#view');
  view.replaceChildren();
  document.querySelectorAll('#nav a').forEach((a) => {
    a.toggleAttribute('aria-current', hash.startsWith(`#/${a.dataset.section}`));
  });
  let m;
  if ((m = hash.match(/^#\/jobs\/([A-Za-z0-9_-]+)$/))) {
    jobView(view, m[1]);
  } else if (hash.startsWith('#/models')) {
    modelsView(view);
  } else {
    jobsView(view);
  }
}

// ---- jobs ------------------------------------------------------------------------------------

function jobsView(view) {
  const params = new URLSearchParams((location.hash.split('?')[1]) || '');
  const filter = { type: params.get('type') || '', status: params.get('status') || '', items: params.get('items') === '1' };
  const rows = new Map();
  let cursor = null;

  const typeSelect = h('select', { id: 'filter-type', name: 'type' }, h('option', { value: '' }, 'all types'),
    TYPES.map((t) => h('option', { value: t, selected: t === filter.type }, t)));
  const statusSelect = h('select', { id: 'filter-status', name: 'status' }, h('option', { value: '' }, 'all statuses'),
    STATUSES.map((s) => h('option', { value: s, selected: s === filter.status }, s)));
  const itemsBox = h('input', { type: 'checkbox', id: 'filter-items', checked: filter.items });
  const form = h('form.filters', { role: 'search', 'aria-label': 'Filter jobs' },
    h('label', { for: 'filter-type' }, 'Type'), typeSelect,
    h('label', { for: 'filter-status' }, 'Status'), statusSelect,
    h('label.check', {}, itemsBox, ' catalogue items'));
  form.addEventListener('change', () => {
    const q = new URLSearchParams();
    if (typeSelect.value) q.set('type', typeSelect.value);
    if (statusSelect.value) q.set('status', statusSelect.value);
    if (itemsBox.checked) q.set('items', '1');
    location.hash = `#/jobs${[...q].length ? `?${q}` : ''}`;
  });

  const tbody = h('tbody', { id: 'jobs-body' });
  const empty = h('p.empty', { hidden: true }, 'No jobs yet. Submit one with POST /v1/jobs or rayform convert.');
  const more = h('button', { type: 'button', hidden: true, onclick: () => load(false) }, 'Load more');
  const table = h('table.jobs', { id: 'jobs' },
    h('caption.visually-hidden', {}, 'Jobs, newest first'),
    h('thead', {}, h('tr', {}, ['Job', 'Type', 'Status', 'Progress', 'Stage', 'Created', 'Time'].map((c) => h('th', { scope: 'col' }, c)))),
    tbody);
  view.append(h('section.card', { 'aria-labelledby': 'jobs-title' }, h('div.card-head', {}, h('h2', { id: 'jobs-title' }, 'Jobs'), form),
    h('div.scroll', {}, table), empty, more));

  const matches = (job) => (!filter.type || job.type === filter.type) && (!filter.status || job.status === filter.status)
    && (filter.items || !job.parentId);

  function row(job) {
    // The first cell (the links) stays put, so focus and clicks survive live updates of the rest.
    const tr = h('tr', { dataset: { job: job.id } },
      h('td', {}, h('a', { href: `#/jobs/${job.id}` }, job.id), job.parentId ? h('div.sub', {}, 'item of ', h('a', { href: `#/jobs/${job.parentId}` }, job.parentId)) : null));
    rows.set(job.id, { tr, job, seq: -1 });
    fill(tr, job);
    return tr;
  }

  function fill(tr, job) {
    const pct = Math.round((job.progress || 0) * 100);
    tr.dataset.status = job.status;
    while (tr.children.length > 1) tr.lastElementChild.remove();
    tr.append(
      h('td', {}, job.type),
      h('td', {}, badge(job.status)),
      h('td.progress-cell', {}, progressBar(job), h('span.pct', {}, `${pct}%`)),
      h('td.stage', {}, job.error ? h('span.error', {}, `${job.error.code}: ${job.error.message}`) : (job.stage || '')),
      h('td.nowrap', {}, when(job.createdAt)),
      h('td.nowrap', {}, duration(job)));
  }

  async function load(reset) {
    try {
      const page = await api.jobs.list({ type: filter.type, status: filter.status, limit: PAGE, cursor: reset ? null : cursor });
      if (reset) {
        rows.clear();
        tbody.replaceChildren();
      }
      for (const job of page.data) {
        if (matches(job) && !rows.has(job.id)) {
          tbody.append(row(job));
        }
      }
      cursor = page.nextCursor;
      more.hidden = !cursor;
      empty.hidden = rows.size > 0;
    } catch (e) {
      showError(e);
    }
  }

  const pending = new Set();
  const unlisten = listen({
    onEvent: (e) => {
      const known = rows.get(e.jobId);
      if (known) {
        if (e.seq <= known.seq) {
          return;
        }
        known.seq = e.seq;
        Object.assign(known.job, { status: e.status, progress: e.progress, stage: e.stage });
        if (e.type === 'job.started') known.job.startedAt = e.at;
        if (FINISHED.has(e.status)) {
          known.job.finishedAt = known.job.finishedAt || e.at;
          // Errors, results and times come with the job record.
          api.jobs.get(e.jobId).then((j) => { known.job = j; fill(known.tr, j); }).catch(() => {});
        }
        if (filter.status && e.status !== filter.status) {
          known.tr.classList.add('stale');
        }
        fill(known.tr, known.job);
      } else if (!pending.has(e.jobId)) {
        // A job this page does not show yet (a new one): newest first, so it goes on top.
        pending.add(e.jobId);
        api.jobs.get(e.jobId).then((job) => {
          if (matches(job) && !rows.has(job.id)) {
            const tr = row(job);
            tr.classList.add('new');
            tbody.prepend(tr);
            empty.hidden = true;
          }
        }).catch(() => {}).finally(() => pending.delete(e.jobId));
      }
    },
    onResync: () => load(true),
  });
  const ticker = setInterval(() => rows.forEach(({ tr, job }) => {
    if (job.status === 'running') tr.lastElementChild.textContent = duration(job);
  }), 1000);
  state.cleanup.push(unlisten, () => clearInterval(ticker));
  load(true);
}

// ---- one job ---------------------------------------------------------------------------------

function jobView(view, id) {
  const blobs = [];
  state.cleanup.push(() => blobs.forEach((u) => URL.revokeObjectURL(u)));
  const head = h('div.card-head');
  const summary = h('dl.facts');
  const progress = h('div.job-progress');
  const card = h('section.card', { id: 'job', 'aria-labelledby': 'job-title' }, head, progress, summary);
  const sections = h('div.sections');
  view.append(h('p', {}, h('a', { href: '#/jobs' }, '← Jobs')), card, sections);
  let job = null;
  let artifactsShown = false;

  function render() {
    const actions = [];
    if (!FINISHED.has(job.status) && !job.cancelRequested) {
      actions.push(h('button.secondary', { type: 'button', onclick: () => api.jobs.cancel(job.id).then(refresh).catch(showError) }, 'Cancel'));
    }
    head.replaceChildren(h('h2', { id: 'job-title' }, `${job.type} job `, h('code', {}, job.id)), badge(job.status), ...actions);
    const pct = Math.round((job.progress || 0) * 100);
    progress.replaceChildren(progressBar(job), h('span.pct', { id: 'job-pct' }, `${pct}%`), h('span.stage', {}, job.stage || ''));
    const facts = [['Created', when(job.createdAt)], ['Started', when(job.startedAt)], ['Finished', when(job.finishedAt)],
      ['Run time', duration(job)], ['Attempts', `${job.attempts} of ${job.maxAttempts}`]];
    if (job.parentId) facts.push(['Catalogue', h('a', { href: `#/jobs/${job.parentId}` }, job.parentId)]);
    if (job.error) facts.push(['Error', h('span.error', {}, `${job.error.code}: ${job.error.message}`)]);
    summary.replaceChildren(...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
      h('dt', {}, 'Input'), h('dd', {}, h('code.json', {}, JSON.stringify(job.input))),
      h('dt', {}, 'Options'), h('dd', {}, h('code.json', {}, JSON.stringify(job.options))),
      ...(job.result ? [h('dt', {}, 'Result'), h('dd', {}, resultView(job.result))] : []));
  }

  function resultView(result) {
    const model = result.model;
    return h('div', {}, model ? h('p', {}, 'Model ', h('a', { href: '#/models' }, h('code', {}, model))) : null,
      h('details', {}, h('summary', {}, 'JSON'), h('pre', {}, JSON.stringify(result, null, 2))));
  }

  async function refresh() {
    try {
      job = await api.jobs.get(id);
      render();
      if (job.status === 'succeeded' && !artifactsShown) {
        artifactsShown = true;
        artifactsSection(sections, job.id, blobs, 'Artifacts');
      }
    } catch (e) {
      if (e instanceof api.ApiError && e.status === 404) {
        card.replaceChildren(h('h2', {}, 'No such job'), h('p', {}, `There is no job ${id} for this key.`));
        return;
      }
      showError(e);
    }
  }

  const log = h('ol.events', { id: 'job-events', reversed: true });
  let plots = null;
  const stream = new EventStream({
    job: id,
    since: 0,
    onEvent: (e) => {
      log.prepend(h('li', {}, h('time', { datetime: e.at }, when(e.at)), ' ', h('code', {}, e.type), ' ',
        `${Math.round(e.progress * 100)}% ${e.stage || ''}${e.message ? ` - ${e.message}` : ''}`));
      while (log.children.length > 200) log.lastElementChild.remove();
      if (plots && e.data && typeof e.data.step === 'number') {
        if (typeof e.data.loss === 'number') plots.loss.add(e.data.step, e.data.loss);
        if (typeof e.data.val_iou === 'number') plots.iou.add(e.data.step, e.data.val_iou);
        if (typeof e.data.train_ray_iou === 'number') plots.trainRays.add(e.data.step, e.data.train_ray_iou);
        if (typeof e.data.val_ray_iou === 'number') plots.valRays.add(e.data.step, e.data.val_ray_iou);
      }
      if (job) {
        Object.assign(job, { status: e.status, progress: e.progress, stage: e.stage });
        render();
      }
      if (FINISHED.has(e.status) || e.type === 'job.started') {
        refresh();
      }
    },
  });
  state.cleanup.push(() => stream.close());

  (async () => {
    await refresh();
    if (!job) return;
    if (job.type === 'train') {
      const box = h('div.plots');
      sections.append(h('section.card', { 'aria-labelledby': 'train-title' }, h('h3', { id: 'train-title' }, 'Training'), box));
      plots = {
        loss: new LinePlot(box, { title: 'Training loss', xLabel: 'step', className: 'plot-loss' }),
        iou: new LinePlot(box, { title: 'Validation IoU', xLabel: 'step', yMin: 0, className: 'plot-iou' }),
        trainRays: new LinePlot(box, { title: 'Ray IoU, fixed training views', xLabel: 'step', yMin: 0, yMax: 1, className: 'plot-ray-train' }),
        valRays: new LinePlot(box, { title: 'Ray IoU, held-out views', xLabel: 'step', yMin: 0, yMax: 1, className: 'plot-ray-val' }),
      };
    }
    if (job.type === 'catalog') {
      itemsSection(sections, job.id, blobs);
    }
    sections.append(h('section.card', { 'aria-labelledby': 'events-title' }, h('h3', { id: 'events-title' }, 'Events'), log));
    stream.start();
  })();
}

/** A job's artifacts: download buttons, a preview image, and the 3D viewer for meshes. */
async function artifactsSection(parent, jobId, blobs, title) {
  const list = h('ul.artifacts', { id: 'artifacts' });
  const preview = h('div.preview');
  parent.prepend(h('section.card', { 'aria-labelledby': 'artifacts-title' }, h('h3', { id: 'artifacts-title' }, title), preview, list));
  try {
    const { data } = await api.jobs.artifacts(jobId);
    if (!data.length) {
      list.append(h('li', {}, 'No artifacts.'));
    }
    const meshes = data.filter((a) => meshFormat(a.name));
    for (const a of data) {
      list.append(h('li', { dataset: { artifact: a.name } }, h('code', {}, a.name), ' ', h('span.sub', {}, `${bytes(a.size)}, ${a.contentType}`), ' ',
        h('button.link', { type: 'button', onclick: () => download(jobId, a.name, blobs) }, 'Download'),
        meshFormat(a.name) ? h('button.small', { type: 'button', dataset: { view: a.name }, onclick: () => openViewer(jobId, meshes, a.name) }, 'View in 3D') : null));
    }
    if (data.some((a) => a.name === 'preview.png')) {
      const url = await api.artifactBlobUrl(jobId, 'preview.png');
      blobs.push(url);
      preview.append(h('img', { src: url, alt: `Preview of ${jobId}`, width: 256, height: 256 }));
    }
  } catch (e) {
    showError(e);
  }
}

function meshFormat(name) {
  return /\.(glb|gltf|obj|ply)$/i.test(name);
}

async function download(jobId, name, blobs) {
  try {
    const url = await api.artifactBlobUrl(jobId, name);
    blobs.push(url);
    const a = h('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
  } catch (e) {
    showError(e);
  }
}

/** A catalogue's items as a grid of previews, updated live; a click opens the item's mesh. */
function itemsSection(parent, jobId, blobs) {
  const grid = h('ul.items', { id: 'items' });
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  const count = h('span.sub');
  parent.append(h('section.card', { 'aria-labelledby': 'items-title' }, h('div.card-head', {}, h('h3', { id: 'items-title' }, 'Items'), count), grid, more));
  const cards = new Map();
  let cursor = null;
  const queue = [];
  let active = 0;

  function pump() {
    while (active < 4 && queue.length) {
      const [item, img, name] = queue.shift();
      active++;
      api.artifactBlobUrl(item.id, name).then((url) => {
        blobs.push(url);
        img.src = url;
      }).catch(() => img.replaceWith(h('span.noimg', {}, name === 'input.png' ? 'no photo' : 'no preview'))).finally(() => {
        active--;
        pump();
      });
    }
  }

  function fill(card, item) {
    const label = (item.result && (item.result.sku || item.result.name)) || item.id;
    // The photo as the network saw it (background faded) beside the coloured mesh: a merchant judges each at a glance.
    const photo = h('img.photo', { alt: `Photo of ${label}`, width: 120, height: 120 });
    const img = h('img', { alt: `Preview of ${label}`, width: 120, height: 120 });
    const figure = item.status === 'succeeded' ? h('span.pair', {}, photo, img) : h('div.placeholder', {}, progressBar(item));
    card.dataset.status = item.status;
    card.replaceChildren(h('button.item', {
      type: 'button', disabled: item.status !== 'succeeded', 'aria-label': `Open ${label} in 3D`,
      onclick: async () => {
        try {
          const { data } = await api.jobs.artifacts(item.id);
          const meshes = data.filter((a) => meshFormat(a.name));
          if (meshes.length) openViewer(item.id, meshes, meshes[0].name);
        } catch (e) {
          showError(e);
        }
      },
    }, figure, h('span.label', {}, label), badge(item.status), item.error ? h('span.error', {}, item.error.code) : null));
    if (item.status === 'succeeded') {
      queue.push([item, photo, 'input.png'], [item, img, 'preview.png']);
      pump();
    }
  }

  async function load() {
    try {
      const page = await api.jobs.items(jobId, { limit: 100, cursor });
      for (const item of page.data) {
        if (!cards.has(item.id)) {
          const card = h('li', { dataset: { item: item.id } });
          cards.set(item.id, card);
          grid.append(card);
          fill(card, item);
        }
      }
      cursor = page.nextCursor;
      more.hidden = !cursor;
      count.textContent = `${cards.size}${cursor ? '+' : ''} items`;
    } catch (e) {
      showError(e);
    }
  }
  more.addEventListener('click', load);
  state.cleanup.push(listen({
    onEvent: (e) => {
      const card = cards.get(e.jobId);
      if (card && card.dataset.status !== e.status) {
        api.jobs.get(e.jobId).then((item) => fill(card, item)).catch(() => {});
      } else if (card) {
        const bar = card.querySelector('progress');
        if (bar) bar.value = Math.round(e.progress * 100);
      } else if (e.type === 'job.queued') {
        api.jobs.get(e.jobId).then((j) => {
          if (j.parentId === jobId && !cards.has(j.id)) {
            const c = h('li', { dataset: { item: j.id } });
            cards.set(j.id, c);
            grid.append(c);
            fill(c, j);
          }
        }).catch(() => {});
      }
    },
    onResync: () => { cursor = null; load(); },
  }));
  load();
}

// ---- the 3D viewer ---------------------------------------------------------------------------

let viewerModule = null;

async function openViewer(jobId, meshes, name) {
  const dialog = $('#viewer-dialog') || document.body.appendChild(h('dialog', { id: 'viewer-dialog', 'aria-labelledby': 'viewer-title' }));
  const stage = h('div.viewer', { id: 'viewer', dataset: { state: 'loading' } });
  const status = h('p.sub', { role: 'status' }, `Loading ${name}…`);
  const picker = meshes.length > 1 ? h('select', { 'aria-label': 'Mesh file' }, meshes.map((m) => h('option', { value: m.name, selected: m.name === name }, m.name))) : null;
  const close = h('button.secondary', { type: 'button', id: 'viewer-close' }, 'Close');
  dialog.replaceChildren(h('div.card-head', {}, h('h2', { id: 'viewer-title' }, name, ' ', h('span.sub', {}, jobId)), picker, close), stage, status,
    h('p.sub', {}, 'Drag to orbit, right-drag to pan, scroll to zoom.'));
  let viewer = null;
  const shut = () => {
    if (viewer) viewer.dispose();
    viewer = null;
    if (dialog.open) dialog.close();
  };
  close.addEventListener('click', shut);
  dialog.addEventListener('close', shut, { once: true });
  if (!dialog.open) dialog.showModal();

  async function show(file) {
    stage.dataset.state = 'loading';
    status.textContent = `Loading ${file}…`;
    try {
      viewerModule = viewerModule || (await import('./viewer.js'));
      const buffer = await api.artifactBuffer(jobId, file);
      if (!viewer) viewer = new viewerModule.MeshViewer(stage);
      const facts = await viewer.show(buffer, viewerModule.formatOf(file));
      stage.dataset.state = 'ready';
      stage.dataset.vertices = String(facts.vertices);
      status.textContent = `${file}: ${facts.vertices.toLocaleString()} vertices, ${Math.round(facts.faces).toLocaleString()} faces`;
    } catch (e) {
      stage.dataset.state = 'error';
      status.textContent = `Could not show ${file}: ${e.message}`;
      status.classList.add('error');
      if (e instanceof api.Unauthorized) showError(e);
    }
  }
  if (picker) picker.addEventListener('change', () => show(picker.value));
  await show(name);
}

// ---- models ----------------------------------------------------------------------------------

function modelsView(view) {
  const tbody = h('tbody', { id: 'models-body' });
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  const empty = h('p.empty', { hidden: true }, 'No models yet: a train job registers one.');
  view.append(h('section.card', { 'aria-labelledby': 'models-title' }, h('h2', { id: 'models-title' }, 'Models'),
    h('div.scroll', {}, h('table.models', { id: 'models' }, h('caption.visually-hidden', {}, 'Models and their metrics'),
      h('thead', {}, h('tr', {}, ['Model', 'Name', 'Architecture', 'Preset', 'Metrics', 'Trained by', 'Created'].map((c) => h('th', { scope: 'col' }, c)))),
      tbody)), empty, more));
  let cursor = null;
  async function load() {
    try {
      const page = await api.models.list({ limit: PAGE, cursor });
      for (const m of page.data) {
        const metrics = Object.entries(m.metrics || {});
        tbody.append(h('tr', { dataset: { model: m.id } },
          h('td', {}, h('code', {}, m.id), m.shared ? h('span.badge', {}, 'shared') : null),
          h('td', {}, m.name || ''), h('td', {}, m.arch || ''), h('td', {}, m.preset || ''),
          h('td', {}, metrics.length ? h('dl.metrics', {}, metrics.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, typeof v === 'object' ? JSON.stringify(v) : number(v))])) : ''),
          h('td', {}, m.jobId ? h('a', { href: `#/jobs/${m.jobId}` }, m.jobId) : ''),
          h('td.nowrap', {}, when(m.createdAt))));
      }
      cursor = page.nextCursor;
      more.hidden = !cursor;
      empty.hidden = tbody.children.length > 0;
    } catch (e) {
      showError(e);
    }
  }
  more.addEventListener('click', load);
  load();
}

// ---- start -----------------------------------------------------------------------------------

$('#key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const key = $('#key-input').value.trim();
  if (!key) {
    const error = $('#key-error');
    error.textContent = 'Enter an API key.';
    error.hidden = false;
    return;
  }
  signIn(key);
});
$('#signout').addEventListener('click', () => signOut());
window.addEventListener('hashchange', () => {
  if (api.key.get()) route();
});
window.addEventListener('unhandledrejection', (e) => showError(e.reason));

if (api.key.get()) {
  signIn(api.key.get());
} else {
  signOut();
}
