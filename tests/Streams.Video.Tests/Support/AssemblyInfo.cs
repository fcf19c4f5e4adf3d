// The end-to-end tests count this process's ffmpeg children; tests running side by side would see each other's.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
