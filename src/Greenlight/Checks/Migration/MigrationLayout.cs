namespace Greenlight.Checks.Migration;

/// <summary>How a folder of migrations is laid out, and so where the tool keeps what it applied.</summary>
internal enum MigrationLayout
{
    Auto,

    /// <summary>*.sql in name order; no history table, so every file is pending.</summary>
    Plain,

    /// <summary>supabase/migrations/&lt;timestamp&gt;_name.sql; history in supabase_migrations.schema_migrations.</summary>
    Supabase,

    /// <summary>V&lt;version&gt;__name.sql, R__name.sql last; history in flyway_schema_history.</summary>
    Flyway,

    /// <summary>&lt;timestamp&gt;_name/up.sql or migration.sql, &lt;version&gt;_name.up.sql; history in schema_migrations or _prisma_migrations.</summary>
    Timestamped,

    /// <summary>An Alembic project (alembic.ini); the SQL comes from `alembic upgrade … --sql`.</summary>
    Alembic,
}
