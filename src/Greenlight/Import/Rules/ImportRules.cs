namespace Greenlight.Import.Rules;

/// <summary>Every conversion the import knows, in the order they are tried: adding a pattern is one line here and its class.</summary>
internal static class ImportRules
{
    private static readonly PythonRule Python = new();

    public static IReadOnlyList<ICommandRule> Commands { get; } =
    [
        new CurlRule(),
        new PsqlRule(),
        new AlembicRule(),
        new TestRunnerRule(),
        new BackupRule(),
        new EnvCommandRule(),
        Python,
        new ChangeCommandRule(),
    ];

    public static IReadOnlyList<ICodeRule> CodeBlocks { get; } =
    [
        new SqlBlockRule(),
        new ShellBlockRule(Commands),
        Python,
    ];

    /// <summary>Tried on every list item and table row (new rules per import: some gather a list into one check); claims come last, once every runnable check exists.</summary>
    public static IReadOnlyList<IItemRule> Items => [new EnvItemRule(), new SchemaItemRule(), new MigrationFileRule()];

    public static IItemRule Claims { get; } = new ClaimRule();
}
