// The reference for the `inference` benchmark: the same model, library and session settings, run through
// onnxruntime-node's own binding. Prints one JSON line per configuration.
//
// Setup (git-ignored): npm install --prefix .native/ort-node --ignore-scripts onnxruntime-node@1.30.0
// Usage: node tests/Streams.Benchmarks/ort-node-reference.mjs --model M.onnx --threads 1 --batch 1 [--seconds 3]
//        [--spinning 1] [--opt all] [--package DIR]
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const packageDir = args.package ?? join(repoRoot, '.native', 'ort-node', 'node_modules', 'onnxruntime-node');
const require = createRequire(import.meta.url);
const ort = require(packageDir);

const model = args.model;
const threads = Number(args.threads ?? 1);
const batch = Number(args.batch ?? 1);
const seconds = Number(args.seconds ?? 3);
const spinning = String(args.spinning ?? '1');
const opt = args.opt ?? 'all';
if (!model) {
  console.error('usage: ort-node-reference.mjs --model M.onnx [--threads N] [--batch N] [--seconds S] [--spinning 0|1] [--opt all]');
  process.exit(2);
}

const session = await ort.InferenceSession.create(model, {
  executionProviders: ['cpu'],
  graphOptimizationLevel: opt,
  intraOpNumThreads: threads,
  executionMode: 'sequential',
  extra: { session: { intra_op: { allow_spinning: spinning } } },
});
const inputName = session.inputNames[0];
const meta = session.inputMetadata?.[0];
const dims = meta?.shape ? meta.shape.map((d, i) => (i === 0 ? batch : Number(d))) : [batch, 3, 640, 640];
const size = dims.reduce((a, b) => a * b, 1);
const data = new Float32Array(size);
for (let i = 0; i < size; i++) data[i] = (i % 251) / 251; // same pattern as the C# side
const feeds = { [inputName]: new ort.Tensor('float32', data, dims) };

// Warm-up: the first runs allocate the arena and pick kernels.
for (let i = 0; i < 2; i++) await session.run(feeds);

const times = [];
const cpu0 = process.cpuUsage();
const start = process.hrtime.bigint();
const budget = BigInt(Math.round(seconds * 1e9));
while (times.length < 5 || process.hrtime.bigint() - start < budget) {
  const t0 = process.hrtime.bigint();
  await session.run(feeds);
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}

const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpu0);
times.sort((a, b) => a - b);
const pick = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(JSON.stringify({
  binding: 'onnxruntime-node',
  threads,
  batch,
  runs: times.length,
  meanMs: times.reduce((a, b) => a + b, 0) / times.length,
  medianMs: pick(0.5),
  p90Ms: pick(0.9),
  minMs: times[0],
  cpuMsPerImage: (cpu.user + cpu.system) / 1000 / (times.length * batch),
  imagesPerSecond: (times.length * batch) / (elapsedMs / 1000),
}));
await session.release();
