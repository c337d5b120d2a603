using Greenlight.Engine;
using Greenlight.Releases;
using Greenlight.Spec;
using Greenlight.Store;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Releases;

/// <summary>The core use case every host calls: load, provenance, store, engine, exit intent.</summary>
public class ReleaseCheckTests
{
    private sealed class Listener : IReleaseCheckListener
    {
        public List<string> Loaded { get; } = [];

        public void SpecLoaded(SpecDocument spec, IReadOnlyList<SpecError> warnings, Greenlight.Secrets.Redactor redactor) => Loaded.Add(spec.Name);
    }

    [Fact]
    public async Task RunAsync_Issue9_RunsRecordsAndDecidesTheExit()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", "version: 1\nname: rc\nchecks:\n  - { id: ok, kind: command, run: \"true\" }\n  - { id: m, kind: command, run: \"exit 1\", severity: medium }\n");
        var listener = new Listener();

        var outcome = await ReleaseCheck.RunAsync(new ReleaseCheckRequest { SpecPath = spec, Listener = listener }, CancellationToken.None);
        var strict = await ReleaseCheck.RunAsync(new ReleaseCheckRequest { SpecPath = spec, Strict = true, NoStore = true }, CancellationToken.None);

        outcome.Status.ShouldBe(ReleaseCheckStatus.Ran);
        outcome.Report!.Verdict.ShouldBe(Verdict.GoWithWarnings);
        outcome.Exit.ShouldBe(ReleaseExit.Go);
        outcome.Recorded.ShouldBeTrue();
        listener.Loaded.ShouldBe(["rc"]);
        strict.Exit.ShouldBe(ReleaseExit.NoGo);
        strict.Recorded.ShouldBeFalse();

        var store = await RunStoreFactory.OpenAsync(null, spec, CancellationToken.None);
        (await store.LoadAsync(outcome.Report.RunId, CancellationToken.None)).Report.Results.Count.ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_Issue9_BadSpecOrUnknownOnly_RunsNothingAndCreatesNoStore()
    {
        using var dir = new TempDirectory();
        var bad = dir.Write("bad.yaml", "version: 1\nname: rc\nchecks:\n  - { id: ok, kind: comand }\n");
        var good = dir.Write("greenlight.yaml", "version: 1\nname: rc\nchecks:\n  - { id: ok, kind: command, run: \"touch ran\" }\n");

        var invalid = await ReleaseCheck.RunAsync(new ReleaseCheckRequest { SpecPath = bad }, CancellationToken.None);
        var unknown = await ReleaseCheck.RunAsync(new ReleaseCheckRequest { SpecPath = good, Only = ["okk"] }, CancellationToken.None);

        invalid.Status.ShouldBe(ReleaseCheckStatus.SpecInvalid);
        invalid.Exit.ShouldBe(ReleaseExit.BadInput);
        invalid.SpecErrors.ShouldHaveSingleItem().Location.Line.ShouldBe(4);
        unknown.Status.ShouldBe(ReleaseCheckStatus.BadRequest);
        unknown.Error.ShouldNotBeNull().ShouldContain("did you mean `ok`?");
        File.Exists(Path.Combine(dir.Path, "ran")).ShouldBeFalse();
        Directory.Exists(Path.Combine(dir.Path, ".greenlight")).ShouldBeFalse();
    }

    [Fact]
    public async Task RunAsync_Interrupted_ExitsInterruptedAndKeepsTheReport()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", "version: 1\nname: rc\nchecks:\n  - { id: ok, kind: command, run: \"true\" }\n");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var outcome = await ReleaseCheck.RunAsync(new ReleaseCheckRequest { SpecPath = spec, NoStore = true }, cts.Token);

        outcome.Exit.ShouldBe(ReleaseExit.Interrupted);
        outcome.Report!.Interrupted.ShouldBeTrue();
    }
}
