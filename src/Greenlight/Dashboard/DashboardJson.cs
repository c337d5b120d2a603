using System.Text.Encodings.Web;
using System.Text.Json;
using Greenlight.Engine;
using Greenlight.Reports;
using Greenlight.Store;

namespace Greenlight.Dashboard;

/// <summary>
/// The dashboard's JSON contract, <c>greenlight.dashboard/v1</c> (a run itself is the report contract,
/// <c>greenlight.report/v1</c>, written by <see cref="JsonReportWriter"/>). Fields may be added; none
/// is renamed or removed without a new schema name. Written with Utf8JsonWriter: no reflection.
/// </summary>
internal static class DashboardJson
{
    public const string SchemaName = "greenlight.dashboard/v1";

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteRunsAsync(IReadOnlyList<RunSummary> runs, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("schema", SchemaName);
        json.WriteStartArray("runs");
        foreach (var run in runs)
        {
            WriteRun(json, run);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    public static async Task WriteRunAsync(RunReport report, Stream output, CancellationToken cancellationToken) =>
        await new JsonReportWriter().WriteAsync(report, output, cancellationToken);

    public static async Task WriteHistoryAsync(string spec, string checkId, IReadOnlyList<CheckPoint> points, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("schema", SchemaName);
        json.WriteString("spec", spec);
        json.WriteString("check", checkId);
        json.WriteStartArray("history");
        foreach (var p in points)
        {
            json.WriteStartObject();
            json.WriteString("run_id", p.RunId);
            json.WriteString("started_at", JsonReportWriter.Timestamp(p.StartedAt));
            json.WriteString("outcome", JsonReportWriter.OutcomeName(p.Outcome));
            json.WriteNumber("duration_ms", p.DurationMs);
            json.WriteNumber("attempts", p.Attempts);
            if (p.Message is not null)
            {
                json.WriteString("message", p.Message);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    /// <summary>One measurement, as a server-sent event's data.</summary>
    public static string Measurement(Watch.Measurement m)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("check", m.CheckId);
            json.WriteNumber("tick", m.Tick);
            json.WriteString("started_at", JsonReportWriter.Timestamp(m.StartedAt));
            json.WriteString("outcome", Watch.WatchJudge.Code(m.Outcome));
            json.WriteNumber("duration_ms", m.DurationMs);
            if (m.Value is not null)
            {
                json.WriteString("value", m.Value);
            }

            if (m.Number is double n && double.IsFinite(n))
            {
                json.WriteNumber("number", n);
            }

            if (m.Message is not null)
            {
                json.WriteString("message", m.Message);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The end of a window, as a server-sent event's data.</summary>
    public static string End(WatchView view)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", view.Status);
            if (view.Verdict is { } v)
            {
                json.WriteString("verdict", VerdictRules.Code(v));
                json.WriteString("verdict_text", VerdictRules.Spell(v));
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteRun(Utf8JsonWriter json, RunSummary run)
    {
        json.WriteStartObject();
        json.WriteString("run_id", run.Id);
        json.WriteString("spec", run.Spec);
        json.WriteString("phase", run.Phase);
        json.WriteString("status", run.Status.ToString().ToLowerInvariant());
        if (run.Verdict is { } verdict)
        {
            json.WriteString("verdict", VerdictRules.Code(verdict));
        }
        else
        {
            json.WriteNull("verdict");
        }

        json.WriteString("started_at", JsonReportWriter.Timestamp(run.StartedAt));
        if (run.FinishedAt is { } finished)
        {
            json.WriteString("finished_at", JsonReportWriter.Timestamp(finished));
            json.WriteNumber("duration_ms", (long)(finished - run.StartedAt).TotalMilliseconds);
        }

        json.WriteStartObject("counts");
        json.WriteNumber("pass", run.Counts.Pass);
        json.WriteNumber("fail", run.Counts.Fail);
        json.WriteNumber("error", run.Counts.Error);
        json.WriteNumber("skipped", run.Counts.Skipped);
        json.WriteNumber("pending", run.Counts.Pending);
        json.WriteEndObject();
        json.WriteNumber("planned", run.Planned);
        json.WriteStartObject("context");
        json.WriteString("user", run.User);
        json.WriteString("host", run.Host);
        if (run.GitCommit is not null)
        {
            json.WriteString("git_commit", run.GitCommit);
        }

        if (run.GitBranch is not null)
        {
            json.WriteString("git_branch", run.GitBranch);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
