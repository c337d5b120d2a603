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
            actual = await SchemaReader.ReadAsync(database, expected.Namespace, context.Check.Timeout, cancellationToken);
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

        // Evidence: the live definition of the tables the check is about, in snapshot form.
        var relevant = actual with
        {
            Tables = new SortedDictionary<string, TableSchema>(actual.Tables.Where(t => expected.Tables.ContainsKey(t.Key)).ToDictionary(), StringComparer.Ordinal),
            Views = new SortedDictionary<string, string?>(StringComparer.Ordinal),
        };
        observation.Evidence.Add(new EvidenceItem("live schema", SchemaYaml.Write(relevant, database.Display)));
        observation.Evidence.Add(new EvidenceItem("tables", $"{actual.Tables.Count} tables in {database.Display} ({actual.Namespace}): {string.Join(", ", actual.Tables.Keys.Take(50))}{(actual.Tables.Count > 50 ? ", …" : "")}"));
        return observation;
    }
}
