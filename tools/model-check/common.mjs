// Shared helpers for the model-check scripts: ffmpeg frame decoding, Ultralytics-style letterboxing, YOLOv8 output
// decoding, class-aware NMS and MOTChallenge ground truth.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Parses `--key value` and `--flag` arguments into an object (repeated keys become arrays). */
export function parseArgs(argv, defaults = {}) {
  const out = { ...defaults, _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { out._.push(a); continue; }
    const key = a.slice(2);
    const next = argv[i + 1];
    const value = next === undefined || next.startsWith('--') ? true : (i++, next);
    if (key in out && Array.isArray(out[key])) out[key].push(value); else out[key] = value;
  }
  return out;
}

/** Width and height of the first video stream. */
export function probeSize(file) {
  const text = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file]).toString().trim();
  const [w, h] = text.split(',').map(Number);
  return { width: w, height: h };
}

/** The Ultralytics letterbox geometry for a w x h frame into size x size. */
export function letterboxGeometry(w, h, size = 640) {
  const r = Math.min(size / w, size / h);
  const nw = Math.round(w * r), nh = Math.round(h * r);
  const dw = (size - nw) / 2, dh = (size - nh) / 2;
  return { r, nw, nh, left: Math.round(dw - 0.1), top: Math.round(dh - 0.1), size };
}

/**
 * Yields { index, rgb } for every `every`-th frame (0-based index), resized by ffmpeg to the letterbox's inner size
 * with the given swscale flags (bilinear, area, neighbor, bicubic, fast_bilinear), or full size when `resize` is false.
 */
export async function* decodeFrames(file, { every = 1, width, height, flags = 'bilinear', maxFrames = Infinity }) {
  const vf = [`select='not(mod(n\\,${every}))'`];
  if (width) vf.push(`scale=${width}:${height}:flags=${flags}`);
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', file, '-an', '-sn', '-vf', vf.join(','), '-fps_mode', 'passthrough', '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1'];
  const p = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = width ? { width, height } : probeSize(file);
  const frameBytes = info.width * info.height * 3;
  let buf = Buffer.alloc(0), k = 0;
  for await (const chunk of p.stdout) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    while (buf.length >= frameBytes) {
      const frame = Buffer.from(buf.subarray(0, frameBytes));
      buf = buf.subarray(frameBytes);
      yield { index: k * every, rgb: frame, width: info.width, height: info.height };
      if (++k >= maxFrames) { p.kill(); return; }
    }
  }
}

/** Packs an rgb24 frame of the letterbox's inner size into a CHW float tensor (0..1), grey 114 around it. */
export function letterboxTensor(rgb, geo, out) {
  const { size, nw, nh, left, top } = geo;
  const plane = size * size;
  out.fill(114 / 255);
  for (let y = 0; y < nh; y++) {
    let s = y * nw * 3;
    let d = (y + top) * size + left;
    for (let x = 0; x < nw; x++, s += 3, d++) {
      out[d] = rgb[s] / 255; out[d + plane] = rgb[s + 1] / 255; out[d + 2 * plane] = rgb[s + 2] / 255;
    }
  }
  return out;
}

/** Decodes a YOLOv8 [1, 4 + C, A] output: candidates above `conf`, boxes mapped back to the frame. */
export function decodeYolo(data, dims, conf, geo) {
  const [, ch, anchors] = dims;
  const classes = ch - 4;
  const dets = [];
  for (let a = 0; a < anchors; a++) {
    let best = -1, score = conf;
    for (let c = 0; c < classes; c++) {
      const s = data[(4 + c) * anchors + a];
      if (s >= score) { score = s; best = c; }
    }
    if (best < 0) continue;
    const cx = data[a], cy = data[anchors + a], w = data[2 * anchors + a], h = data[3 * anchors + a];
    dets.push({
      cls: best, score,
      x1: (cx - w / 2 - geo.left) / geo.r, y1: (cy - h / 2 - geo.top) / geo.r,
      x2: (cx + w / 2 - geo.left) / geo.r, y2: (cy + h / 2 - geo.top) / geo.r,
    });
  }
  return dets;
}

export function iou(a, b) {
  const iw = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const ih = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  return inter / ((a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter);
}

/** Greedy class-aware NMS. */
export function nms(dets, threshold) {
  dets.sort((a, b) => b.score - a.score);
  const keep = [];
  for (const d of dets) {
    if (keep.every(k => k.cls !== d.cls || iou(k, d) <= threshold)) keep.push(d);
  }
  return keep;
}

/** MOTChallenge ground truth: Map frame(1-based) -> rows {id, x1, y1, x2, y2, cls (0-based), vis, conf}. */
export function readGroundTruth(file) {
  const frames = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const [f, id, l, t, w, h, conf, cls, vis] = line.split(',').map(Number);
    if (!frames.has(f)) frames.set(f, []);
    frames.get(f).push({ id, x1: l, y1: t, x2: l + w, y2: t + h, cls: cls - 1, vis, conf });
  }
  return frames;
}

/** id -> marked (true/false) for cars and trucks, from <clip>.attributes.csv. */
export function readAttributes(file) {
  const marked = new Map();
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const [id, , m] = line.split(',');
    if (m === '0' || m === '1') marked.set(Number(id), m === '1');
  }
  return marked;
}
