namespace Greenlight.Import;

/// <summary>The import use case every host calls: read a checklist file, return the spec's YAML and the account of what was converted.</summary>
internal static class ChecklistImport
{
    public static async Task<(string Yaml, ImportResult Result)> FromFileAsync(string path, CancellationToken cancellationToken)
    {
        string markdown;
        try
        {
            markdown = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImportException($"{path}: cannot read the checklist: {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message)}");
        }

        var result = ChecklistImporter.Import(markdown, Path.GetFileName(path));
        return (SpecYamlWriter.Write(result), result);
    }
}
