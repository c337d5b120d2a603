using System.Data.Common;
using Greenlight.Databases;
using Greenlight.Databases.Schema;

namespace Greenlight.Checks.Schema;

internal sealed class SchemaCheck(string target, DatabaseSchema expected) : ICheck
{
    public async Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        DatabaseTarget database;
        try
        {
            database = DatabaseTarget.Parse(target, context.SpecDirectory);
        }
        catch (ArgumentException ex)
        {
            return Observation.Failed(ex.Message);
        }

        DatabaseSchema actual;
        try
        {
            // A complete snapshot names every schema it holds; an expectation, its one namespace.
            actual = await SchemaReader.ReadAsync(database, expected.Complete && expected.Schemas.Count > 0 ? expected.Schemas : [expected.Namespace], context.Check.Timeout, cancellationToken);
        }
        catch (DatabaseException ex)
        {
            return Observation.Failed(ex.Message);
        }
        catch (DbException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Observation.Failed(DatabaseSession.Describe(ex, database, context.Check.Timeout));
        }

        var observation = new Observation();
        observation.Findings.AddRange(SchemaComparer.Compare(expected, actual));
        if (expected.Complete && actual.Complete)
        {
            // A complete snapshot is compared whole: functions, policies, grants, views … drift too.
            var drift = SchemaDiff.Compare(actual, expected);
            var shown = string.Join("; ", drift.Take(10).Select(c => c.Description)) + (drift.Count > 10 ? $"; and {drift.Count - 10} more" : "");
            observation.Findings.Add(new Assertions.AssertionResult("schema equals the snapshot", drift.Count == 0, drift.Count == 0 ? "no differences" : $"{drift.Count} differences", "no differences",
                drift.Count == 0 ? null : $"live differs from the snapshot (what brings live to it): {shown}"));
            foreach (var item in actual.NotCompared)
            {
                observation.Evidence.Add(new EvidenceItem("not compared", item));
            }
        }

        // Evidence: the live definition of the tables the check is about, in snapshot form.
        var relevant = actual with
        {
            Tables = new SortedDictionary<string, TableSchema>(actual.Tables.Where(t => expected.Tables.ContainsKey(t.Key)).ToDictionary(), StringComparer.Ordinal),
            Views = new SortedDictionary<string, string?>(StringComparer.Ordinal),
            MaterializedViews = new(StringComparer.Ordinal),
            ViewDependencies = new(StringComparer.Ordinal),
            Routines = new(StringComparer.Ordinal),
            Sequences = new(StringComparer.Ordinal),
            Types = new(StringComparer.Ordinal),
            Grants = new(StringComparer.Ordinal),
            Comments = new(StringComparer.Ordinal),
            Functions = [],
            Complete = false,
        };
        observation.Evidence.Add(new EvidenceItem("live schema", SchemaYaml.Write(relevant, database.Display)));
        observation.Evidence.Add(new EvidenceItem("tables", $"{actual.Tables.Count} tables in {database.Display} ({actual.Namespace}): {string.Join(", ", actual.Tables.Keys.Take(50))}{(actual.Tables.Count > 50 ? ", …" : "")}"));
        return observation;
    }
}
