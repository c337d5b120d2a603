using System.Text;
using System.Text.RegularExpressions;

namespace Greenlight.Import;

/// <summary>
/// Writes an <see cref="ImportResult"/> as a spec: every check with <c>source:</c> pointing at its
/// line and a comment saying why it was proposed; rollback steps for review; values quoted only
/// where YAML needs it.
/// </summary>
internal static partial class SpecYamlWriter
{
    public static string Write(ImportResult result, string? header = null)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine(header ?? $"# Imported from {result.DocumentName} by `greenlight import`: {result.Runnable} runnable checks, {result.Manual} manual, {result.NotConverted.Count} items not converted.\n# Review every check before trusting it; each says where it came from (source:).");
        yaml.AppendLine("version: 1");
        yaml.AppendLine($"name: {Scalar(result.Name)}");
        if (result.Vars.Count > 0)
        {
            yaml.AppendLine("vars:");
            foreach (var (name, value) in result.Vars)
            {
                yaml.AppendLine($"  {name}: {Scalar(value)}");
            }
        }

        if (result.DatabaseTarget is not null)
        {
            yaml.AppendLine("targets:");
            yaml.AppendLine($"  db: {Scalar(result.DatabaseTarget)}");
        }

        if (result.Checks.Any(c => c.Phase == ImportPhase.Watch))
        {
            yaml.AppendLine("# The checks in phase watch run over a window after the deploy (greenlight watch).");
            yaml.AppendLine("watch: { every: 5m, for: 1h }");
        }

        yaml.AppendLine();
        yaml.AppendLine(result.Checks.Count == 0 ? "checks: []" : "checks:");
        foreach (var check in result.Checks)
        {
            WriteCheck(yaml, check, result.DocumentName);
        }

        if (result.Rollback.Count > 0)
        {
            yaml.AppendLine();
            yaml.AppendLine("# The document's rollback plan. Review each step before use: greenlight rollback runs them in order.");
            yaml.AppendLine("rollback:");
            foreach (var step in result.Rollback)
            {
                var prefix = step.HasPlaceholder ? "  # " : "  ";
                yaml.AppendLine($"  # {step.Note} ({result.DocumentName}:{step.Line}){(step.HasPlaceholder ? "; fill in the placeholder, then uncomment" : "")}");
                if (step.Run.Contains('\n', StringComparison.Ordinal))
                {
                    yaml.AppendLine($"{prefix}- run: |");
                    foreach (var line in step.Run.Split('\n'))
                    {
                        yaml.AppendLine($"{prefix}    {line}".TrimEnd());
                    }
                }
                else
                {
                    yaml.AppendLine($"{prefix}- run: {Scalar(step.Run)}");
                }
            }
        }

        return yaml.ToString();
    }

    private static void WriteCheck(StringBuilder yaml, ImportedCheck check, string document)
    {
        yaml.AppendLine();
        foreach (var note in check.Notes)
        {
            yaml.AppendLine($"  # {note.ReplaceLineEndings(" ")}");
        }

        yaml.AppendLine($"  - id: {check.Id}");
        yaml.AppendLine($"    title: {Scalar(check.Title)}");
        yaml.AppendLine($"    kind: {check.Kind}");
        // Checks of the rollback plan verify the way back: `greenlight rollback` re-runs the post checks.
        yaml.AppendLine($"    phase: {(check.Phase == ImportPhase.Rollback ? "post" : check.Phase.ToString().ToLowerInvariant())}");
        if (check.Severity is not null)
        {
            yaml.AppendLine($"    severity: {check.Severity}");
        }

        if (check.Area is not null)
        {
            yaml.AppendLine($"    area: {check.Area}");
        }

        if (check.Needs.Count > 0)
        {
            yaml.AppendLine($"    needs: [{string.Join(", ", check.Needs)}]");
        }

        if (check.Line > 0)
        {
            yaml.AppendLine($"    source: {Scalar($"{document}:{check.Line}")}");
        }

        foreach (var (field, value) in check.Fields)
        {
            WriteField(yaml, field, value, 4);
        }

        if (check.Expect.Count > 0)
        {
            yaml.AppendLine("    expect:");
            foreach (var assertion in check.Expect)
            {
                yaml.AppendLine($"      - {Scalar(assertion)}");
            }
        }

        if (check.Fix is not null)
        {
            yaml.AppendLine($"    fix: {Scalar(check.Fix)}");
        }

        foreach (var line in check.Draft)
        {
            yaml.AppendLine($"  # {line}");
        }
    }

    private static void WriteField(StringBuilder yaml, string key, object value, int indent)
    {
        var pad = new string(' ', indent);
        switch (value)
        {
            case string text when text.Contains('\n', StringComparison.Ordinal):
                yaml.AppendLine($"{pad}{Key(key)}: |");
                foreach (var line in text.Split('\n'))
                {
                    yaml.AppendLine($"{pad}  {line}".TrimEnd());
                }

                break;
            case string text:
                yaml.AppendLine($"{pad}{Key(key)}: {Scalar(text)}");
                break;
            case YamlRaw raw:
                yaml.AppendLine($"{pad}{Key(key)}: {raw.Text}");
                break;
            case List<string> list:
                yaml.AppendLine($"{pad}{Key(key)}: [{string.Join(", ", list.Select(Scalar))}]");
                break;
            case List<KeyValuePair<string, object>> map when map.Count == 0:
                yaml.AppendLine($"{pad}{Key(key)}: {{}}");
                break;
            case List<KeyValuePair<string, object>> map:
                yaml.AppendLine($"{pad}{Key(key)}:");
                foreach (var (childKey, child) in map)
                {
                    WriteField(yaml, childKey, child, indent + 2);
                }

                break;
            case List<object> entries:
                yaml.AppendLine($"{pad}{Key(key)}:");
                foreach (var entry in entries)
                {
                    if (entry is List<KeyValuePair<string, object>> { Count: > 0 } fields)
                    {
                        // "- first: …" then the other fields under it.
                        var first = new StringBuilder();
                        WriteField(first, fields[0].Key, fields[0].Value, indent + 4);
                        yaml.Append(pad).Append("  - ").Append(first.ToString().TrimStart());
                        foreach (var (childKey, child) in fields.Skip(1))
                        {
                            WriteField(yaml, childKey, child, indent + 4);
                        }
                    }
                    else if (entry is string text)
                    {
                        yaml.AppendLine($"{pad}  - {Scalar(text)}");
                    }
                }

                break;
            default:
                throw new ArgumentException($"cannot write a {value.GetType().Name} as YAML", nameof(value));
        }
    }

    private static string Key(string key) => PlainKey().IsMatch(key) ? key : Quote(key);

    /// <summary>A YAML scalar: plain where that reads back as the same string, double-quoted otherwise.</summary>
    internal static string Scalar(string value) =>
        PlainScalar().IsMatch(value) && !Reserved().IsMatch(value) && !value.Contains(": ", StringComparison.Ordinal) ? value : Quote(value);

    private static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    [GeneratedRegex(@"^[A-Za-z0-9_$(./][A-Za-z0-9 _$(){}./+=<>~^@:-]*[A-Za-z0-9_)}./]$|^[A-Za-z0-9_]$")]
    private static partial Regex PlainScalar();

    [GeneratedRegex(@"^([0-9][0-9_.:+eE-]*|true|false|yes|no|on|off|null|~|y|n)$", RegexOptions.IgnoreCase)]
    private static partial Regex Reserved();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]*$")]
    private static partial Regex PlainKey();
}
