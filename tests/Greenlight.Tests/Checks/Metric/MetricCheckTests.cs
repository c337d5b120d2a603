using Greenlight.Engine;
using Microsoft.AspNetCore.Builder;
using Greenlight.Spec;
using Greenlight.Tests.Fixtures;
using Greenlight.Watch;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Metric;

[Collection("prometheus")]
public sealed class MetricCheckTests(PrometheusServer prometheus)
{
    private string Spec(string query, string expect, string extra = "") => $"""
        version: 1
        name: metric-test
        checks:
          - id: m
            kind: metric
            url: {prometheus.Url}
            query: '{query}'
            {extra}
            expect: [{expect}]
        """;

    [Fact]
    public async Task Value_SingleSeries_PassesAndKeepsLabelsAsEvidence()
    {
        prometheus.Set("gl_value_single{service=\"api\"}", 0.97);
        await prometheus.WaitForSampleAsync("gl_value_single", TimeSpan.FromSeconds(30));

        var report = await SpecHarness.RunAsync(Spec("gl_value_single", "value > 0.95"));

        var result = report.Result("m");
        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        result.Evidence.Single(e => e.Name == "response").Content.ShouldContain("service=\"api\"");
        result.Evidence.Single(e => e.Name == "query").Content.ShouldContain("/api/v1/query");
    }

    [Fact]
    public async Task Value_BelowThreshold_FailsWithActualValue()
    {
        prometheus.Set("gl_value_low", 0.5);
        await prometheus.WaitForSampleAsync("gl_value_low", TimeSpan.FromSeconds(30));

        var result = (await SpecHarness.RunAsync(Spec("gl_value_low", "value > 0.95"))).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message.ShouldBe("value > 0.95: actual 0.5");
    }

    [Fact]
    public async Task ValuesAndSeries_SeveralSeries_AreAddressedByLabel()
    {
        prometheus.Set("gl_route_latency{route=\"search\"}", 0.01);
        prometheus.Set("gl_route_latency{route=\"history\"}", 0.2);
        await prometheus.WaitForSampleAsync("count(gl_route_latency)", TimeSpan.FromSeconds(30), v => v == 2);

        var report = await SpecHarness.RunAsync(Spec("gl_route_latency", "series == 2, values.search < 0.05, values.history > 0.1, max == 0.2, min == 0.01"));
        report.Result("m").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("m").Message);

        // `value` names one series; with two it is missing and says why.
        var single = (await SpecHarness.RunAsync(Spec("gl_route_latency", "value < 1"))).Result("m");
        single.Outcome.ShouldBe(CheckOutcome.Fail);
        single.Message!.ShouldContain("returned 2 series");
    }

    [Fact]
    public async Task Range_OverAWindow_AsksQueryRangeAndAggregatesPoints()
    {
        prometheus.Set("gl_ranged", 3);
        await prometheus.WaitForSampleAsync("gl_ranged", TimeSpan.FromSeconds(30));

        var result = (await SpecHarness.RunAsync(Spec("gl_ranged", "max == 3, min == 3, avg == 3, last == 3", "range: 30s\n    step: 1s"))).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        result.Evidence.Single(e => e.Name == "query").Content.ShouldContain("/api/v1/query_range");
        result.Evidence.Single(e => e.Name == "response").Content.ShouldContain("matrix");
    }

    [Fact]
    public async Task EmptyVector_InCheck_FailsAsNoData()
    {
        var result = (await SpecHarness.RunAsync(Spec("gl_never_exposed_metric", "value < 1"))).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message!.ShouldContain("no data: the query returned no series");
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    public async Task NotANumber_IsNoDataNeverAComparison(double value, string spelled)
    {
        var name = spelled == "NaN" ? "gl_nan_value" : "gl_inf_value";
        prometheus.Set(name, value);
        await prometheus.WaitForSampleAsync($"count({name})", TimeSpan.FromSeconds(30));

        var result = (await SpecHarness.RunAsync(Spec(name, "value < 1"))).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message!.ShouldContain($"no data: the value is {spelled}");
    }

    [Theory]
    [InlineData("fail", "Fail")]
    [InlineData("inconclusive", "Inconclusive")]
    [InlineData("pass", "Pass")]
    public async Task EmptyVector_InAWatch_FollowsOnNoData(string policy, string outcome)
    {
        var expected = Enum.Parse<MeasurementOutcome>(outcome);
        var spec = SpecHarness.Load(Spec("gl_absent_in_watch", "value < 1").Replace("expect:", "phase: watch\n    expect:", StringComparison.Ordinal) + $"\nwatch:\n  on_no_data: {policy}\n");
        var check = spec.Checks[0];
        var observation = await check.Probe.ObserveAsync(Context(check), CancellationToken.None);

        var measurement = Measurer.Classify(spec.Watch!.RulesFor("m"), check, observation, s => s);

        measurement.Outcome.ShouldBe(expected);
        measurement.NoData.ShouldBeTrue();
        measurement.Message!.ShouldContain("no data");
    }

    [Fact]
    public async Task MalformedQuery_Http400_IsAnErrorThatSaysSo()
    {
        var result = (await SpecHarness.RunAsync(Spec("rate(gl_up[", "value < 1"))).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message!.ShouldContain("HTTP 400");
        result.Message!.ShouldContain("bad_data");
    }

    [Fact]
    public async Task PrometheusDown_IsAnErrorWithinTheTimeout()
    {
        var spec = Spec("up", "value == 1").Replace(prometheus.Url, "http://127.0.0.1:9", StringComparison.Ordinal);

        var result = (await SpecHarness.RunAsync(spec)).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message!.ShouldContain("cannot be asked");
    }

    [Fact]
    public async Task BearerAuth_SendsTheTokenAndRedactsIt()
    {
        string? seen = null;
        await using var fake = await TestHttpServer.StartAsync(app => app.MapPost("/api/v1/query", (Microsoft.AspNetCore.Http.HttpContext context) =>
        {
            seen = context.Request.Headers.Authorization.ToString();
            return Microsoft.AspNetCore.Http.Results.Text("""{"status":"success","data":{"resultType":"scalar","result":[1700000000,"2"]}}""", "application/json");
        }));
        var yaml = $"""
            version: 1
            name: auth
            secrets: [PROM_TOKEN]
            checks:
              - id: m
                kind: metric
                url: {fake.Url}
                query: 'vector(2)'
                auth: {"{"} bearer: "${"{"}PROM_TOKEN{"}"}" {"}"}
                expect: [value == 2]
            """;

        var report = await SpecHarness.RunAsync(yaml, new Dictionary<string, string> { ["PROM_TOKEN"] = "tok-very-secret-123" });

        report.Result("m").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("m").Message);
        seen.ShouldBe("Bearer tok-very-secret-123");
        report.Results.SelectMany(r => r.Evidence).ShouldAllBe(e => !e.Content.Contains("tok-very-secret-123"));
    }

    [Fact]
    public void Load_BadRangeAndUnknownField_AreSpecErrorsWithPositions()
    {
        var errors = SpecHarness.LoadFails(Spec("up", "value == 1", "range: soon\n    colour: red")).Errors;

        errors.ShouldContain(e => e.Message.Contains("`range`: expected a duration") && e.Location.Line == 8);
        errors.ShouldContain(e => e.Message.Contains("unknown field `colour`"));
    }

    private static Greenlight.Checks.CheckRunContext Context(CheckDefinition check) => new()
    {
        Check = check,
        Expand = s => s,
        Variables = new VariableScope(new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>()),
        SpecDirectory = Path.GetTempPath(),
        Time = TimeProvider.System,
        Http = new Greenlight.Checks.HttpClientCache(),
    };
}
