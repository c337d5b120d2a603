using System.Data.Common;
using System.Globalization;
using System.Text;
using Greenlight.Assertions;
using Greenlight.Databases;
using System.Text.Json.Nodes;

namespace Greenlight.Checks.Sql;

internal sealed class SqlCheck(string target, string query, ReadOnlyQuery? prepared, IReadOnlyList<(string Name, string Value)> parameters, int samples, int warmup, int maxRows) : ICheck
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

        if (prepared is null)
        {
            return Observation.Failed("the query was not accepted when the spec loaded", queryEvidence);
        }

        var durations = new List<AssertionValue>(samples);
        var warmups = new List<TimeSpan>(warmup);
        QueryResult? last = null;
        string? roleWarning;
        try
        {
            // The connection is open and the transaction set up before any run is timed.
            await using var session = await DatabaseSession.OpenReadOnlyAsync(database, context.Check.Timeout, cancellationToken);
            roleWarning = session.RoleWarning;
            for (var i = 0; i < warmup + samples; i++)
            {
                await using var command = CreateCommand(session, database, values);
                var began = context.Time.GetTimestamp();
                var result = await ReadAsync(command, cancellationToken);
                var elapsed = context.Time.GetElapsedTime(began);
                if (i < warmup)
                {
                    warmups.Add(elapsed);
                    continue;
                }

                last = result;
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
        var rows = last!.Describe(database.Display, samples, durations);
        if (warmups.Count > 0)
        {
            rows += $"\n{warmups.Count} warm-up run{(warmups.Count == 1 ? "" : "s")} before the sample{(samples == 1 ? "" : "s")}, not counted: {string.Join(", ", warmups.Select(w => Units.FormatDuration(w.TotalMilliseconds)))}";
        }

        observation.Evidence.Add(new EvidenceItem("rows", rows));
        if (roleWarning is not null)
        {
            observation.Warnings.Add(roleWarning);
        }

        return observation;
    }

    private DbCommand CreateCommand(DatabaseSession session, DatabaseTarget database, List<(string Name, string Value)> values)
    {
        var command = session.Command(prepared!.Text);
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            foreach (var (name, value) in values)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            return command;
        }

        // Positional parameters make Npgsql send the text as it is, as one prepared statement: the
        // server refuses a second statement there, whatever a lexer thought.
        foreach (var name in prepared.ParameterOrder)
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = values.First(v => v.Name == name).Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Unknown });
        }

        if (prepared.ParameterOrder.Count == 0)
        {
            // An unused typed parameter: the statement is still prepared, and still alone.
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = 0, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        }

        return command;
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

            var obj = new JsonObject();
            for (var c = 0; c < Columns.Count; c++)
            {
                obj[Columns[c]] = Rows[row][c] is null ? null : (DbValues.ToValue(Rows[row][c]).Kind == ValueKind.Number ? JsonValue.Create(Convert.ToDouble(Rows[row][c], CultureInfo.InvariantCulture)) : JsonValue.Create(DbValues.ToText(Rows[row][c])));
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
