// A small responsive SVG line plot (training loss, validation IoU): no library, redrawn on each point.

const SVG = 'http://www.w3.org/2000/svg';
const W = 480;
const H = 200;
const PAD = { left: 52, right: 14, top: 14, bottom: 30 };

function el(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) {
    node.setAttribute(k, v);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function format(v) {
  if (v === 0) {
    return '0';
  }
  const a = Math.abs(v);
  return a >= 1000 || a < 0.01 ? v.toExponential(1) : v.toPrecision(3);
}

export class LinePlot {
  /**
   * @param {HTMLElement} container
   * @param {{title: string, xLabel?: string, yMin?: number, yMax?: number, className?: string}} o
   */
  constructor(container, o) {
    this.o = o;
    this.points = new Map();
    this.figure = document.createElement('figure');
    this.figure.className = `plot ${o.className || ''}`;
    const caption = document.createElement('figcaption');
    caption.textContent = o.title;
    this.value = document.createElement('span');
    this.value.className = 'plot-value';
    caption.append(' ', this.value);
    this.svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': o.title });
    this.figure.append(caption, this.svg);
    container.append(this.figure);
    this.draw();
  }

  /** Adds (or replaces) the point at x. */
  add(x, y) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      return;
    }
    this.points.set(x, y);
    this.draw();
  }

  draw() {
    const svg = this.svg;
    svg.replaceChildren();
    const pts = [...this.points.entries()].sort((a, b) => a[0] - b[0]);
    this.figure.dataset.points = String(pts.length);
    const x0 = PAD.left;
    const x1 = W - PAD.right;
    const y0 = H - PAD.bottom;
    const y1 = PAD.top;
    svg.append(el('line', { x1: x0, y1: y0, x2: x1, y2: y0, class: 'axis' }), el('line', { x1: x0, y1: y0, x2: x0, y2: y1, class: 'axis' }));
    if (pts.length === 0) {
      svg.append(el('text', { x: (x0 + x1) / 2, y: (y0 + y1) / 2, 'text-anchor': 'middle', class: 'empty' }, 'no points yet'));
      this.value.textContent = '';
      return;
    }
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const xmin = Math.min(...xs);
    const xmax = Math.max(...xs);
    let ymin = this.o.yMin !== undefined ? Math.min(this.o.yMin, ...ys) : Math.min(...ys);
    let ymax = this.o.yMax !== undefined ? Math.max(this.o.yMax, ...ys) : Math.max(...ys);
    if (ymax - ymin < 1e-12) {
      ymin -= 0.5;
      ymax += 0.5;
    }
    const sx = (x) => (xmax === xmin ? (x0 + x1) / 2 : x0 + ((x - xmin) / (xmax - xmin)) * (x1 - x0));
    const sy = (y) => y0 - ((y - ymin) / (ymax - ymin)) * (y0 - y1);
    for (const t of [ymin, (ymin + ymax) / 2, ymax]) {
      svg.append(el('line', { x1: x0, y1: sy(t), x2: x1, y2: sy(t), class: 'grid' }));
      svg.append(el('text', { x: x0 - 6, y: sy(t) + 4, 'text-anchor': 'end' }, format(t)));
    }
    svg.append(el('text', { x: x0, y: H - 8, 'text-anchor': 'start' }, format(xmin)));
    svg.append(el('text', { x: x1, y: H - 8, 'text-anchor': 'end' }, format(xmax)));
    if (this.o.xLabel) {
      svg.append(el('text', { x: (x0 + x1) / 2, y: H - 8, 'text-anchor': 'middle' }, this.o.xLabel));
    }
    svg.append(el('polyline', { points: pts.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' '), class: 'line' }));
    const [lx, ly] = pts[pts.length - 1];
    svg.append(el('circle', { cx: sx(lx), cy: sy(ly), r: 3, class: 'dot' }));
    this.value.textContent = `${format(ly)} at ${lx}`;
  }
}
