namespace Greenlight.Databases.Schema;

/// <summary>What <c>schema diff</c> leaves out: <c>--ignore privileges</c> for teams that do not manage grants, <c>--ignore comments</c>.</summary>
internal sealed record SchemaDiffOptions(bool IgnorePrivileges = false, bool IgnoreComments = false)
{
    public static readonly SchemaDiffOptions Default = new();

    public static readonly string[] Ignorable = ["privileges", "comments"];
}
