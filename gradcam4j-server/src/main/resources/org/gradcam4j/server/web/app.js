// The explain page: every map arrives once, as a grey PNG (and floats for the .npy download); opacity
// and colour map are applied here, on canvases, without asking the server again.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const state = {
    token: sessionStorage.getItem('gradcam4j-token') || tokenFromHash(),
    model: null, details: null, image: null, imageName: 'image', target: null,
    colormaps: {}, results: [], pending: 0, seq: 0,
  };

  function tokenFromHash() {
    const m = /token=([^&]+)/.exec(location.hash);
    return m ? decodeURIComponent(m[1]) : null;
  }

  async function api(path, options) {
    options = options || {};
    const headers = Object.assign({}, options.headers || {});
    if (state.token) headers['Authorization'] = 'Bearer ' + state.token;
    const r = await fetch(path, Object.assign({}, options, { headers }));
    if (r.status === 401) {
      const t = prompt('This server needs a token:');
      if (t) {
        state.token = t;
        sessionStorage.setItem('gradcam4j-token', t);
        return api(path, options);
      }
    }
    let body = null;
    try { body = await r.json(); } catch (e) { body = { error: 'HTTP ' + r.status }; }
    if (!r.ok) {
      const err = new Error(body && body.error ? body.error : 'HTTP ' + r.status);
      err.status = r.status;
      err.retryAfter = Number(r.headers.get('Retry-After') || 0);
      throw err;
    }
    return body;
  }

  function status(text) { $('status').textContent = text; }
  function message(text) { $('message').textContent = text || ''; }

  // ---------------------------------------------------------------- models

  async function loadModels() {
    const list = (await api('/v1/models')).models;
    const select = $('model');
    const chosen = select.value || (state.model && state.model.name);
    select.innerHTML = '';
    for (const m of list) {
      const o = document.createElement('option');
      o.value = m.name;
      o.textContent = m.name + (m.ready ? '' : ' (' + m.state + ')');
      select.appendChild(o);
    }
    if (chosen) select.value = chosen;
    const m = list.find((x) => x.name === select.value) || list[0];
    state.model = m;
    $('progress').textContent = m.ready ? '' : m.state + ': ' + m.progress;
    if (m.state === 'failed') {
      status('model failed');
      message(m.error || 'the model could not be loaded');
      return;
    }
    if (!m.ready) {
      status('loading ' + m.name + '…');
      setTimeout(loadModels, 400);
      return;
    }
    await loadDetails(m.name);
  }

  async function loadDetails(name) {
    const d = await api('/v1/models/' + encodeURIComponent(name));
    state.details = d;
    const layer = $('layer');
    layer.innerHTML = '';
    for (const l of d.layers) {
      const o = document.createElement('option');
      o.value = l.default ? '' : l.name;
      o.textContent = l.name + ' [' + l.shape.join('×') + ']' + (l.default ? ' (default)' : '');
      if (l.default) o.selected = true;
      layer.appendChild(o);
    }
    const methods = $('methods');
    const checked = new Set(Array.from(methods.querySelectorAll('input:checked')).map((i) => i.value));
    if (checked.size === 0) checked.add('gradcam');
    methods.innerHTML = '';
    for (const name of d.methods) {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = name;
      box.dataset.method = name;
      box.checked = checked.has(name);
      box.addEventListener('change', () => explain());
      label.appendChild(box);
      label.appendChild(document.createTextNode(' ' + name));
      methods.appendChild(label);
    }
    status(name + ' ready');
    $('status').dataset.ready = 'true';
    state.target = null;
    if (state.image) explain();
  }

  // ---------------------------------------------------------------- images

  function readFile(file) {
    if (!file) return;
    if (!/^image\/(png|jpeg)$/.test(file.type) && !/\.(png|jpe?g)$/i.test(file.name || '')) {
      message('Choose a PNG or JPEG image (got ' + (file.type || file.name) + ')');
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      state.image = String(reader.result).replace(/^data:[^,]*,/, '');
      state.imageName = (file.name || 'pasted').replace(/\.[^.]*$/, '') || 'image';
      state.target = null;
      explain();
    };
    reader.readAsDataURL(file);
  }

  async function loadSamples() {
    const list = (await api('/v1/samples')).samples;
    const box = $('samples');
    for (const s of list) {
      const img = document.createElement('img');
      img.alt = s.name + ' (' + s.shape + ')';
      img.title = s.shape;
      img.dataset.sample = s.name;
      img.addEventListener('click', async () => {
        const r = await fetch(s.url, { headers: state.token ? { Authorization: 'Bearer ' + state.token } : {} });
        readFile(new File([await r.blob()], s.name + '.png', { type: 'image/png' }));
      });
      fetch(s.url, { headers: state.token ? { Authorization: 'Bearer ' + state.token } : {} })
        .then((r) => r.blob()).then((b) => { img.src = URL.createObjectURL(b); });
      box.appendChild(img);
    }
  }

  // ---------------------------------------------------------------- explaining

  async function explain() {
    if (!state.image || !state.details) return;
    const methods = Array.from($('methods').querySelectorAll('input:checked')).map((i) => i.value);
    if (methods.length === 0) { message('Choose at least one method'); return; }
    const seq = ++state.seq;
    const parameters = {
      methods, top_k: 5, outputs: ['png', 'floats', 'input'],
      counterfactual: $('counterfactual').checked,
    };
    if ($('layer').value) parameters.layer = $('layer').value;
    if (state.target !== null) parameters.target = state.target;
    const body = { instances: [{ image_bytes: { b64: state.image }, name: state.imageName }], parameters };
    status('explaining…');
    $('results').dataset.busy = 'true';
    message('');
    const t0 = performance.now();
    try {
      const r = await api('/v1/models/' + encodeURIComponent(state.details.name) + ':explain', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      if (seq !== state.seq) return;
      const roundTrip = performance.now() - t0;
      await show(r, roundTrip);
      status(state.details.name + ' ready');
    } catch (e) {
      if (seq !== state.seq) return;
      message(e.message);
      status('error');
      if (e.status === 503 && e.retryAfter) setTimeout(explain, e.retryAfter * 1000);
    } finally {
      if (seq === state.seq) delete $('results').dataset.busy;
    }
  }

  function decodePng(b64) {
    return new Promise((resolve, reject) => {
      const img = new Image();
      img.onload = () => {
        const c = document.createElement('canvas');
        c.width = img.width; c.height = img.height;
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        resolve(g.getImageData(0, 0, img.width, img.height));
      };
      img.onerror = () => reject(new Error('cannot decode a PNG from the server'));
      img.src = 'data:image/png;base64,' + b64;
    });
  }

  async function show(r, roundTrip) {
    const pred = r.predictions[0];
    const targets = $('targets');
    targets.innerHTML = '';
    const explained = r.explanations[0].target_class;
    for (const t of pred.top) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.dataset.class = t.class;
      b.innerHTML = '';
      b.appendChild(document.createTextNode(t.label));
      const s = document.createElement('span');
      s.className = 'score';
      s.textContent = t.score.toFixed(3);
      b.appendChild(s);
      if (t.class === explained) b.classList.add('chosen');
      b.addEventListener('click', () => { state.target = t.class; explain(); });
      li.appendChild(b);
      targets.appendChild(li);
    }
    const input = await decodePng(pred.input_png);
    const results = [];
    for (const e of r.explanations) {
      results.push({ e, input, grey: await decodePng(e.map_png) });
    }
    state.results = results;
    const box = $('results');
    box.innerHTML = '';
    for (const item of results) box.appendChild(card(item));
    repaint();
    const t = r.timing_ms;
    $('timing').textContent = 'explained in ' + t.explain.toFixed(1) + ' ms (decode ' + t.decode.toFixed(1)
      + ', encode ' + t.encode.toFixed(1) + '; server ' + t.request.toFixed(1) + ' ms, round trip '
      + roundTrip.toFixed(0) + ' ms)';
    box.dataset.count = String(results.length);
  }

  function card(item) {
    const e = item.e;
    const div = document.createElement('div');
    div.className = 'map-card';
    div.dataset.method = e.method;
    div.dataset.targetClass = e.target_class;
    const h = document.createElement('h3');
    h.textContent = e.method;
    div.appendChild(h);
    const canvas = document.createElement('canvas');
    canvas.width = e.width; canvas.height = e.height;
    div.appendChild(canvas);
    item.canvas = canvas;
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = (e.counterfactual ? 'against ' : '') + (e.target_label || e.target) + ' ('
      + e.target_score.toFixed(3) + ')' + (e.layer ? ' · layer ' + e.layer : '');
    div.appendChild(meta);
    if (e.note) {
      const n = document.createElement('div');
      n.className = 'note';
      n.textContent = e.note;
      div.appendChild(n);
    }
    const dl = document.createElement('div');
    dl.className = 'downloads';
    const stem = state.imageName + '.' + e.method.replace(/[^A-Za-z0-9+_-]/g, '_');
    const png = link('PNG', stem + '.png', 'download-png');
    png.addEventListener('click', () => { png.href = canvas.toDataURL('image/png'); });
    dl.appendChild(png);
    dl.appendChild(link('.npy', stem + '.npy', 'download-npy',
      URL.createObjectURL(new Blob([npy(e.map.shape, e.map.data)], { type: 'application/octet-stream' }))));
    const meta2 = Object.assign({}, e);
    delete meta2.map_png;
    dl.appendChild(link('JSON', stem + '.json', 'download-json',
      URL.createObjectURL(new Blob([JSON.stringify(meta2, null, 1)], { type: 'application/json' }))));
    div.appendChild(dl);
    return div;
  }

  function link(text, file, cls, href) {
    const a = document.createElement('a');
    a.textContent = text;
    a.download = file;
    a.className = cls;
    a.href = href || '#';
    return a;
  }

  // A NumPy .npy file (format 1.0) of float32 values, little-endian.
  function npy(shape, data) {
    let header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape.join(', ')
      + (shape.length === 1 ? ',' : '') + '), }';
    const total = 10 + header.length + 1;
    header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
    const buf = new ArrayBuffer(10 + header.length + 4 * data.length);
    const bytes = new Uint8Array(buf);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    new DataView(buf).setUint16(8, header.length, true);
    for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
    const view = new DataView(buf, 10 + header.length);
    for (let i = 0; i < data.length; i++) view.setFloat32(4 * i, data[i], true);
    return buf;
  }

  // ---------------------------------------------------------------- colouring, in the browser

  function repaint() {
    const opacity = Number($('opacity').value);
    $('opacity-value').textContent = opacity.toFixed(2);
    const lut = state.colormaps[$('colormap').value];
    if (!lut) return;
    for (const item of state.results) {
      const { input, grey, canvas } = item;
      const g = canvas.getContext('2d');
      const out = g.createImageData(canvas.width, canvas.height);
      const n = canvas.width * canvas.height;
      for (let i = 0; i < n; i++) {
        const level = grey.data[4 * i];
        for (let c = 0; c < 3; c++) {
          out.data[4 * i + c] = Math.round((1 - opacity) * input.data[4 * i + c] + opacity * lut[3 * level + c]);
        }
        out.data[4 * i + 3] = 255;
      }
      g.putImageData(out, 0, 0);
    }
    $('results').dataset.painted = String(Number($('results').dataset.painted || 0) + 1);
  }

  async function loadColormaps() {
    const maps = await api('/v1/colormaps');
    const select = $('colormap');
    for (const [name, hex] of Object.entries(maps)) {
      const lut = new Uint8Array(256 * 3);
      for (let i = 0; i < 256 * 3; i++) lut[i] = parseInt(hex.substr(2 * i, 2), 16);
      state.colormaps[name] = lut;
      const o = document.createElement('option');
      o.value = name; o.textContent = name;
      select.appendChild(o);
    }
    select.value = maps.jet ? 'jet' : Object.keys(maps)[0];
  }

  // ---------------------------------------------------------------- wiring

  $('file').addEventListener('change', (ev) => readFile(ev.target.files[0]));
  const drop = $('drop');
  drop.addEventListener('dragover', (ev) => { ev.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (ev) => {
    ev.preventDefault();
    drop.classList.remove('over');
    readFile(ev.dataTransfer.files[0]);
  });
  document.addEventListener('paste', (ev) => {
    for (const item of (ev.clipboardData || {}).items || []) {
      if (item.type.startsWith('image/')) { readFile(item.getAsFile()); ev.preventDefault(); return; }
    }
  });
  $('model').addEventListener('change', () => { state.details = null; loadModels().catch((e) => message(e.message)); });
  $('layer').addEventListener('change', () => explain());
  $('counterfactual').addEventListener('change', () => explain());
  $('opacity').addEventListener('input', repaint);
  $('colormap').addEventListener('change', repaint);

  (async () => {
    try {
      await loadColormaps();
      await loadSamples();
      await loadModels();
    } catch (e) {
      message(e.message);
      status('error');
    }
  })();
})();
