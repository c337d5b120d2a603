namespace Greenlight.Databases.Schema;

/// <summary>
/// One privilege of one grantee on one object (<see cref="On"/>: "TABLE public.t", "SEQUENCE …",
/// "FUNCTION f(integer)", "SCHEMA app", or for a column "TABLE public.t" with <see cref="Column"/>),
/// or a default privilege (<see cref="DefaultFor"/>: "FOR ROLE owner IN SCHEMA app", On: "TABLES").
/// The owner's own privileges are not listed: they follow the owner, which is not compared.
/// </summary>
internal sealed record GrantSchema(string Privilege, string On, string Grantee, bool GrantOption = false, string? Column = null, string? DefaultFor = null)
{
    private string Target => Column is null ? $"{Privilege} ON {On}" : $"{Privilege} ({SchemaDiff.Ident(Column)}) ON {On}";

    private string Prefix => DefaultFor is null ? "" : $"ALTER DEFAULT PRIVILEGES {DefaultFor} ";

    public string GrantSql => $"{Prefix}GRANT {Target} TO {Grantee}{(GrantOption ? " WITH GRANT OPTION" : "")};";

    public string RevokeSql => $"{Prefix}REVOKE {Target} FROM {Grantee};";

    /// <summary>The key a snapshot stores and two schemas compare by.</summary>
    public string Key => GrantSql;
}
