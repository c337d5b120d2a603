using System.Text;
using Greenlight.Assertions;
using Greenlight.Signoffs;

namespace Greenlight.Checks.Manual;

/// <summary>Counts the sign-offs given for this check; pending with the command to sign until there are enough.</summary>
internal sealed class ManualCheck(ManualSettings settings) : ICheck
{
    public ManualSettings Settings => settings;

    public async Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        var author = settings.NotByCommitAuthor ? await CommitAuthor.DetectAsync(context.SpecDirectory, context.Time, cancellationToken) : null;
        var commit = context.Provenance.GitCommit;
        var status = settings.Judge(context.Signoffs.For(context.Check.Id), commit, author);

        var evidence = new StringBuilder();
        evidence.AppendLine($"prompt: {settings.Prompt}");
        evidence.AppendLine($"requires: {settings.Requires} sign-off{(settings.Requires == 1 ? "" : "s")} for {(settings.ValidForAnyCommit ? "any commit" : $"commit {ManualSettings.Short(commit)}")}{(settings.NotByCommitAuthor ? $", not by the commit's author{(author is null ? "" : $" ({author.Name})")}" : "")}");
        foreach (var s in status.Counted)
        {
            evidence.AppendLine($"signed by {s.SignedBy} at {s.SignedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} for commit {ManualSettings.Short(s.GitCommit)}, spec {s.SpecHash[..Math.Min(12, s.SpecHash.Length)]}{(s.Note is null ? "" : $": {s.Note}")}");
        }

        foreach (var (s, reason) in status.Rejected)
        {
            evidence.AppendLine($"not counted: {s.SignedBy} at {s.SignedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}: {reason}");
        }

        var subjects = new ManualSubjects(status);
        if (!status.Complete)
        {
            var why = status.Rejected.Count == 0 ? "" : $" ({string.Join("; ", status.Rejected.Select(r => r.Reason).Distinct())})";
            var pending = new Observation
            {
                Subjects = subjects,
                Pending = $"waiting for {status.Missing} more sign-off{(status.Missing == 1 ? "" : "s")} ({status.Counted.Count} of {settings.Requires}){why}: greenlight signoff {context.Check.Id} --by NAME",
            };
            pending.Evidence.Add(new EvidenceItem("signoffs", evidence.ToString().TrimEnd()));
            return pending;
        }

        var observation = new Observation { Subjects = subjects };
        observation.Findings.Add(new AssertionResult($"signed off by {settings.Requires}", true, string.Join(", ", status.Counted.Select(s => s.SignedBy)), settings.Requires.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        observation.Evidence.Add(new EvidenceItem("signoffs", evidence.ToString().TrimEnd()));
        return observation;
    }

    private sealed class ManualSubjects(SignoffStatus status) : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject) => subject.Root switch
        {
            "signoffs" => AssertionValue.FromNumber(status.Counted.Count),
            "signers" => AssertionValue.FromString(string.Join(", ", status.Counted.Select(s => s.SignedBy))),
            _ => AssertionValue.Missing,
        };
    }
}
