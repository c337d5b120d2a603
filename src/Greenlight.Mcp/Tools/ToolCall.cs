using System.Text.Json;
using Greenlight.Spec;

namespace Greenlight.Mcp.Tools;

/// <summary>One call of a tool: its arguments (read with precise errors), the server's settings, and a way to report progress.</summary>
internal sealed class ToolCall(string tool, IReadOnlyDictionary<string, JsonElement> arguments, McpSettings settings, Func<double, double?, string, Task>? progress)
{
    public McpSettings Settings { get; } = settings;

    public string Tool { get; } = tool;

    /// <summary>Sends a progress notification when the caller asked for them (a progress token); otherwise does nothing.</summary>
    public Task ReportAsync(double done, double? total, string message) => progress?.Invoke(done, total, message) ?? Task.CompletedTask;

    public bool WantsProgress => progress is not null;

    public string? String(string name)
    {
        if (!arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Wrong(name, "a string");
    }

    public string RequiredString(string name) =>
        String(name) is { Length: > 0 } value ? value : throw new ToolArgumentException($"{Tool}: `{name}` is required (a string)");

    public string? OneOf(string name, params string[] allowed)
    {
        var value = String(name);
        return value is null || allowed.Contains(value, StringComparer.Ordinal) ? value
            : throw new ToolArgumentException($"{Tool}: `{name}` must be one of {string.Join(", ", allowed)}, not `{value}`");
    }

    public bool Bool(string name, bool fallback = false)
    {
        if (!arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Wrong(name, "true or false"),
        };
    }

    public int Int(string name, int fallback, int min, int max)
    {
        if (!arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw Wrong(name, "a whole number");
        }

        return number < min || number > max
            ? throw new ToolArgumentException($"{Tool}: `{name}` must be between {min} and {max}, not {number}")
            : number;
    }

    public IReadOnlyList<string> Strings(string name)
    {
        if (!arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Wrong(name, "an array of strings");
        }

        return [.. value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Wrong(name, "an array of strings"))];
    }

    /// <summary>The spec to use: the call's <c>spec</c>, else the one the server was started with.</summary>
    public string SpecPath => String("spec") ?? Settings.SpecPath;

    /// <summary>The server's --var values, overridden by the call's <c>vars</c> object.</summary>
    public SpecLoadOptions LoadOptions()
    {
        var vars = new Dictionary<string, string>(Settings.Vars, StringComparer.Ordinal);
        if (arguments.TryGetValue("vars", out var value) && value.ValueKind != JsonValueKind.Null)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw Wrong("vars", "an object of NAME: \"value\" pairs");
            }

            foreach (var property in value.EnumerateObject())
            {
                // The value is not echoed: it may be a secret.
                vars[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()!
                    : throw new ToolArgumentException($"{Tool}: `vars.{property.Name}` must be a string");
            }
        }

        return new SpecLoadOptions { CliVariables = vars, EnvFile = Settings.EnvFile };
    }

    public Phase? Phase() => OneOf("phase", "pre", "post", "watch") is { } code ? Enum.Parse<Phase>(code, ignoreCase: true) : null;

    private ToolArgumentException Wrong(string name, string expected) => new($"{Tool}: `{name}` must be {expected}");
}
