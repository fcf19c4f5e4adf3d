// Each test runs real streams processes (ffmpeg, ONNX Runtime, Kestrel): one class at a time, so that a test waiting
// on a signal or an exit is never starved by the heavy ones (eval, bench, demo) on a small machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
