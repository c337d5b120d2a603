using System.Text.Json.Nodes;
using Greenlight.Assertions;
using Greenlight.JsonPath;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Assertions;

public class AssertionEvaluatorTests
{
    private sealed class Source(Dictionary<string, AssertionValue> values, IReadOnlyList<AssertionValue>? samples = null) : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject) =>
            values.TryGetValue(subject.Argument is null ? subject.Root : $"{subject.Root}.{subject.Argument}", out var v) ? v : AssertionValue.Missing;

        public IReadOnlyList<AssertionValue> Samples(SubjectRef subject) => samples ?? [Resolve(subject)];
    }

    private static AssertionResult Eval(string text, Dictionary<string, AssertionValue> values, IReadOnlyList<AssertionValue>? samples = null) =>
        AssertionEvaluator.Evaluate(AssertionParser.Parse(text), new Source(values, samples), s => s.Replace("${V}", "42", StringComparison.Ordinal));

    private static Dictionary<string, AssertionValue> Json(string json) =>
        new() { ["json.$"] = AssertionValue.FromJson(JsonNode.Parse(json)) };

    [Theory]
    [InlineData("status == 200", 200, true)]
    [InlineData("status == 200", 503, false)]
    [InlineData("status != 500", 503, true)]
    [InlineData("status >= 200", 200, true)]
    [InlineData("status < 400", 404, false)]
    [InlineData("status in [200, 204]", 204, true)]
    [InlineData("status not in [500, 502]", 502, false)]
    public void Evaluate_Numbers_CompareByValue(string text, int status, bool passed)
    {
        Eval(text, new() { ["status"] = AssertionValue.FromNumber(status) }).Passed.ShouldBe(passed);
    }

    [Fact]
    public void Evaluate_Failure_ShowsActualBesideExpected()
    {
        var result = Eval("status == 200", new() { ["status"] = AssertionValue.FromNumber(503) });

        result.Passed.ShouldBeFalse();
        result.Actual.ShouldBe("503");
        result.Expected.ShouldBe("200");
        result.Describe().ShouldBe("status == 200: actual 503");
    }

    [Fact]
    public void Evaluate_StringAgainstNumber_IsNotEqual()
    {
        var result = Eval("json.$.count == 5", new() { ["json.$.count"] = AssertionValue.FromString("5") });

        result.Passed.ShouldBeFalse();
        result.Actual.ShouldBe("\"5\"");
    }

    [Fact]
    public void Evaluate_DurationAgainstNumber_FailsWithReason()
    {
        var result = Eval("json.$.t < 500ms", new() { ["json.$.t"] = AssertionValue.FromNumber(3) });

        result.Passed.ShouldBeFalse();
        result.Note!.ShouldContain("cannot compare number 3 with duration 500ms");
    }

    [Theory]
    [InlineData("duration < 500ms", 499, true)]
    [InlineData("duration < 500ms", 500, false)]
    [InlineData("duration <= 1s", 1000, true)]
    public void Evaluate_Durations_CompareInMilliseconds(string text, double ms, bool passed)
    {
        Eval(text, new() { ["duration"] = AssertionValue.FromMilliseconds(ms) }).Passed.ShouldBe(passed);
    }

    [Fact]
    public void Evaluate_MissingSubject_FailsExceptNotExists()
    {
        Eval("header.X-Version exists", []).Passed.ShouldBeFalse();
        Eval("header.X-Version == \"1\"", []).Actual.ShouldBe("<missing>");
        Eval("header.X-Version not exists", []).Passed.ShouldBeTrue();
    }

    [Theory]
    [InlineData("{\"insight\": null}", "json.$.insight is not empty", false)]
    [InlineData("{\"insight\": \"\"}", "json.$.insight is not empty", false)]
    [InlineData("{\"insight\": \"calm\"}", "json.$.insight is not empty", true)]
    [InlineData("{\"items\": []}", "json.$.items is empty", true)]
    [InlineData("{\"ok\": true}", "json.$.ok == true", true)]
    [InlineData("{\"ok\": \"true\"}", "json.$.ok == true", false)]
    [InlineData("{\"v\": null}", "json.$.v == null", true)]
    [InlineData("{\"tags\": [\"a\", \"b\"]}", "json.$.tags contains \"b\"", true)]
    [InlineData("{\"tags\": [\"a\", \"b\"]}", "len(json.$.tags) == 2", true)]
    [InlineData("{\"name\": \"greenlight\"}", "len(json.$.name) > 20", false)]
    [InlineData("{\"user\": {\"id\": 1}}", "json.$.user contains \"id\"", true)]
    public void Evaluate_Json_IsTyped(string json, string assertion, bool passed)
    {
        var values = Json(json);
        var node = JsonNode.Parse(json);
        var path = AssertionParser.Parse(assertion).Subject.Argument!;
        var matches = JsonPathQuery.Parse(path).Select(node);
        values[$"json.{path}"] = matches.Count == 0 ? AssertionValue.Missing : AssertionValue.FromJson(matches[0]);
        Eval(assertion, values).Passed.ShouldBe(passed);
    }

    [Fact]
    public void Evaluate_Regex_MatchesText()
    {
        var values = new Dictionary<string, AssertionValue> { ["stdout"] = AssertionValue.FromString("Version 10.0.1\n") };

        Eval("stdout matches /version \\d+/i", values).Passed.ShouldBeTrue();
        Eval("stdout not matches /^error/m", values).Passed.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_Template_IsExpandedThenTyped()
    {
        Eval("json.$.n == ${V}", new() { ["json.$.n"] = AssertionValue.FromNumber(42) }).Passed.ShouldBeTrue();
        Eval("json.$.n == \"${V}\"", new() { ["json.$.n"] = AssertionValue.FromNumber(42) }).Passed.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_Percentiles_UseEverySample()
    {
        var samples = Enumerable.Range(1, 100).Select(i => AssertionValue.FromMilliseconds(i)).ToList();

        Eval("p95(duration) <= 95ms", [], samples).Passed.ShouldBeTrue();
        Eval("p99(duration) < 99ms", [], samples).Passed.ShouldBeFalse();
        Eval("max(duration) == 100ms", [], samples).Passed.ShouldBeTrue();
        Eval("p50(duration) == 50ms", [], samples).Passed.ShouldBeTrue();
    }
}
