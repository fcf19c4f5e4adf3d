// Latency of a model on CPU: median and minimum over runs of one image (or a batch), after warm-up.
// usage: node bench.mjs model.onnx [--runs 30] [--threads 1] [--batch 1] [--size 640]
import ort from 'onnxruntime-node';
import { parseArgs } from './common.mjs';
const args = parseArgs(process.argv.slice(2), { runs: '30', threads: '1', batch: '1', size: '640' });
const batch = Number(args.batch), size = Number(args.size);
const session = await ort.InferenceSession.create(args._[0], { intraOpNumThreads: Number(args.threads), interOpNumThreads: 1, graphOptimizationLevel: 'all', extra: { session: { intra_op: { allow_spinning: '0' } } } });
const data = new Float32Array(batch * 3 * size * size);
for (let i = 0; i < data.length; i++) data[i] = ((i * 2654435761) % 1000) / 1000;
const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', data, [batch, 3, size, size]) };
for (let i = 0; i < 3; i++) await session.run(feeds);
const times = [];
for (let i = 0; i < Number(args.runs); i++) { const t0 = performance.now(); await session.run(feeds); times.push(performance.now() - t0); }
times.sort((a, b) => a - b);
console.log(`${args._[0]} batch ${batch} threads ${args.threads}: median ${times[times.length >> 1].toFixed(1)} ms, min ${times[0].toFixed(1)} ms per run (${(times[times.length >> 1] / batch).toFixed(1)} ms/img median)`);
