namespace Greenlight.Import.Rules;

/// <summary>A ```sql block (or an unlabelled block that starts with a SQL keyword).</summary>
internal sealed class SqlBlockRule : ICodeRule
{
    private static readonly string[] Languages = ["sql", "postgresql", "postgres", "pgsql", "plpgsql", "psql", "sqlite"];
    private static readonly string[] Keywords = ["SELECT", "WITH", "CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE", "BEGIN", "TRUNCATE"];

    public bool TryImport(CodeContext block, ImportSession session)
    {
        var isSql = Languages.Contains(block.Element.Language)
            || (block.Element.Language.Length == 0 && SqlStatements.Split(block.Element.Content) is [var first, ..] && Keywords.Contains(first.Keyword));
        if (!isSql)
        {
            return false;
        }

        SqlChecks.Import(block.Element.Content, block.Element.ContentLine, block, block.Expectations, session);
        return true;
    }
}
