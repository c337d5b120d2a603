using System.Text;
using Greenlight.Spec;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Spec;

/// <summary>Issue 8 item 10: any input has a bounded cost to load, and going past a bound is a spec error with its position.</summary>
public class SpecLimitsTests
{
    private const string Head = "version: 1\nname: x\n";

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    public void Load_Issue8_DeepFlowNesting_IsASpecErrorWithAPosition(string open, string close)
    {
        var nesting = string.Concat(Enumerable.Repeat(open, 50_000)) + (open == "[" ? "" : "1") + string.Concat(Enumerable.Repeat(close, 50_000));
        var error = SpecHarness.LoadFails(Head + "checks:\n  - id: a\n    kind: env\n    require: " + nesting + "\n").Errors.ShouldHaveSingleItem();

        error.Message.ShouldContain($"nested more than {YamlLimits.MaxDepth} levels deep");
        error.Location.Line.ShouldBe(6);
        error.Location.Column.ShouldBeGreaterThan(YamlLimits.MaxDepth);
    }

    [Fact]
    public void Load_Issue8_DeepBlockNesting_IsASpecError()
    {
        var yaml = new StringBuilder(Head + "deep:\n");
        for (var i = 1; i <= 200; i++)
        {
            yaml.Append(new string(' ', i)).Append("- \n");
        }

        var error = SpecHarness.LoadFails(yaml + "checks: []\n").Errors.ShouldHaveSingleItem();

        error.Message.ShouldContain("nested more than");
        error.Location.Line.ShouldBeGreaterThan(3);
    }

    [Fact]
    public void Load_Issue8_NestingAtTheLimit_Loads()
    {
        // 60 levels inside `expect` (the spec itself is 4 deep): unusual, but within the bound, so the limit is not too tight.
        var nested = new string('[', 55) + new string(']', 55);
        var error = SpecHarness.LoadFails(Head + "checks:\n  - id: a\n    kind: env\n    require: [PATH]\n    other: " + nested + "\n").Errors.ShouldHaveSingleItem();

        error.Message.ShouldContain("unknown field `other`");
    }

    [Fact]
    public void Load_Issue8_AliasFanOut_IsStoppedAtTheAliasWithBoundedMemory()
    {
        var yaml = Head + """
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            checks:
              - id: h
                kind: http
                request: { method: POST, url: "http://127.0.0.1:1/", json: *i }
            """;
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = SpecHarness.LoadFails(yaml).Errors.ShouldHaveSingleItem();

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(50L << 20, "a billion laughs must not be expanded to be refused");
        error.Message.ShouldContain("expands to more than 200,000 values");
        error.Location.Line.ShouldBe(8);
    }

    [Fact]
    public void Load_Issue8_AliasInsideItsOwnAnchor_IsACycleError()
    {
        var error = SpecHarness.LoadFails(Head + "a: &a [1, *a]\nchecks: []\n").Errors.ShouldHaveSingleItem();

        error.Message.ShouldContain("alias *a is inside its own anchor &a");
        error.Location.ShouldBe(new SourceLocation("greenlight.yaml", 3, 11));
    }

    [Fact]
    public void Load_Issue8_AliasesWithinTheBound_StillWork()
    {
        var spec = SpecHarness.Load(Head + """
            checks:
              - id: a
                kind: env
                require: &names [PATH, HOME]
              - id: b
                kind: env
                optional: *names
            """);

        spec.Checks.Count.ShouldBe(2);
    }

    [Fact]
    public void Load_Issue8_DeeplyNestedDefaults_AreAnErrorAtTheirPosition()
    {
        const int levels = 40_000;
        var value = string.Concat(Enumerable.Repeat("${A:-", levels)) + "1s" + new string('}', levels);
        var errors = SpecHarness.LoadFails(Head + "checks:\n  - id: a\n    kind: env\n    require: [PATH]\n    timeout: \"" + value + "\"\n").Errors;

        var nesting = errors.Single(e => e.Message.Contains("nested more than 16 levels", StringComparison.Ordinal));
        nesting.Location.Line.ShouldBe(7);
    }

    [Fact]
    public void Load_Issue8_NestedDefaultsWithinTheBound_Expand()
    {
        var value = string.Concat(Enumerable.Repeat("${UNSET_X:-", 15)) + "5s" + new string('}', 15);
        var spec = SpecHarness.Load(Head + "checks:\n  - id: a\n    kind: env\n    require: [PATH]\n    timeout: \"" + value + "\"\n");

        spec.Checks[0].Timeout.ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Load_Issue8_VariablesThatRepeatEachOther_StopAtTheExpandedSizeLimit()
    {
        var yaml = new StringBuilder(Head + "vars:\n  v0: \"" + new string('x', 100) + "\"\n");
        for (var i = 1; i <= 12; i++)
        {
            yaml.Append($"  v{i}: ").Append(string.Concat(Enumerable.Repeat($"${{v{i - 1}}}", 10))).Append('\n');
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var errors = SpecHarness.LoadFails(yaml + "checks:\n  - id: a\n    kind: env\n    require: [PATH]\n").Errors;

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(200L << 20);
        var error = errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("expands to more than 1,048,576 characters");
        error.Location.ShouldBe(new SourceLocation("greenlight.yaml", 9, 7));
    }

    [Fact]
    public void Load_Issue8_ManyLargeValues_StopAtTheSpecsTotalBudget()
    {
        var yaml = new StringBuilder(Head + "vars:\n  big: \"" + new string('x', 1_000_000) + "\"\n");
        for (var i = 0; i < 60; i++)
        {
            yaml.Append($"  copy{i}: ${{big}}\n");
        }

        var errors = SpecHarness.LoadFails(yaml + "checks:\n  - id: a\n    kind: env\n    require: [PATH]\n").Errors;

        errors.ShouldHaveSingleItem().Message.ShouldContain("expand to more than 33,554,432 characters in all");
    }

    [Fact]
    public void Load_Issue8_ALongChainOfNeeds_IsCheckedWithoutRecursion()
    {
        var yaml = new StringBuilder(Head + "checks:\n  - id: c0\n    kind: env\n    require: [PATH]\n    needs: [c4999]\n");
        for (var i = 1; i < 5000; i++)
        {
            yaml.Append($"  - id: c{i}\n    kind: env\n    require: [PATH]\n    needs: [c{i - 1}]\n");
        }

        var error = SpecHarness.LoadFails(yaml.ToString()).Errors.ShouldHaveSingleItem();

        error.Message.ShouldStartWith("`needs` form a cycle: c0 → c4999 → c4998");
    }

    [Fact]
    public void Load_Issue8_A200KilobyteSpec_Loads()
    {
        var yaml = SpecLoadBench.Generate(200 * 1024);

        var spec = SpecHarness.Load(yaml, new Dictionary<string, string> { ["PATH"] = "/bin", ["API_BASE"] = "http://127.0.0.1:1" });

        yaml.Length.ShouldBeGreaterThanOrEqualTo(200 * 1024);
        spec.Checks.Count.ShouldBeGreaterThan(500);
    }

    [Fact]
    public void Load_Issue8_InputThatMakesTheYamlScannerThrow_IsASpecErrorWithAPosition()
    {
        // Found by the fuzz test: YamlDotNet's scanner throws InvalidOperationException on this.
        var error = SpecHarness.LoadFails("vars:\n  - id: api.boots\n  - id: [[[[\n    request:").Errors.ShouldHaveSingleItem();

        error.Message.ShouldStartWith("invalid YAML after this point");
        error.Location.Line.ShouldBe(3);
    }
}
