using System.Data.Common;
using System.Text.Json;
using Greenlight.Assertions;
using Greenlight.Spec;
using Greenlight.Store;

namespace Greenlight.Baselines;

/// <summary>
/// Finds, in the store, what each check that names <c>baseline(…)</c> is compared with: the last run
/// of this spec that ended GO and has the check (its results, or every measurement of a watch
/// window), or the run given by <c>--baseline RUN</c> whatever its verdict.
/// </summary>
internal static class BaselineLoader
{

    /// <summary>The checks whose assertions (or watch <c>fail_when</c>) name a baseline.</summary>
    public static IReadOnlyList<string> ChecksNamingABaseline(SpecDocument spec) =>
        [.. spec.Checks.Where(c => c.Expect.Concat(spec.Watch?.RulesFor(c.Id).FailWhen ?? []).Any(NamesBaseline)).Select(c => c.Id)];

    public static bool NamesBaseline(Assertion assertion) => assertion.Expected?.Expression?.Baselines().Any() == true;

    public static async Task<BaselineSet> LoadAsync(SqlRunStore store, SpecDocument spec, string? runReference, CancellationToken cancellationToken)
    {
        var checks = ChecksNamingABaseline(spec);
        if (checks.Count == 0)
        {
            return BaselineSet.None("no baseline");
        }

        string? named = runReference is null ? null : await store.ResolveAsync(runReference, cancellationToken);
        var runs = new Dictionary<string, BaselineRun>(StringComparer.Ordinal);
        await using var c = await store.ConnectAsync(cancellationToken);
        foreach (var checkId in checks)
        {
            var header = named is null
                ? await ReadHeaderAsync(c, """
                    SELECT r.id, r.started_at, r.verdict, r.phase FROM gl_runs r JOIN gl_results s ON s.run_id = r.id
                    WHERE r.spec = @spec AND r.verdict = 'go' AND s.check_id = @check
                    ORDER BY r.started_at DESC, r.id DESC LIMIT 1
                    """, [("spec", spec.Name), ("check", checkId)], cancellationToken)
                : await ReadHeaderAsync(c, "SELECT id, started_at, verdict, phase FROM gl_runs WHERE id = @id", [("id", named)], cancellationToken);
            if (header is null)
            {
                continue;
            }

            var values = new Dictionary<string, List<AssertionValue>>(StringComparer.Ordinal);
            var sql = header.Value.Phase == "watch"
                ? "SELECT assertions FROM gl_measurements WHERE run_id = @run AND check_id = @check ORDER BY tick"
                : "SELECT assertions FROM gl_results WHERE run_id = @run AND check_id = @check";
            await using (var command = Sql.Command(c, sql, null, ("run", header.Value.Id), ("check", checkId)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    Collect(JsonSerializer.Deserialize(reader.GetString(0), StoreJson.Default.ListAssertionResult) ?? [], values);
                }
            }

            runs[checkId] = new BaselineRun(header.Value.Id, header.Value.StartedAt, Engine.VerdictRules.Spell(SqlRunStore.ParseVerdict(header.Value.Verdict ?? "no_go")), header.Value.Phase, values);
        }

        var missing = named is null
            ? $"no baseline: no earlier run of {spec.Name} that ended GO has {{check}} (name one with --baseline RUN)"
            : $"no baseline: run {named[..Math.Min(12, named.Length)]} has no result for {{check}}";
        return new BaselineSet(runs, missing);
    }

    /// <summary>Each assertion's actual value under its subject, and the values kept for the subjects baselines name.</summary>
    internal static void Collect(IEnumerable<AssertionResult> assertions, Dictionary<string, List<AssertionValue>> values)
    {
        foreach (var result in assertions)
        {
            foreach (var (subject, reported) in result.SubjectValues ?? new Dictionary<string, ReportedValue>())
            {
                Add(values, subject, reported);
            }

            var expression = result.Expression.StartsWith("fail_when ", StringComparison.Ordinal) ? result.Expression[10..] : result.Expression;
            SubjectRef subjectRef;
            try
            {
                subjectRef = AssertionParser.Parse(expression).Subject;
            }
            catch (AssertionSyntaxException)
            {
                // A kind's own finding ("X is set"), not a `subject op value`.
                continue;
            }

            if (result.ActualValue is { } actual && !(result.SubjectValues?.ContainsKey(subjectRef.Text) ?? false))
            {
                Add(values, subjectRef.Text, actual);
            }
        }
    }

    private static void Add(Dictionary<string, List<AssertionValue>> values, string subject, ReportedValue reported)
    {
        AssertionValue? value = reported.Kind switch
        {
            ValueKind.Number when reported.Number is { } n => AssertionValue.FromNumber(n),
            ValueKind.Duration when reported.Number is { } n => AssertionValue.FromMilliseconds(n),
            ValueKind.Size when reported.Number is { } n => AssertionValue.FromBytes(n),
            _ => null,
        };
        if (value is null)
        {
            return;
        }

        var key = BaselineSet.Key(subject);
        if (!values.TryGetValue(key, out var list))
        {
            values[key] = list = [];
        }

        list.Add(value);
    }

    private static async Task<(string Id, DateTimeOffset StartedAt, string? Verdict, string Phase)?> ReadHeaderAsync(DbConnection c, string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(c, sql, null, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), Sql.ParseTime(reader.GetString(1)), Sql.Text(reader, 2), reader.GetString(3))
            : null;
    }
}
