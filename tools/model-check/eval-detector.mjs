// Evaluates a YOLOv8-layout detector on clips with MOTChallenge ground truth.
// usage: node eval-detector.mjs --model ../../models/demo-detector.onnx [--every 3] [--conf 0.25] [--nms 0.45]
//          [--resize bilinear|area|neighbor|bicubic] [--threads 1] [--max-frames N] [--verbose] clip.mp4 ...
// Ground truth is <clip>.gt.txt next to each clip (class = class id + 1). A detection matches a ground-truth row of
// its class at IoU >= 0.5; rows with visibility < 0.5 (or conf 0) are ignored both ways: they are not counted as
// misses, and a detection that matches none but overlaps one of them at IoU >= 0.5 is not a false positive.
import ort from 'onnxruntime-node';
import { parseArgs, probeSize, letterboxGeometry, decodeFrames, letterboxTensor, decodeYolo, nms, iou, readGroundTruth } from './common.mjs';

const args = parseArgs(process.argv.slice(2), { model: '../../models/demo-detector.onnx', every: '3', conf: '0.25', nms: '0.45', resize: 'bilinear', threads: '1' });
const every = Number(args.every), conf = Number(args.conf), nmsIou = Number(args.nms);
const session = await ort.InferenceSession.create(args.model, { intraOpNumThreads: Number(args.threads), interOpNumThreads: 1, graphOptimizationLevel: 'all' });
const names = ['person', 'bicycle', 'car', 'truck'];
const rows = [];
for (const clip of args._) {
  const gt = readGroundTruth(clip.replace(/\.(mp4|mkv|ts)$/, '.gt.txt'));
  const { width, height } = probeSize(clip);
  const geo = letterboxGeometry(width, height);
  const input = new Float32Array(3 * 640 * 640);
  const s = { tp: 0, fp: 0, fn: 0, ignored: 0, frames: 0, ms: 0, iouSum: 0, perClass: names.map(() => ({ tp: 0, fp: 0, fn: 0 })) };
  const misses = [], falses = [];
  for await (const frame of decodeFrames(clip, { every, width: geo.nw, height: geo.nh, flags: args.resize, maxFrames: Number(args['max-frames'] ?? Infinity) })) {
    letterboxTensor(frame.rgb, geo, input);
    const t0 = performance.now();
    const out = await session.run({ images: new ort.Tensor('float32', input, [1, 3, 640, 640]) });
    s.ms += performance.now() - t0;
    s.frames++;
    const o = out.output0 ?? Object.values(out)[0];
    const dets = nms(decodeYolo(o.data, o.dims, conf, geo), nmsIou);
    const truth = gt.get(frame.index + 1) ?? [];
    const valid = truth.filter(g => g.vis >= 0.5 && g.conf !== 0);
    const ignored = truth.filter(g => !(g.vis >= 0.5 && g.conf !== 0));
    const pairs = [];
    dets.forEach((d, i) => valid.forEach((g, j) => { if (d.cls === g.cls) { const v = iou(d, g); if (v >= 0.5) pairs.push([v, i, j]); } }));
    pairs.sort((a, b) => b[0] - a[0]);
    const dUsed = new Set(), gUsed = new Set();
    for (const [v, i, j] of pairs) {
      if (dUsed.has(i) || gUsed.has(j)) continue;
      dUsed.add(i); gUsed.add(j); s.tp++; s.iouSum += v; s.perClass[valid[j].cls].tp++;
    }
    dets.forEach((d, i) => {
      if (dUsed.has(i)) return;
      if (ignored.some(g => g.cls === d.cls && iou(d, g) >= 0.5)) { s.ignored++; return; }
      s.fp++; s.perClass[d.cls].fp++;
      falses.push(`frame ${frame.index + 1} FP ${names[d.cls]} ${[d.x1, d.y1, d.x2, d.y2].map(v => v.toFixed(0)).join(',')} score ${d.score.toFixed(2)} best-iou ${Math.max(0, ...truth.map(g => iou(d, g))).toFixed(2)}`);
    });
    valid.forEach((g, j) => {
      if (gUsed.has(j)) return;
      s.fn++; s.perClass[g.cls].fn++;
      const best = dets.reduce((m, d) => Math.max(m, iou(d, g)), 0);
      misses.push(`frame ${frame.index + 1} FN id ${g.id} ${names[g.cls]} ${[g.x1, g.y1, g.x2, g.y2].join(',')} vis ${g.vis} best-iou ${best.toFixed(2)}`);
    });
  }
  const p = s.tp / Math.max(1, s.tp + s.fp), r = s.tp / Math.max(1, s.tp + s.fn);
  rows.push({ clip, size: `${width}x${height}`, frames: s.frames, tp: s.tp, fp: s.fp, fn: s.fn, precision: p.toFixed(4), recall: r.toFixed(4), meanIoU: (s.iouSum / Math.max(1, s.tp)).toFixed(3), msPerImage: (s.ms / Math.max(1, s.frames)).toFixed(1),
    perClass: s.perClass.map((c, i) => `${names[i]} ${c.tp}/${c.fp}/${c.fn}`).join(' ') });
  if (args.verbose) { for (const line of [...falses, ...misses]) console.log(line); }
}
console.log('| clip | size | frames | TP | FP | FN | precision | recall | mean IoU | ms/img | per class TP/FP/FN |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.clip.split('/').pop()} | ${r.size} | ${r.frames} | ${r.tp} | ${r.fp} | ${r.fn} | ${r.precision} | ${r.recall} | ${r.meanIoU} | ${r.msPerImage} | ${r.perClass} |`);
