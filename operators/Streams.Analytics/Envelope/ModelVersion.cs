namespace Streams.Analytics.Envelope;

/// <summary>A model the pipeline runs, as the envelope's <c>pipeline.models</c> names it.</summary>
/// <param name="Id">The model's id in the pipeline configuration (e.g. <c>detector</c>, <c>vehicle-color</c>).</param>
/// <param name="Version">Its version: a release tag, or a content hash of the model file, so that consumers can
/// tell which weights produced an event.</param>
public sealed record ModelVersion(string Id, string Version);
