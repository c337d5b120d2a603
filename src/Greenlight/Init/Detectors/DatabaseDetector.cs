namespace Greenlight.Init.Detectors;

/// <summary>A database URL among the app's variables → the <c>db</c> target, a smoke query, and a schema snapshot to take and check.</summary>
internal sealed class DatabaseDetector : IRepositoryDetector
{
    private static readonly string[] Names = ["DATABASE_URL", "POSTGRES_URL", "SUPABASE_DB_URL", "PG_URL", "DB_URL", "POSTGRESQL_URL"];

    public void Detect(InitDraft draft)
    {
        var name = Names.FirstOrDefault(n => draft.RequiredEnv.ContainsKey(n) || draft.OptionalEnv.ContainsKey(n))
            ?? draft.RequiredEnv.Keys.Concat(draft.OptionalEnv.Keys).FirstOrDefault(n => n.EndsWith("DATABASE_URL", StringComparison.Ordinal));
        if (name is null)
        {
            return;
        }

        draft.DatabaseVariable = name;
        var check = draft.Add("db.reachable", "sql", "the database answers a read-only query", $"{name} is the app's database: it must answer before anything else is checked", "DB");
        check.Set("target", "db");
        check.Set("query", "SELECT 1 AS up");
        check.Expect.Add("value == 1");
        check.Draft.Add("Then take the schema the code expects and check every release against it:");
        check.Draft.Add("  greenlight schema snapshot db --out schema/expected.yaml");
        check.Draft.Add("- { id: db.schema, kind: schema, target: db, snapshot: schema/expected.yaml, needs: [db.reachable] }");
    }
}
