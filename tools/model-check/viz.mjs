// Draws ground truth (green; grey when ignored), detections (red) and optionally the model's debug masks for a few
// frames. usage: node viz.mjs --model M --clip C --frames 28,31 [--out /tmp/viz] [--conf 0.25] [--crop x,y,w,h]
import ort from 'onnxruntime-node';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { parseArgs, probeSize, letterboxGeometry, decodeFrames, letterboxTensor, decodeYolo, nms, readGroundTruth } from './common.mjs';

const args = parseArgs(process.argv.slice(2), { conf: '0.25', out: '/tmp/viz', nms: '0.45' });
const want = new Set(String(args.frames).split(',').map(Number));
fs.mkdirSync(args.out, { recursive: true });
const session = await ort.InferenceSession.create(args.model);
const { width, height } = probeSize(args.clip);
const geo = letterboxGeometry(width, height);
const gt = readGroundTruth(args.clip.replace(/\.(mp4|mkv|ts)$/, '.gt.txt'));
const input = new Float32Array(3 * 640 * 640);
const last = Math.max(...want);
function rect(img, w, h, x1, y1, x2, y2, c) {
  x1 = Math.round(x1); y1 = Math.round(y1); x2 = Math.round(x2) - 1; y2 = Math.round(y2) - 1;
  const put = (x, y) => { if (x >= 0 && y >= 0 && x < w && y < h) { img[(y * w + x) * 3] = c[0]; img[(y * w + x) * 3 + 1] = c[1]; img[(y * w + x) * 3 + 2] = c[2]; } };
  for (let x = x1; x <= x2; x++) { put(x, y1); put(x, y2); }
  for (let y = y1; y <= y2; y++) { put(x1, y); put(x2, y); }
}
function save(name, img, w, h) {
  const file = `${args.out}/${name}.png`;
  spawnSync('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${w}x${h}`, '-i', 'pipe:0', file], { input: img });
  console.log('wrote', file);
}
for await (const f of decodeFrames(args.clip, { every: 1, width: geo.nw, height: geo.nh, flags: args.resize ?? 'bilinear', maxFrames: last + 1 })) {
  const n = f.index + 1;
  if (!want.has(n)) continue;
  letterboxTensor(f.rgb, geo, input);
  const out = await session.run({ images: new ort.Tensor('float32', input, [1, 3, 640, 640]) });
  const dets = nms(decodeYolo(out.output0.data, out.output0.dims, Number(args.conf), geo), Number(args.nms));
  // Draw in the model's 640x640 input space.
  const width = 640, height = 640;
  const img = Buffer.alloc(640 * 640 * 3);
  for (let i = 0; i < 640 * 640; i++) for (let c = 0; c < 3; c++) img[i * 3 + c] = Math.round(input[c * 640 * 640 + i] * 255);
  const tx = v => v * geo.r + geo.left, ty = v => v * geo.r + geo.top;
  for (const g of gt.get(n) ?? []) rect(img, width, height, tx(g.x1) - 1, ty(g.y1) - 1, tx(g.x2) + 1, ty(g.y2) + 1, g.vis >= 0.5 ? [0, 255, 0] : [128, 128, 128]);
  for (const d of dets) rect(img, width, height, tx(d.x1), ty(d.y1), tx(d.x2), ty(d.y2), [255, 0, 0]);
  for (const d of dets) console.log(n, ['person', 'bicycle', 'car', 'truck'][d.cls], d.score.toFixed(2), [d.x1, d.y1, d.x2, d.y2].map(v => v.toFixed(0)).join(','));
  let outImg = img, ow = width, oh = height;
  if (args.crop) {
    const [cx, cy, cw, ch] = args.crop.split(',').map(Number);
    const scale = Number(args.zoom ?? 8);
    outImg = Buffer.alloc(cw * ch * scale * scale * 3); ow = cw * scale; oh = ch * scale;
    for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) { const s = ((cy + Math.floor(y / scale)) * width + cx + Math.floor(x / scale)) * 3; img.copy(outImg, (y * ow + x) * 3, s, s + 3); }
  }
  save(`frame${n}`, outImg, ow, oh);
  if (out.debug_masks) {
    const m = out.debug_masks.data, G = 320, colors = [[255, 60, 60], [60, 220, 60], [60, 60, 255], [255, 170, 0], [90, 90, 90]];
    const mimg = Buffer.alloc(G * G * 3);
    for (let i = 0; i < G * G; i++) for (let c = 0; c < 4; c++) if (m[c * G * G + i] > 0) { mimg[i * 3] = colors[c][0]; mimg[i * 3 + 1] = colors[c][1]; mimg[i * 3 + 2] = colors[c][2]; }
    save(`mask${n}`, mimg, G, G);
  }
}
