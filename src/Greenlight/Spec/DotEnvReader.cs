using System.Globalization;
using System.Text.RegularExpressions;

namespace Greenlight.Spec;

/// <summary>Reads the <c>.env</c> beside a spec (or <c>--env-file</c>); its values never appear in an error.</summary>
internal static partial class DotEnvReader
{
    public static Dictionary<string, string> Read(string path, bool explicitFile, List<SpecError> errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!System.IO.File.Exists(path))
        {
            if (explicitFile)
            {
                errors.Add(new SpecError(new SourceLocation(path, 1, 1), "cannot read the env file: no such file"));
            }

            return result;
        }

        try
        {
            var options = new DotNetEnv.LoadOptions(setEnvVars: false, clobberExistingVars: true, onlyExactPath: true);
            foreach (var (key, value) in DotNetEnv.Env.Load(path, options))
            {
                result[key] = value;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // DotNetEnv reports "line N, column M" in its own words; keep them, but never the values.
            errors.Add(new SpecError(new SourceLocation(Path.GetFileName(path), LineOf(ex.Message), 1), $"cannot parse the env file: {ex.Message.Split('\n')[0].Trim()}"));
        }

        return result;
    }

    private static int LineOf(string message)
    {
        var match = LineNumber().Match(message);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
    }

    [GeneratedRegex(@"[Ll]ine (\d+)")]
    private static partial Regex LineNumber();
}
