using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Greenlight.Tests.Signoffs;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Rule;

public class RuleCheckTests
{
    private const string Storage = """
        from api.db import get_conn

        def get_user_context(user_id):
            with get_conn() as conn:
                cursor = conn.cursor()
                cursor.execute("SELECT context_data FROM user_contexts WHERE user_id = %s", (user_id,))
                return cursor.fetchone()

        def save(user_id, data):
            conn = get_conn()
            cursor = conn.cursor()
            cursor.execute("INSERT INTO user_contexts (user_id, context_data) VALUES (?, ?)", (user_id, data))
            try:
                conn.commit()
            except: pass
        """;

    private static string Spec(string rule) => $"""
        version: 1
        name: conventions
        checks:
          - id: rule
            kind: rule
            files: ["api/**/*.py"]
        {rule}
        """;

    [Theory]
    [InlineData("    must_not_match: 'execute\\(\\s*[\"''][^\"'']*\\?'\n    message: use %s placeholders, not ?", 12, 12, "cursor.execute(\"INSERT INTO user_contexts (user_id, context_data) VALUES (?, ?)\", (user_id, data))")]
    [InlineData("    must_not_match: '^(?!\\s*with\\b).*\\bget_conn\\(\\)'\n    message: open connections with `with get_conn() as conn:`", 10, 1, "conn = get_conn()")]
    [InlineData("    must_not_match: 'except\\s*:\\s*pass'\n    message: do not swallow exceptions", 15, 5, "except: pass")]
    public async Task Observe_SeedConventions_ReportEachViolationWithFileLineColumnAndLine(string rule, int line, int column, string text)
    {
        using var dir = new TempDirectory();
        dir.Write("api/storage.py", Storage);
        dir.Write("tests/test_storage.py", "cursor.execute('SELECT ?')\nexcept: pass\nconn = get_conn()\n");

        var report = await SpecHarness.RunAsync(Spec(rule), directory: dir.Path);

        var result = report.Result("rule");
        result.Outcome.ShouldBe(CheckOutcome.Fail, result.Message);
        result.Message!.ShouldStartWith($"no violations: 1 found: api/storage.py:{line}:{column}: ");
        result.Evidence.Single(e => e.Name == "violations").Content.ShouldContain($"api/storage.py:{line}:{column}: ");
        result.Evidence.Single(e => e.Name == "violations").Content.ShouldContain("    " + text);
    }

    [Fact]
    public async Task Observe_MustMatchPerFileAndAtLeastAcrossTheSet()
    {
        using var dir = new TempDirectory();
        dir.Write("api/a.py", "from __future__ import annotations\n");
        dir.Write("api/b.py", "import os\n");
        var perFile = await SpecHarness.RunAsync(Spec("    must_match: '^from __future__ import annotations'"), directory: dir.Path);
        perFile.Result("rule").Message!.ShouldContain("api/b.py:1:1: does not match");

        var set = await SpecHarness.RunAsync(Spec("    must_match: 'import'\n    at_least: 3\n    message: too few imports"), directory: dir.Path);
        set.Result("rule").Message!.ShouldContain("2 matches of /import/ across the set, at least 3 expected: too few imports");

        var counted = await SpecHarness.RunAsync(Spec("    must_match: 'import'\n    at_least: 2\n    expect: [files == 2, violations == 0]"), directory: dir.Path);
        counted.Result("rule").Outcome.ShouldBe(CheckOutcome.Pass);
    }

    [Fact]
    public async Task Observe_InsideARepository_ReadsOnlyTrackedFiles()
    {
        using var repo = await GitRepository.CreateAsync();
        repo.Write("api/tracked.py", "import os\n");
        await repo.CommitAsync("init");
        repo.Write("api/scratch.py", "except: pass\n");

        var report = await SpecHarness.RunAsync(Spec("    must_not_match: 'except\\s*:\\s*pass'"), directory: repo.Path);
        report.Result("rule").Outcome.ShouldBe(CheckOutcome.Pass);

        var all = await SpecHarness.RunAsync(Spec("    git_tracked: false\n    must_not_match: 'except\\s*:\\s*pass'"), directory: repo.Path);
        all.Result("rule").Outcome.ShouldBe(CheckOutcome.Fail);
    }

    [Fact]
    public async Task Observe_CatastrophicBacktracking_IsAnErrorWithinTheRegexTimeout()
    {
        using var dir = new TempDirectory();
        dir.Write("api/evil.py", new string('a', 40) + "!\n");

        var report = await SpecHarness.RunAsync(Spec("    must_not_match: '^(a+)+$'\n    regex_timeout: 200ms"), directory: dir.Path);

        var result = report.Result("rule");
        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message!.ShouldContain("ran longer than 200ms on api/evil.py (catastrophic backtracking?)");
    }

    [Theory]
    [InlineData("    message: no regex", "a rule needs `must_match` or `must_not_match`")]
    [InlineData("    must_not_match: '(unclosed'", "`must_not_match`: invalid regular expression")]
    [InlineData("    must_not_match: x\n    at_least: 2", "`at_least` counts matches of `must_match`")]
    public void Create_BadRule_IsALoadError(string rule, string message)
    {
        var ex = SpecHarness.LoadFails(Spec(rule));
        ex.Errors.ShouldContain(e => e.Message.Contains(message, StringComparison.Ordinal), string.Join("\n", ex.Errors));
    }
}
