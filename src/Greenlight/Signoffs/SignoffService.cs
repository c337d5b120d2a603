using Greenlight.Checks.Manual;
using Greenlight.Engine;
using Greenlight.Spec;
using Greenlight.Store;
using Greenlight.Text;

namespace Greenlight.Signoffs;

/// <summary>The sign-off use cases every host shares: sign, list, and ask at a terminal before a run.</summary>
internal static class SignoffService
{
    public static IEnumerable<(CheckDefinition Check, ManualSettings Settings)> ManualChecks(SpecDocument spec) =>
        spec.Checks.Where(c => c.Probe is ManualCheck).Select(c => (c, ((ManualCheck)c.Probe).Settings));

    /// <summary>Records a sign-off; refuses an unknown check, a check that is not manual, an empty name, and the author where not_by says so.</summary>
    public static async Task<(Signoff Signoff, SignoffStatus Status)> SignAsync(
        SqlRunStore store, SpecDocument spec, string checkId, string by, string? note, RunProvenance provenance, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = spec.Checks.FirstOrDefault(c => c.Id == checkId);
        if (check is null)
        {
            var manual = ManualChecks(spec).Select(m => m.Check.Id).ToList();
            var hint = DidYouMean.Suggest(checkId, manual);
            throw new SignoffException($"spec `{spec.Name}` has no check `{checkId}`{(hint is null ? "" : $"; did you mean `{hint}`?")} (manual checks: {(manual.Count == 0 ? "none" : string.Join(", ", manual))})");
        }

        if (check.Probe is not ManualCheck manualCheck)
        {
            throw new SignoffException($"`{checkId}` is a {check.Kind.Name} check; only manual checks are signed off");
        }

        if (string.IsNullOrWhiteSpace(by))
        {
            throw new SignoffException("--by: give the name of the person signing");
        }

        var settings = manualCheck.Settings;
        var author = await CommitAuthor.DetectAsync(spec.Directory, time, cancellationToken);
        if (settings.NotByCommitAuthor && author is not null && author.Is(by))
        {
            throw new SignoffException($"{by} wrote commit {ManualSettings.Short(provenance.GitCommit)} and may not sign `{checkId}` (not_by: commit_author): ask someone else");
        }

        var signoff = new Signoff(spec.Name, checkId, by.Trim(), string.IsNullOrWhiteSpace(note) ? null : note.Trim(), time.GetUtcNow(), provenance.GitCommit, spec.Hash, provenance.Host);
        await SignoffStore.AddAsync(store, signoff, cancellationToken);
        var book = await SignoffStore.LoadAsync(store, spec.Name, cancellationToken);
        return (signoff, settings.Judge(book.For(checkId), provenance.GitCommit, author));
    }

    /// <summary>Every manual check of the spec and where it stands for the current commit.</summary>
    public static async Task<IReadOnlyList<ManualItem>> ListAsync(SqlRunStore? store, SpecDocument spec, RunProvenance provenance, TimeProvider time, CancellationToken cancellationToken)
    {
        var book = store is null ? SignoffBook.Empty : await SignoffStore.LoadAsync(store, spec.Name, cancellationToken);
        var author = await CommitAuthor.DetectAsync(spec.Directory, time, cancellationToken);
        return [.. ManualChecks(spec).Select(m => new ManualItem(m.Check, m.Settings, m.Settings.Judge(book.For(m.Check.Id), provenance.GitCommit, author)))];
    }

    /// <summary>
    /// Before a run at a terminal: asks about each selected manual check still pending for this commit,
    /// and records each answer. Never called in CI or when output is not a terminal.
    /// </summary>
    public static async Task<int> PromptPendingAsync(
        SqlRunStore store, SpecDocument spec, IReadOnlyCollection<string> selected, RunProvenance provenance, ISignoffPrompter prompter, TimeProvider time, CancellationToken cancellationToken)
    {
        var signed = 0;
        foreach (var item in await ListAsync(store, spec, provenance, time, cancellationToken))
        {
            var status = item.Status;
            while (selected.Contains(item.Check.Id) && !status.Complete)
            {
                var answer = await prompter.AskAsync(item.Check, item.Settings, status, cancellationToken);
                if (answer is null)
                {
                    break;
                }

                try
                {
                    (_, status) = await SignAsync(store, spec, item.Check.Id, answer.By, answer.Note, provenance, time, cancellationToken);
                    signed++;
                }
                catch (SignoffException ex)
                {
                    prompter.Refused(ex.Message);
                }
            }
        }

        return signed;
    }

    /// <summary>True when a prompt may be shown: a terminal on both ends, and not CI.</summary>
    public static bool MayPrompt(bool inputIsTerminal, bool outputIsTerminal, IReadOnlyDictionary<string, string> environment) =>
        inputIsTerminal && outputIsTerminal && !IsCi(environment);

    private static bool IsCi(IReadOnlyDictionary<string, string> environment) =>
        new[] { "CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TF_BUILD" }
            .Any(name => environment.TryGetValue(name, out var value) && value.Length > 0 && value != "false" && value != "0");
}
