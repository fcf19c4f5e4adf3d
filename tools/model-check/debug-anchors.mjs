// Prints the detector's per-anchor candidates and tests inside a rectangle of one frame (needs a model written with
// --debug-outputs). usage: node debug-anchors.mjs --model M clip.mp4 frame x1 y1 x2 y2 (frame 1-based, source pixels)
import ort from 'onnxruntime-node';
import { parseArgs, probeSize, letterboxGeometry, decodeFrames, letterboxTensor } from './common.mjs';
const opts = parseArgs(process.argv.slice(2), { model: '/tmp/models/demo-detector.onnx' });
const [clip, frameNo, x1, y1, x2, y2] = opts._.map((v, i) => i ? Number(v) : v);
const s = await ort.InferenceSession.create(opts.model);
const {width,height}=probeSize(clip); const geo=letterboxGeometry(width,height);
const input=new Float32Array(3*640*640);
const names='lc rc tc bc lf rf tf bf vC vF reach cut stC stF fillF ownF fillC ownC'.split(' ');
for await (const f of decodeFrames(clip,{every:1,width:geo.nw,height:geo.nh,maxFrames:frameNo})) {
  if (f.index + 1 !== frameNo) continue;
  letterboxTensor(f.rgb, geo, input);
  const o = await s.run({images:new ort.Tensor('float32',input,[1,3,640,640])});
  const d=o.debug_anchors.data, A=25600, out=o.output0.data;
  for (let j=0;j<160;j++) for (let i=0;i<160;i++) {
    const px=(4*i+3-geo.left)/geo.r, py=(4*j+3-geo.top)/geo.r;
    if (px<x1||px>x2||py<y1||py>y2) continue;
    const a=j*160+i; const sc=[4,5,6,7].map(c=>out[c*A+a]);
    if (Math.max(...sc)===0 && d[8*A+a]===0 && d[9*A+a]===0 && d[0*A+a]===0) continue;
    console.log(`(${px.toFixed(0)},${py.toFixed(0)}) score ${Math.max(...sc).toFixed(2)} ` + names.map((n,k)=>`${n}=${+d[k*A+a].toFixed(2)}`).join(' '));
  }
}
