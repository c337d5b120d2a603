using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Greenlight.Spec;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Fuzz;

/// <summary>
/// Issue 8 (proof): a few hundred specs mutated from examples/, seeded so a failure reproduces, each
/// validated; every one must exit 0 or 2, with a file:line:column for each error, within time and memory.
/// </summary>
public sealed partial class ValidateFuzzTests : IDisposable
{
    private const int Seed = 8_2026;
    private const int InProcessSpecs = 300;
    private const int RealProcessSpecs = 8;
    private static readonly TimeSpan PerSpecLimit = TimeSpan.FromSeconds(5);
    private const long PerSpecAllocationLimit = 200L << 20;

    private static readonly string[] Tokens =
    [
        "[", "]", "{", "}", ":", ": ", "- ", "\"", "'", "&a ", "*a", "*nope", "${", "}", "${X:-${Y:-", "$$", "\t", "#", "---\n",
        "\n", "é", "\u0001", "!!binary ", "? ", "|", ">", "%YAML 1.2\n", "<<: *a", "%", "@", "`", ",", "&a [*a]", "\\",
    ];

    private static readonly string[] Values =
    [
        "-1", "0", "1e999", "null", "~", "[]", "{}", "true", "${UNSET_FUZZ}", "${UNSET_FUZZ:?boom}", "mysql://u:p@h/db", "\"\"",
        "0s", "99999999999999999999", "/(a+)+$/", "[[[[", "postgres://", "sqlite:", "${a.b}", "${UNSET_FUZZ:-${A:-${B}}}",
        "\"status == \"", "[status == 200, 1 <]", "{ that: status == 200, fix: x }", "{ that: 1 }", "GET", "&x 1", "*x",
    ];

    private readonly TempDirectory _dir = new();
    private readonly List<string> _examples = [];

    public ValidateFuzzTests()
    {
        // Each example is copied with its files, so relative paths in it (openapi, snapshots) still resolve.
        foreach (var spec in Directory.EnumerateFiles(RepositoryPaths.Examples, "greenlight.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var source = Path.GetDirectoryName(spec)!;
            var target = Path.Combine(_dir.Path, Path.GetRelativePath(RepositoryPaths.Examples, source));
            Copy(source, target);
            _examples.Add(Path.Combine(target, "greenlight.yaml"));
        }
    }

    [Fact]
    public async Task Validate_Issue8_MutatedExampleSpecs_ExitZeroOrTwoWithAPosition()
    {
        _examples.Count.ShouldBeGreaterThan(0);
        var random = new Random(Seed);
        var failures = new List<string>();
        for (var i = 0; i < InProcessSpecs; i++)
        {
            var (path, text, mutations) = Mutate(random, i);

            var clock = Stopwatch.StartNew();
            var run = await CliHarness.RunAsync("validate", "-f", path, "--no-color");
            var elapsed = clock.Elapsed;
            var allocated = AllocatedByLoading(path);

            var problem = Judge(run.ExitCode, run.All, path)
                ?? (elapsed > PerSpecLimit ? $"took {elapsed.TotalSeconds:0.0}s" : null)
                ?? (allocated > PerSpecAllocationLimit ? $"allocated {allocated >> 20} MB" : null);
            if (problem is not null)
            {
                failures.Add($"spec #{i} ({string.Join(", ", mutations)}, seed {Seed}): {problem}\n{Shorten(text)}");
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Validate_Issue8_MutatedSpecsThroughTheRealProcess_ExitZeroOrTwoWithinAHeapLimit()
    {
        var random = new Random(Seed + 1);
        var failures = new List<string>();
        for (var i = 0; i < RealProcessSpecs; i++)
        {
            // The heaviest mutations: deep nesting, alias fan-out, long values.
            var (path, text, mutations) = Mutate(random, i, heavy: true);
            var environment = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0xC800000" };

            var run = await CliHarness.RunProcessAsync(Path.GetDirectoryName(path)!, environment, "validate", "-f", path, "--no-color");

            if (Judge(run.ExitCode, run.All, path) is { } problem)
            {
                failures.Add($"spec #{i} ({string.Join(", ", mutations)}, seed {Seed + 1}): {problem}\n{Shorten(text)}");
            }
        }

        failures.ShouldBeEmpty();
    }

    public void Dispose() => _dir.Dispose();

    private static string? Judge(int exitCode, string output, string path)
    {
        if (exitCode is not (0 or 2))
        {
            return $"exit code {exitCode}: {Shorten(output)}";
        }

        if (output.Contains("Unhandled exception", StringComparison.Ordinal) || StackFrame().IsMatch(output))
        {
            return $"a stack trace: {Shorten(output)}";
        }

        if (output.Split('\n').FirstOrDefault(l => l.Length > 400) is { } longLine)
        {
            // A 300,000-character line is shown as a window around the error, not printed whole.
            return $"an output line of {longLine.Length} characters";
        }

        if (exitCode == 2)
        {
            var errorLines = output.Split('\n').Where(l => l.Contains(": error: ", StringComparison.Ordinal)).ToList();
            if (errorLines.Count == 0 || errorLines.Any(l => !Position().IsMatch(l)))
            {
                return $"an error without file:line:column: {Shorten(output)}";
            }

            if (!output.Contains(Path.GetFileName(path), StringComparison.Ordinal))
            {
                return $"errors that do not name the file: {Shorten(output)}";
            }
        }

        return null;
    }

    /// <summary>What loading the spec allocates on this thread (the loader is synchronous), outside the console.</summary>
    private static long AllocatedByLoading(string path)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            SpecLoader.LoadFile(path, new SpecLoadOptions());
        }
        catch (SpecException)
        {
            // Rejected is fine: the cost is what is measured.
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private (string Path, string Text, List<string> Mutations) Mutate(Random random, int index, bool heavy = false)
    {
        var original = _examples[random.Next(_examples.Count)];
        var lines = File.ReadAllText(original).Split('\n').ToList();
        var mutations = new List<string>();
        var count = random.Next(1, 4);
        for (var m = 0; m < count; m++)
        {
            var kind = heavy && m == 0 ? 7 + random.Next(3) : random.Next(10);
            var at = random.Next(lines.Count);
            switch (kind)
            {
                case 0:
                    lines.RemoveAt(at);
                    mutations.Add($"delete line {at + 1}");
                    break;
                case 1:
                    lines.Insert(at, lines[at]);
                    mutations.Add($"duplicate line {at + 1}");
                    break;
                case 2:
                    {
                        var other = random.Next(lines.Count);
                        (lines[at], lines[other]) = (lines[other], lines[at]);
                        mutations.Add($"swap lines {at + 1} and {other + 1}");
                        break;
                    }

                case 3:
                    {
                        var token = Tokens[random.Next(Tokens.Length)];
                        var column = random.Next(lines[at].Length + 1);
                        lines[at] = lines[at].Insert(column, token);
                        mutations.Add($"insert {Escape(token)} at {at + 1}:{column + 1}");
                        break;
                    }

                case 4:
                    {
                        var keep = random.Next(lines[at].Length + 1);
                        lines[at] = lines[at][..keep];
                        lines.RemoveRange(at + 1, lines.Count - at - 1);
                        mutations.Add($"truncate at {at + 1}:{keep + 1}");
                        break;
                    }

                case 5:
                    {
                        var shift = random.Next(-3, 4);
                        lines[at] = shift >= 0 ? new string(' ', shift) + lines[at] : lines[at].TrimStart().PadLeft(Math.Max(0, lines[at].Length + shift));
                        mutations.Add($"indent line {at + 1} by {shift}");
                        break;
                    }

                case 6:
                    {
                        var colon = lines[at].IndexOf(": ", StringComparison.Ordinal);
                        var value = Values[random.Next(Values.Length)];
                        lines[at] = colon < 0 ? lines[at] + " " + value : lines[at][..(colon + 2)] + value;
                        mutations.Add($"value {Escape(value)} at line {at + 1}");
                        break;
                    }

                case 7:
                    {
                        var depth = random.Next(50, heavy ? 20_000 : 2_000);
                        var colon = lines[at].IndexOf(": ", StringComparison.Ordinal);
                        var nested = random.Next(2) == 0 ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("${A:-", depth)) + "x" + new string('}', depth);
                        lines[at] = (colon < 0 ? lines[at] + ": " : lines[at][..(colon + 2)]) + nested;
                        mutations.Add($"nest {depth} deep at line {at + 1}");
                        break;
                    }

                case 8:
                    {
                        var bomb = new StringBuilder("fanout:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
                        for (var level = 1; level < 8; level++)
                        {
                            bomb.Append($"  l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))}]\n");
                        }

                        lines.Insert(Math.Min(2, lines.Count), bomb.ToString().TrimEnd('\n'));
                        mutations.Add("alias fan-out");
                        break;
                    }

                default:
                    {
                        var colon = lines[at].IndexOf(": ", StringComparison.Ordinal);
                        var length = random.Next(10_000, heavy ? 300_000 : 50_000);
                        lines[at] = (colon < 0 ? lines[at] + ": " : lines[at][..(colon + 2)]) + "\"" + new string('x', length) + "\"";
                        mutations.Add($"a {length}-character value at line {at + 1}");
                        break;
                    }
            }

            if (lines.Count == 0)
            {
                lines.Add("");
            }
        }

        var text = string.Join('\n', lines);
        var path = Path.Combine(Path.GetDirectoryName(original)!, $"fuzz-{index:D3}.yaml");
        File.WriteAllText(path, text);
        return (path, text, mutations);
    }

    private static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(source).Where(d => Path.GetFileName(d) is not ("bin" or "obj" or ".greenlight")))
        {
            Copy(folder, Path.Combine(target, Path.GetFileName(folder)));
        }
    }

    private static string Escape(string token) => token.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length <= 1500 ? text : text[..1500] + "…";

    [GeneratedRegex(@"^\s+at [A-Za-z_.<>]+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"^\S.*:\d+:\d+: error: ")]
    private static partial Regex Position();
}
