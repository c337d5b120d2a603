using System.Data.Common;
using System.Globalization;
using System.Text;
using Greenlight.Assertions;
using Greenlight.Databases;
using Newtonsoft.Json.Linq;

namespace Greenlight.Checks.Sql;

internal sealed class SqlCheck(string target, string query, IReadOnlyList<(string Name, string Value)> parameters, int samples, int maxRows) : ICheck
{
    private const int RowsShown = 20;

    public async Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        var values = parameters.Select(p => (p.Name, Value: context.Expand(p.Value))).ToList();
        var queryEvidence = new EvidenceItem("query", query.Trim() + (values.Count == 0 ? "" : "\n-- params: " + string.Join(", ", values.Select(v => $"@{v.Name} = '{v.Value}'"))));
        DatabaseTarget database;
        try
        {
            database = DatabaseTarget.Parse(target, context.SpecDirectory);
        }
        catch (ArgumentException ex)
        {
            return Observation.Failed(ex.Message, queryEvidence);
        }

        var durations = new List<AssertionValue>(samples);
        QueryResult? last = null;
        try
        {
            await using var session = await DatabaseSession.OpenReadOnlyAsync(database, context.Check.Timeout, cancellationToken);
            for (var i = 0; i < samples; i++)
            {
                await using var command = session.Command(query);
                foreach (var (name, value) in values)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value;
                    if (parameter is Npgsql.NpgsqlParameter npgsql)
                    {
                        // Let the server infer the type from the query, as for a literal.
                        npgsql.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Unknown;
                    }

                    command.Parameters.Add(parameter);
                }

                var began = context.Time.GetTimestamp();
                last = await ReadAsync(command, cancellationToken);
                var elapsed = context.Time.GetElapsedTime(began);
                durations.Add(AssertionValue.FromDuration(elapsed));
                last.Duration = elapsed;
            }
        }
        catch (DatabaseException ex)
        {
            return Observation.Failed(ex.Message, queryEvidence);
        }
        catch (DbException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Observation.Failed(DatabaseSession.Describe(ex, database, context.Check.Timeout), queryEvidence);
        }

        var observation = new Observation { Subjects = new SqlSubjects(last!, durations) };
        observation.Evidence.Add(queryEvidence);
        observation.Evidence.Add(new EvidenceItem("rows", last!.Describe(database.Display, samples, durations)));
        return observation;
    }

    private async Task<QueryResult> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<object?[]>();
        var count = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            count++;
            if (rows.Count < maxRows)
            {
                var row = new object?[reader.FieldCount];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = reader.IsDBNull(c) ? null : reader.GetValue(c);
                }

                rows.Add(row);
            }
        }

        return new QueryResult(columns, rows, count);
    }

    private sealed class QueryResult(List<string> columns, List<object?[]> rows, int count)
    {
        public List<string> Columns { get; } = columns;
        public List<object?[]> Rows { get; } = rows;
        public int Count { get; } = count;
        public TimeSpan Duration { get; set; }

        public AssertionValue Cell(int row, string column)
        {
            if (row >= Rows.Count)
            {
                return AssertionValue.MissingBecause(Count == 0 ? "the query returned no rows" : $"there is no row {row} ({Count} returned)");
            }

            var index = Columns.FindIndex(c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase));
            return index < 0
                ? AssertionValue.MissingBecause($"no column `{column}` (columns: {string.Join(", ", Columns)})")
                : DbValues.ToValue(Rows[row][index]);
        }

        public AssertionValue Row(int row)
        {
            if (row >= Rows.Count)
            {
                return AssertionValue.MissingBecause($"there is no row {row} ({Count} returned)");
            }

            var obj = new JObject();
            for (var c = 0; c < Columns.Count; c++)
            {
                obj[Columns[c]] = Rows[row][c] is null ? JValue.CreateNull() : JToken.FromObject(DbValues.ToValue(Rows[row][c]).Kind == ValueKind.Number ? Convert.ToDouble(Rows[row][c], CultureInfo.InvariantCulture) : DbValues.ToText(Rows[row][c]));
            }

            return AssertionValue.FromJson(obj);
        }

        public string Describe(string target, int samples, List<AssertionValue> durations)
        {
            var sb = new StringBuilder($"{Count} row{(Count == 1 ? "" : "s")} from {target} in {Units.FormatDuration(Duration.TotalMilliseconds)}");
            if (samples > 1)
            {
                var sorted = durations.Select(d => d.Number).Order().ToArray();
                sb.Append($" ({samples} runs: p50 {Units.FormatDuration(AssertionEvaluator.Percentile(sorted, 50))}, p95 {Units.FormatDuration(AssertionEvaluator.Percentile(sorted, 95))}, max {Units.FormatDuration(sorted[^1])})");
            }

            sb.Append('\n');
            if (Columns.Count > 0)
            {
                var shown = Rows.Take(RowsShown).Select(r => r.Select(v => Clip(DbValues.ToText(v))).ToArray()).ToList();
                var widths = Columns.Select((c, i) => Math.Max(c.Length, shown.Count == 0 ? 0 : shown.Max(r => r[i].Length))).ToArray();
                sb.AppendLine(string.Join(" | ", Columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
                sb.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
                foreach (var row in shown)
                {
                    sb.AppendLine(string.Join(" | ", row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
                }

                if (Count > shown.Count)
                {
                    sb.AppendLine($"… {Count - shown.Count} more");
                }
            }

            return sb.ToString().TrimEnd();
        }

        private static string Clip(string text)
        {
            var line = text.ReplaceLineEndings(" ");
            return line.Length > 60 ? line[..59] + "…" : line;
        }
    }

    private sealed class SqlSubjects(QueryResult result, IReadOnlyList<AssertionValue> durations) : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject)
        {
            switch (subject.Root)
            {
                case "rows":
                    return AssertionValue.FromNumber(result.Count);
                case "duration":
                    return AssertionValue.FromMilliseconds(durations.Max(d => d.Number));
                case "value":
                    return result.Columns.Count == 0 ? AssertionValue.MissingBecause("the query returned no columns") : result.Cell(0, result.Columns[0]);
                case "row":
                    {
                        var argument = subject.Argument ?? "";
                        var close = argument.IndexOf(']', StringComparison.Ordinal);
                        if (!argument.StartsWith('[') || close < 0 || !int.TryParse(argument[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                        {
                            return AssertionValue.MissingBecause($"`row{argument}`: write row[N].COLUMN");
                        }

                        var rest = argument[(close + 1)..].TrimStart('.');
                        return rest.Length == 0 ? result.Row(index) : result.Cell(index, rest);
                    }

                default:
                    return result.Cell(0, subject.Root);
            }
        }

        public IReadOnlyList<AssertionValue> Samples(SubjectRef subject) => subject.Root == "duration" ? durations : [Resolve(subject)];
    }
}
