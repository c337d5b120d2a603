using System.Diagnostics;
using System.Text.RegularExpressions;
using Greenlight.Reports;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Tests.Ci;

/// <summary>
/// The composite action at the repository root: valid against the Actions metadata schema (SchemaStore's
/// github-action.json, as the npm action-validator applies it), every input it uses declared, and its
/// check step run as the runner would run it: bash, the step's env, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
/// </summary>
public partial class ActionYmlTests
{
    private static string ActionPath => Path.Combine(RepositoryPaths.Root, "action.yml");

    private static async Task<(int ExitCode, string Output)> ValidateAsync(string file)
    {
        var cli = Path.Combine(NodeTools.Require("@action-validator/cli"), "cli.mjs");
        var (exit, stdout, stderr) = await NodeTools.RunAsync(cli, Path.GetDirectoryName(file)!, file);
        return (exit, stdout + stderr);
    }

    [Fact]
    public async Task ActionYml_ValidAgainstTheActionsMetadataSchema()
    {
        var (exit, output) = await ValidateAsync(ActionPath);

        exit.ShouldBe(0, output);
    }

    [Fact]
    public async Task Validator_CompositeStepWithoutShell_IsRejected()
    {
        // The validator is not a rubber stamp: the same action with one step's shell removed fails.
        using var dir = new TempDirectory();
        var broken = File.ReadAllText(ActionPath).Replace("      id: check\n      shell: bash\n", "      id: check\n", StringComparison.Ordinal);
        broken.ShouldNotBe(File.ReadAllText(ActionPath));
        var file = dir.Write("action.yml", broken);

        var (exit, output) = await ValidateAsync(file);

        exit.ShouldBe(1);
        output.ShouldContain("/runs/steps/2/shell");
    }

    [Fact]
    public void ActionYml_EveryInputItUsesIsDeclaredAndFormatsAreReal()
    {
        var root = Load();
        var inputs = ((YamlMappingNode)root["inputs"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        var used = InputUse().Matches(File.ReadAllText(ActionPath)).Select(m => m.Groups[1].Value).Distinct().ToList();

        used.ShouldBeSubsetOf(inputs);
        inputs.ShouldBeSubsetOf(used, "an input nobody reads is a field that does nothing");
        var formats = ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)root["inputs"])["format"])["description"]).Value!;
        foreach (var named in new[] { "github", "md", "json", "junit", "gitlab-codequality" })
        {
            formats.ShouldContain(named);
            ReportWriters.Find(named).ShouldNotBeNull($"the action offers format `{named}`");
        }
    }

    [Fact]
    public async Task CheckStep_NoGo_FailsWithOutputsAnnotationsSummaryAndReports()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", """
            version: 1
            name: action
            environments:
              staging: { vars: { WANT: staging } }
            checks:
              - id: stage
                kind: command
                run: "echo production"
                expect: ['stdout contains "${WANT}"']
            """);

        var run = await RunCheckStepAsync(dir, new() { ["spec"] = "greenlight.yaml", ["env"] = "staging", ["format"] = "github" });

        run.ExitCode.ShouldBe(1, run.Log);
        run.Outputs["verdict"].ShouldBe("no_go");
        run.Outputs["exit-code"].ShouldBe("1");
        run.Outputs["run-id"].Length.ShouldBe(32);
        File.Exists(Path.Combine(run.Folder, "report.json")).ShouldBeTrue();
        var annotation = run.Log.Split('\n').Select(WorkflowCommandParser.Parse).First(c => c is { Name: "error" })!;
        annotation.Properties["file"].ShouldBe("greenlight.yaml");
        annotation.Properties["line"].ShouldBe("6");
        run.Summary.ShouldContain("## Greenlight: NO-GO");
        run.Summary.ShouldContain("environment `staging`");

        // The HTML release review is written and named as the action's `report` output.
        var html = Path.Combine(run.Folder, "report.html");
        run.Outputs["report"].ShouldBe(html);
        File.ReadAllText(html).ShouldContain("NO-GO");
    }

    [Fact]
    public async Task CheckStep_Go_PassesAndBadSpec_Exit2WithoutARun()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", "version: 1\nname: ok\nchecks:\n  - { id: ok, kind: command, run: \"true\" }\n");
        dir.Write("bad.yaml", "version: 1\nname: bad\nchecks:\n  - { id: ok, kind: nope }\n");

        var go = await RunCheckStepAsync(dir, new() { ["spec"] = "greenlight.yaml", ["format"] = "junit" });
        var bad = await RunCheckStepAsync(dir, new() { ["spec"] = "bad.yaml" });

        go.ExitCode.ShouldBe(0, go.Log);
        go.Outputs["verdict"].ShouldBe("go");
        go.Log.ShouldContain("<testsuites");
        bad.ExitCode.ShouldBe(2, bad.Log);
        bad.Outputs["run-id"].ShouldBe("");
        bad.Log.ShouldContain("bad.yaml:4");
    }

    private sealed record StepRun(int ExitCode, string Log, Dictionary<string, string> Outputs, string Summary, string Folder);

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(ActionPath)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>Runs the check step's script as the runner would: bash, its env with the inputs (defaults filled in), the runner's files.</summary>
    private static async Task<StepRun> RunCheckStepAsync(TempDirectory dir, Dictionary<string, string> given)
    {
        var root = Load();
        var inputs = (YamlMappingNode)root["inputs"];
        string Input(string name) => given.TryGetValue(name, out var v) ? v : ((YamlScalarNode)((YamlMappingNode)inputs[name])["default"]).Value ?? "";
        var step = ((YamlSequenceNode)((YamlMappingNode)root["runs"])["steps"]).Cast<YamlMappingNode>()
            .Single(s => s.Children.TryGetValue("id", out var id) && ((YamlScalarNode)id).Value == "check");
        var runner = Directory.CreateDirectory(Path.Combine(dir.Path, "runner-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        // greenlight on PATH, as the install step leaves it.
        var bin = Path.GetDirectoryName(CliHarness.Executable)!;
        var output = Path.Combine(runner, "output.txt");
        var summary = Path.Combine(runner, "summary.md");
        await File.WriteAllTextAsync(output, "");
        await File.WriteAllTextAsync(summary, "");

        var start = new ProcessStartInfo("bash") { WorkingDirectory = dir.Path, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--noprofile");
        start.ArgumentList.Add("--norc");
        start.ArgumentList.Add("-eo");
        start.ArgumentList.Add("pipefail");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(((YamlScalarNode)step["run"]).Value!);
        foreach (var (key, value) in ((YamlMappingNode)step["env"]).Children)
        {
            start.Environment[((YamlScalarNode)key).Value!] = InputReference().Replace(((YamlScalarNode)value).Value!, m => Input(m.Groups[1].Value));
        }

        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["RUNNER_TEMP"] = runner;
        start.Environment["GITHUB_OUTPUT"] = output;
        start.Environment["GITHUB_STEP_SUMMARY"] = summary;
        start.Environment["GITHUB_WORKSPACE"] = dir.Path;
        start.Environment["NO_COLOR"] = "1";
        start.Environment.Remove("GREENLIGHT_STORE");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(cts.Token);
        var outputs = (await File.ReadAllLinesAsync(output)).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return new StepRun(process.ExitCode, await stdout + await stderr, outputs, await File.ReadAllTextAsync(summary), Path.Combine(runner, "greenlight-report"));
    }

    [GeneratedRegex(@"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}")]
    private static partial Regex InputReference();

    // In ${{ … }} or in a step's `if:` (an expression already).
    [GeneratedRegex(@"\binputs\.([A-Za-z0-9_-]+)")]
    private static partial Regex InputUse();
}
