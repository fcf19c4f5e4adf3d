// Evaluates the marked/unmarked classifier on car and truck crops cut from clips by their ground-truth boxes.
// usage: node eval-classifier.mjs --model ../../models/demo-classifier.onnx [--every 3] [--jitter 0.05] [--size 64]
//          [--min-vis 0.5] [--verbose] clip.mp4 ...
// For each clip, <clip>.gt.txt gives the boxes and <clip>.attributes.csv the marked attribute. A crop is the box
// stretched to size x size (bilinear, from the full-resolution frame). --jitter moves each box edge by up to that
// share of the box size (deterministic pseudo-random), to mimic detector boxes.
import ort from 'onnxruntime-node';
import { parseArgs, decodeFrames, readGroundTruth, readAttributes } from './common.mjs';

const args = parseArgs(process.argv.slice(2), { model: '../../models/demo-classifier.onnx', every: '3', jitter: '0', size: '64', 'min-vis': '0.5', threads: '1' });
const size = Number(args.size), every = Number(args.every), jitter = Number(args.jitter), minVis = Number(args['min-vis']);
const session = await ort.InferenceSession.create(args.model, { intraOpNumThreads: Number(args.threads), graphOptimizationLevel: 'all' });
let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;

/** Bilinear stretch of the box [x1,x2) x [y1,y2) of an rgb24 frame into a CHW float block at `out[offset]`. */
function crop(rgb, width, height, box, out, offset) {
  const plane = size * size;
  const sx = (box.x2 - box.x1) / size, sy = (box.y2 - box.y1) / size;
  for (let j = 0; j < size; j++) {
    const fy = Math.min(Math.max(box.y1 + (j + 0.5) * sy - 0.5, 0), height - 1);
    const y0 = Math.floor(fy), y1 = Math.min(y0 + 1, height - 1), wy = fy - y0;
    for (let i = 0; i < size; i++) {
      const fx = Math.min(Math.max(box.x1 + (i + 0.5) * sx - 0.5, 0), width - 1);
      const x0 = Math.floor(fx), x1 = Math.min(x0 + 1, width - 1), wx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const v = (1 - wy) * ((1 - wx) * rgb[(y0 * width + x0) * 3 + c] + wx * rgb[(y0 * width + x1) * 3 + c])
          + wy * ((1 - wx) * rgb[(y1 * width + x0) * 3 + c] + wx * rgb[(y1 * width + x1) * 3 + c]);
        out[offset + c * plane + j * size + i] = v / 255;
      }
    }
  }
}

const rows = [];
for (const clip of args._) {
  const base = clip.replace(/\.(mp4|mkv|ts)$/, '');
  const gt = readGroundTruth(base + '.gt.txt');
  const marked = readAttributes(base + '.attributes.csv');
  const s = { n: 0, correct: 0, tp: 0, fp: 0, fn: 0, tn: 0, ms: 0, batches: 0 };
  const errors = [];
  for await (const frame of decodeFrames(clip, { every })) {
    const objects = (gt.get(frame.index + 1) ?? []).filter(g => (g.cls === 2 || g.cls === 3) && g.vis >= minVis && g.conf !== 0 && marked.has(g.id));
    if (!objects.length) continue;
    const input = new Float32Array(objects.length * 3 * size * size);
    objects.forEach((g, k) => {
      const w = g.x2 - g.x1, h = g.y2 - g.y1;
      const box = { x1: g.x1 + rand() * jitter * w, x2: g.x2 + rand() * jitter * w, y1: g.y1 + rand() * jitter * h, y2: g.y2 + rand() * jitter * h };
      crop(frame.rgb, frame.width, frame.height, box, input, k * 3 * size * size);
    });
    const t0 = performance.now();
    const out = await session.run({ images: new ort.Tensor('float32', input, [objects.length, 3, size, size]) });
    s.ms += performance.now() - t0; s.batches++;
    const p = (out.output0 ?? Object.values(out)[0]).data;
    objects.forEach((g, k) => {
      const predicted = p[k * 2 + 1] > p[k * 2], truth = marked.get(g.id);
      s.n++;
      if (predicted === truth) s.correct++; else errors.push(`frame ${frame.index + 1} id ${g.id} ${g.cls === 2 ? 'car' : 'truck'} vis ${g.vis} truth ${truth ? 'marked' : 'unmarked'} p(marked) ${p[k * 2 + 1].toFixed(3)}`);
      if (predicted && truth) s.tp++; else if (predicted) s.fp++; else if (truth) s.fn++; else s.tn++;
    });
  }
  rows.push(`| ${clip.split('/').pop()} | ${s.n} | ${(s.correct / Math.max(1, s.n)).toFixed(4)} | ${s.tp} | ${s.tn} | ${s.fp} | ${s.fn} | ${(s.ms / Math.max(1, s.n)).toFixed(3)} |`);
  if (args.verbose) errors.forEach(e => console.log(e));
}
console.log(`crops ${size}x${size}, every ${every}th frame, visibility >= ${minVis}, box jitter ${jitter}`);
console.log('| clip | crops | accuracy | marked ok | unmarked ok | false marked | missed marked | ms/crop |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
rows.forEach(r => console.log(r));
