using Greenlight.Engine;
using Greenlight.Spec;

namespace Greenlight.Tests.Fixtures;

/// <summary>Loads a spec from text in a temp folder with a controlled environment, and runs it.</summary>
public static class SpecHarness
{
    internal static SpecDocument Load(string yaml, IReadOnlyDictionary<string, string>? environment = null, IReadOnlyDictionary<string, string>? cliVars = null, string? directory = null)
    {
        var dir = directory ?? System.IO.Path.GetTempPath();
        return SpecLoader.Load(yaml, "greenlight.yaml", dir, new SpecLoadOptions
        {
            Environment = environment ?? new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" },
            CliVariables = cliVars ?? new Dictionary<string, string>(),
        });
    }

    internal static SpecException LoadFails(string yaml, IReadOnlyDictionary<string, string>? environment = null)
    {
        try
        {
            Load(yaml, environment);
        }
        catch (SpecException ex)
        {
            return ex;
        }

        throw new Xunit.Sdk.XunitException("expected the spec to be rejected, but it loaded");
    }

    internal static async Task<RunReport> RunAsync(string yaml, IReadOnlyDictionary<string, string>? environment = null, RunOptions? options = null, string? directory = null, CancellationToken cancellationToken = default)
    {
        var spec = Load(yaml, environment, directory: directory);
        return await new RunEngine(spec, options ?? new RunOptions()).RunAsync(cancellationToken);
    }

    internal static CheckResult Result(this RunReport report, string id) => report.Results.Single(r => r.Id == id);
}
