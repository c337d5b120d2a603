using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Greenlight.Assertions;
using Greenlight.FileSets;

namespace Greenlight.Checks.Rule;

internal sealed class RuleCheck(RuleSettings settings) : ICheck
{
    private const int ListedAtMost = 500;

    public async Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        var root = context.ResolvePath(context.Expand(settings.Root));
        IReadOnlyList<(string Relative, string Full)> files;
        bool fromGit;
        try
        {
            (files, fromGit) = await new FileSet(root, settings.Files, settings.Exclude, settings.GitTracked).ListAsync(context.Time, cancellationToken);
        }
        catch (FileSetException ex)
        {
            return Observation.Failed(ex.Message);
        }

        var violations = new List<RuleViolation>();
        var read = 0;
        var matchesInSet = 0;
        foreach (var (relative, full) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string text;
            try
            {
                if (new FileInfo(full).Length > settings.MaxFileSize)
                {
                    continue;
                }

                text = await System.IO.File.ReadAllTextAsync(full, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Observation.Failed($"cannot read {relative}: {ex.Message}");
            }

            if (text.AsSpan(0, Math.Min(8000, text.Length)).Contains('\0'))
            {
                continue;
            }

            read++;
            try
            {
                if (settings.MustNotMatch is { } forbidden)
                {
                    foreach (Match match in forbidden.Matches(text))
                    {
                        violations.Add(At(relative, text, match.Index, settings.Message ?? $"matches /{forbidden}/, which is not allowed"));
                    }
                }

                if (settings.MustMatch is { } required)
                {
                    if (settings.AtLeast is null)
                    {
                        if (!required.IsMatch(text))
                        {
                            violations.Add(new RuleViolation(relative, 1, 1, FirstLine(text), settings.Message ?? $"does not match /{required}/"));
                        }
                    }
                    else
                    {
                        matchesInSet += required.Matches(text).Count;
                    }
                }
            }
            catch (RegexMatchTimeoutException ex)
            {
                return Observation.Failed($"the regex /{ex.Pattern}/ ran longer than {Units.FormatDuration(ex.MatchTimeout.TotalMilliseconds)} on {relative} (catastrophic backtracking?): simplify it or raise regex_timeout");
            }
        }

        if (settings.AtLeast is int atLeast && matchesInSet < atLeast)
        {
            violations.Add(new RuleViolation($"({read} files)", 0, 0, "", $"{matchesInSet} match{(matchesInSet == 1 ? "" : "es")} of /{settings.MustMatch}/ across the set, at least {atLeast} expected{(settings.Message is null ? "" : ": " + settings.Message)}"));
        }

        var evidence = new StringBuilder();
        evidence.AppendLine(CultureInfo.InvariantCulture, $"root: {root} ({(fromGit ? "files tracked by git" : "every matching file")}); read {read} of {files.Count} files");
        foreach (var v in violations.Take(ListedAtMost))
        {
            evidence.AppendLine(v.Describe());
            if (v.LineText.Length > 0)
            {
                evidence.AppendLine("    " + (v.LineText.Length > 300 ? v.LineText[..300] + "…" : v.LineText));
            }
        }

        if (violations.Count > ListedAtMost)
        {
            evidence.AppendLine(CultureInfo.InvariantCulture, $"… and {violations.Count - ListedAtMost} more");
        }

        var observation = new Observation { Subjects = new RuleSubjects(violations.Count, read) };
        observation.Evidence.Add(new EvidenceItem("violations", evidence.ToString().TrimEnd()));
        if (context.Check.Expect.Count == 0)
        {
            observation.Findings.Add(new AssertionResult("no violations", violations.Count == 0, violations.Count.ToString(CultureInfo.InvariantCulture), "0",
                violations.Count == 0 ? null : $"{violations.Count} found: {string.Join("; ", violations.Take(3).Select(v => v.Describe()))}{(violations.Count > 3 ? "; …" : "")}"));
        }

        return observation;
    }

    private static RuleViolation At(string file, string text, int index, string message)
    {
        var span = text.AsSpan(0, index);
        var line = span.Count('\n') + 1;
        var start = span.LastIndexOf('\n') + 1;
        var end = text.IndexOf('\n', index);
        var lineText = text[start..(end < 0 ? text.Length : end)].TrimEnd('\r');
        return new RuleViolation(file, line, index - start + 1, lineText.Trim(), message);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).Trim();
    }

    private sealed class RuleSubjects(int violations, int files) : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject) => subject.Root switch
        {
            "violations" => AssertionValue.FromNumber(violations),
            "files" => AssertionValue.FromNumber(files),
            _ => AssertionValue.Missing,
        };
    }
}
