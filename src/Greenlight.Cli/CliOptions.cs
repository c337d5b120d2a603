using System.CommandLine;
using System.Globalization;
using Greenlight.Assertions;
using Greenlight.Releases;

namespace Greenlight.Cli;

/// <summary>Options whose values are checked when the command line is parsed, so a bad value is exit 2 with the reason, never a stack trace.</summary>
internal static class CliOptions
{
    public static Option<int> PositiveInt(string name, string description, int defaultValue, string? alias = null)
    {
        var option = new Option<int>(name, alias is null ? [] : [alias])
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            HelpName = "N",
            CustomParser = r =>
            {
                var text = r.Tokens.Count == 0 ? "" : r.Tokens[^1].Value;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
                {
                    return n;
                }

                r.AddError($"{name}: expected a whole number of at least 1, got `{text}`");
                return defaultValue;
            },
        };
        return option;
    }

    public static Option<string> Duration(string name, string description, string defaultValue)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "DURATION" };
        option.Validators.Add(r =>
        {
            if (!Units.TryParseDuration(r.GetValueOrDefault<string>() ?? "", out _))
            {
                r.AddError($"{name}: expected {Units.DurationHint}");
            }
        });
        return option;
    }

    public static TimeSpan ParseDuration(string text) => Units.TryParseDuration(text, out var value) ? value : TimeSpan.Zero;

    /// <summary>--out FILE: its folder must exist, checked before anything runs.</summary>
    public static Option<string?> OutFile(string description)
    {
        var option = new Option<string?>("--out", "-o") { Description = description, HelpName = "FILE" };
        option.Validators.Add(r =>
        {
            var path = r.GetValueOrDefault<string?>();
            if (path is null)
            {
                return;
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (path.Length == 0 || Directory.Exists(path) || (folder is not null && !Directory.Exists(folder)))
            {
                r.AddError($"--out {path}: {(Directory.Exists(path) ? "is a folder" : $"the folder {folder} does not exist")}");
            }
        });
        return option;
    }

    /// <summary>Writes buffered output to the --out file, or to stdout.</summary>
    public static async Task EmitAsync(MemoryStream buffer, string? outFile, TextWriter stdout)
    {
        if (outFile is not null)
        {
            await System.IO.File.WriteAllBytesAsync(outFile, buffer.ToArray(), CancellationToken.None);
            return;
        }

        await stdout.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        await stdout.FlushAsync(CancellationToken.None);
    }

    public static int ExitCode(ReleaseExit exit) => exit switch
    {
        ReleaseExit.Go => ExitCodes.Go,
        ReleaseExit.NoGo => ExitCodes.NoGo,
        ReleaseExit.Interrupted => ExitCodes.Interrupted,
        _ => ExitCodes.BadInput,
    };
}
