using Greenlight.Assertions;
using Greenlight.Spec;

namespace Greenlight.Checks.File;

/// <summary><c>kind: file</c>: a file exists, its size, its age and its content (a backup taken within the hour).</summary>
internal sealed class FileKind : ICheckKind
{
    public string Name => "file";

    public string Summary => "A file exists, how big and how old it is, and what it contains. A glob picks the newest match.";

    public IReadOnlyList<FieldDoc> Fields { get; } =
    [
        new("path", FieldSchemas.String, "The file, relative to the spec's folder. A glob (backups/*.sql) means the newest matching file.", Required: true),
        new("max_read", FieldSchemas.Size, "How much of the file `content` reads (default 1MiB)."),
    ];

    public SubjectCatalog Subjects { get; } = new(
    [
        new("exists", ValueKind.Bool, "Whether the file (or folder) exists."),
        new("size", ValueKind.Size, "Size of the file, e.g. `size > 1KB`."),
        new("age", ValueKind.Duration, "Time since the file was last written, e.g. `age < 1h`."),
        new("content", ValueKind.String, "The file's text (up to max_read)."),
        new("path", ValueKind.String, "The path that was checked (the newest match of a glob)."),
    ]);

    public IReadOnlyList<string> DefaultExpect => ["exists == true"];

    public ICheck Create(YamlMapReader fields)
    {
        var path = fields.Template("path", required: true) ?? "";
        var maxRead = fields.Size("max_read") ?? 1024 * 1024;
        return new FileCheck(path, maxRead);
    }
}
