using System.Text;
using Greenlight.Assertions;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Greenlight.Checks.File;

internal sealed class FileCheck(string pathTemplate, long maxRead) : ICheck
{
    public async Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        var written = context.Expand(pathTemplate);
        var path = context.ResolvePath(written);
        if (written.IndexOfAny(['*', '?', '[']) >= 0)
        {
            path = NewestMatch(context, written) ?? path;
        }

        var info = new FileInfo(path);
        var isDirectory = !info.Exists && Directory.Exists(path);
        var subjects = new FileSubjects(path, info.Exists || isDirectory, context.Time.GetUtcNow());
        if (info.Exists)
        {
            subjects.Size = info.Length;
            subjects.LastWrite = info.LastWriteTimeUtc;
        }

        var evidence = new StringBuilder($"path: {path}\n");
        evidence.Append(subjects.Exists ? (isDirectory ? "a folder\n" : $"size: {info.Length} bytes\nmodified: {info.LastWriteTimeUtc:O}\n") : "does not exist\n");

        var wantsContent = context.Check.Expect.Any(a => a.Subject.Root == "content") || context.Check.Captures.Any(c => c.Subject.Root == "content");
        if (wantsContent && subjects.Exists)
        {
            if (isDirectory)
            {
                return Observation.Failed($"cannot read {path}: it is a folder", new EvidenceItem("file", evidence.ToString().TrimEnd()));
            }

            try
            {
                subjects.Content = await ReadPrefixAsync(path, maxRead, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Observation.Failed($"cannot read {path}: {ex.Message}", new EvidenceItem("file", evidence.ToString().TrimEnd()));
            }
        }

        var observation = new Observation { Subjects = subjects };
        observation.Evidence.Add(new EvidenceItem("file", evidence.ToString().TrimEnd()));
        if (subjects.Content is not null)
        {
            observation.Evidence.Add(EvidenceItem.Bounded("content", subjects.Content));
        }

        return observation;
    }

    private static string? NewestMatch(CheckRunContext context, string pattern)
    {
        var rooted = Path.IsPathRooted(pattern);
        var root = rooted ? Path.GetPathRoot(pattern)! : context.SpecDirectory;
        var matcher = new Matcher();
        matcher.AddInclude(rooted ? pattern[root.Length..] : pattern);
        return matcher.GetResultsInFullPath(root)
            .Select(p => new FileInfo(p))
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .FirstOrDefault()?.FullName;
    }

    private static async Task<string> ReadPrefixAsync(string path, long limit, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 16 * 1024, useAsync: true);
        var buffer = new byte[(int)Math.Min(limit, Math.Max(0, stream.Length))];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private sealed class FileSubjects(string path, bool exists, DateTimeOffset now) : ISubjectSource
    {
        public bool Exists { get; } = exists;
        public long? Size { get; set; }
        public DateTime? LastWrite { get; set; }
        public string? Content { get; set; }

        public AssertionValue Resolve(SubjectRef subject)
        {
            var missing = AssertionValue.MissingBecause("file not found");
            return subject.Root switch
            {
                "exists" => AssertionValue.FromBool(Exists),
                "path" => AssertionValue.FromString(path),
                "size" => Size is long size ? AssertionValue.FromBytes(size) : missing,
                "age" => LastWrite is DateTime t ? AssertionValue.FromDuration(now - new DateTimeOffset(t, TimeSpan.Zero)) : missing,
                "content" => Content is string c ? AssertionValue.FromString(c) : missing,
                _ => AssertionValue.Missing,
            };
        }
    }
}
