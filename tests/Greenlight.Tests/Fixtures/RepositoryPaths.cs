namespace Greenlight.Tests.Fixtures;

/// <summary>Folders of the repository, found from the test assembly upwards.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Docs => Path.Combine(Root, "docs");

    public static string Examples => Path.Combine(Root, "examples");

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Greenlight.slnx")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("Greenlight.slnx not found above " + AppContext.BaseDirectory);
        }

        return dir;
    }
}
