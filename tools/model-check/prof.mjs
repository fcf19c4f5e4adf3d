// Profiles one model with ONNX Runtime's profiler. Per node it keeps the fastest of the runs (robust on a shared,
// busy machine) and prints the totals by operator type and the slowest nodes.
// usage: node prof.mjs model.onnx [runs] [threads]
import ort from 'onnxruntime-node';
import fs from 'node:fs';
const [model, runsArg, threadsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 10);
const s = await ort.InferenceSession.create(model, { intraOpNumThreads: Number(threadsArg ?? 1), graphOptimizationLevel: 'all', enableProfiling: true, profileFilePrefix: '/tmp/ortprof' });
const x = new Float32Array(3 * 640 * 640);
for (let i = 0; i < x.length; i++) x[i] = ((i * 2654435761) % 1000) / 1000;
for (let i = 0; i < runs; i++) await s.run({ [s.inputNames[0]]: new ort.Tensor('float32', x, [1, 3, 640, 640]) });
await s.release();
const file = fs.readdirSync('/tmp').filter(f => f.startsWith('ortprof')).map(f => '/tmp/' + f).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
const events = JSON.parse(fs.readFileSync(file, 'utf8'));
fs.unlinkSync(file);
const best = new Map(), ops = new Map();
for (const e of events) {
  if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time')) continue;
  best.set(e.name, Math.min(best.get(e.name) ?? Infinity, e.dur));
  ops.set(e.name, e.args.op_name);
}
const byOp = new Map();
for (const [n, d] of best) byOp.set(ops.get(n), (byOp.get(ops.get(n)) ?? 0) + d);
const total = [...best.values()].reduce((a, b) => a + b, 0);
console.log(`sum of per-node minima ${(total / 1000).toFixed(2)} ms (${best.size} nodes)`);
for (const [k, v] of [...byOp].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${k.padEnd(20)} ${(v / 1000).toFixed(2)} ms`);
for (const [k, v] of [...best].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOPN ?? 12))) console.log(`  ${k.padEnd(40)} ${(v / 1000).toFixed(2)} ms`);
