using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greenlight.SecretScanning;

/// <summary>
/// Findings accepted once (<c>greenlight secrets baseline</c>): their fingerprints, with where they
/// were and the masked value so a reviewer can see what was accepted. Never the secret.
/// </summary>
internal static class SecretBaseline
{
    public const string Schema = "greenlight.secrets-baseline/v1";

    public static HashSet<string> Read(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new JsonException("expected a JSON object");
        if (root["schema"]?.GetValue<string>() != Schema)
        {
            throw new JsonException($"expected \"schema\": \"{Schema}\"");
        }

        return [.. (root["findings"] as JsonArray ?? []).Select(f => f?["fingerprint"]?.GetValue<string>()).OfType<string>()];
    }

    public static void Write(string path, IEnumerable<SecretFinding> findings)
    {
        var list = new JsonArray();
        foreach (var f in findings)
        {
            // The JsonNode overload: the generic Add<T> serializes by reflection, which trimming breaks.
            list.Add((JsonNode)new JsonObject
            {
                ["fingerprint"] = f.Fingerprint,
                ["rule"] = f.RuleId,
                ["file"] = f.File,
                ["line"] = f.Line,
                ["masked"] = f.Masked,
            });
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, new JsonObject { ["schema"] = Schema, ["findings"] = list }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
