using System.CommandLine;
using Streams.ModelAuthoring.Models;

namespace Streams.ModelAuthoring.Cli;

/// <summary>
/// The command line: <c>--out-dir DIR</c> writes demo-detector.onnx, demo-classifier.onnx, yolov8n-cost.onnx and
/// models.json. Exit codes: 0 done, 1 bad arguments, 2 writing failed.
/// </summary>
internal static class ModelAuthoringCommand
{
    public const int ExitOk = 0;
    public const int ExitFailed = 2;

    public static RootCommand Create()
    {
        Option<string> outDir = new("--out-dir") { Description = "The folder to write the models and models.json into (created if missing).", HelpName = "dir", Required = true };
        Option<bool> debug = new("--debug-outputs") { Description = "Also expose the detector's internal planes as outputs (development only; changes its bytes)." };
        RootCommand root = new(
            "Writes the demo ONNX models (synthetic-world detector and marked/unmarked classifier), a YOLOv8n-cost " +
            "benchmark model and models.json. Exit codes: 0 done, 1 bad arguments, 2 failed.");
        root.Options.Add(outDir);
        root.Options.Add(debug);
        root.SetAction(result =>
        {
            TextWriter stdout = result.InvocationConfiguration.Output;
            string dir = result.GetValue(outDir)!;
            try
            {
                foreach (ModelArtifact artifact in ModelCatalog.WriteAll(dir, result.GetValue(debug)))
                {
                    ModelEntry e = artifact.Entry;
                    string flops = e.Flops > 0 ? $", {e.Flops / 1e9:F2} GFLOPs at {e.InputShape[2]}x{e.InputShape[3]}" : "";
                    stdout.WriteLine($"{Path.Combine(dir, e.File)}: {artifact.Bytes.Length} bytes{flops}, sha256 {e.Sha256}");
                }

                stdout.WriteLine(Path.Combine(dir, ModelCatalog.ManifestFile));
                return ExitOk;
            }
            catch (IOException ex)
            {
                result.InvocationConfiguration.Error.WriteLine($"error: {ex.Message}");
                return ExitFailed;
            }
            catch (UnauthorizedAccessException ex)
            {
                result.InvocationConfiguration.Error.WriteLine($"error: {ex.Message}");
                return ExitFailed;
            }
        });
        return root;
    }
}
