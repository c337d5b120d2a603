using System.Text.RegularExpressions;

namespace Greenlight.Import;

/// <summary>
/// The headings above an item decide its phase and area: "Pre-Deployment" → pre, "Smoke Test" and
/// "Post-Deployment Verification" → post, "Monitor" and "24-Hour Check" → watch, "Rollback Plan" →
/// the way back. Sections without a phase word are pre until a "Deploy" step has been passed, post after.
/// </summary>
internal sealed partial class SectionContext
{
    private readonly List<HeadingElement> _stack = [];
    private bool _pastDeploy;

    public IReadOnlyList<HeadingElement> Headings => _stack;

    public string? Innermost => _stack.Count == 0 ? null : _stack[^1].Text;

    public void Enter(HeadingElement heading)
    {
        while (_stack.Count > 0 && _stack[^1].Level >= heading.Level)
        {
            _stack.RemoveAt(_stack.Count - 1);
        }

        _stack.Add(heading);
        if (DeployStep().IsMatch(heading.Text) && PhaseOf(heading.Text) is null)
        {
            _pastDeploy = true;
        }
    }

    public ImportPhase Phase
    {
        get
        {
            for (var i = _stack.Count - 1; i >= 0; i--)
            {
                if (PhaseOf(_stack[i].Text) is { } phase)
                {
                    return phase;
                }
            }

            return _pastDeploy ? ImportPhase.Post : ImportPhase.Pre;
        }
    }

    /// <summary>The area named by the nearest heading that names one (DB, API, LLM, UI, Config, Security, Code, Ops, Docs).</summary>
    public string? Area
    {
        get
        {
            for (var i = _stack.Count - 1; i >= 0; i--)
            {
                if (AreaOf(_stack[i].Text) is { } area)
                {
                    return area;
                }
            }

            return null;
        }
    }

    internal static ImportPhase? PhaseOf(string heading)
    {
        if (RollbackWords().IsMatch(heading))
        {
            return ImportPhase.Rollback;
        }

        if (WatchWords().IsMatch(heading))
        {
            return ImportPhase.Watch;
        }

        if (PreWords().IsMatch(heading))
        {
            return ImportPhase.Pre;
        }

        return PostWords().IsMatch(heading) ? ImportPhase.Post : null;
    }

    internal static string? AreaOf(string text)
    {
        foreach (var (pattern, area) in Areas)
        {
            if (pattern.IsMatch(text))
            {
                return area;
            }
        }

        return null;
    }

    private static readonly (Regex Pattern, string Area)[] Areas =
    [
        (new Regex(@"\b(database|schema|sql|migration|table|index|postgres|supabase|storage bucket|backup)", RegexOptions.IgnoreCase), "DB"),
        (new Regex(@"\b(environment|env var|variables?|config|secrets? management)", RegexOptions.IgnoreCase), "Config"),
        (new Regex(@"\b(security|auth|rls|row level)", RegexOptions.IgnoreCase), "Security"),
        (new Regex(@"\b(llm|openai|claude|anthropic|gpt|ai (api|response))", RegexOptions.IgnoreCase), "LLM"),
        (new Regex(@"\b(frontend|front-end|ui|ux|netlify|browser)\b", RegexOptions.IgnoreCase), "UI"),
        (new Regex(@"\b(api|endpoint|health|smoke|route|http)", RegexOptions.IgnoreCase), "API"),
        (new Regex(@"\b(monitor|alert|metric|log|performance|latency)", RegexOptions.IgnoreCase), "Ops"),
        (new Regex(@"\b(code|review|lint|test|quality|governance)", RegexOptions.IgnoreCase), "Code"),
        (new Regex(@"\b(documentation|docs|communication|team)", RegexOptions.IgnoreCase), "Docs"),
    ];

    [GeneratedRegex(@"\b(roll ?back|revert|undo|emergency)", RegexOptions.IgnoreCase)]
    private static partial Regex RollbackWords();

    [GeneratedRegex(@"\b(monitor\w*|watch|24[- ]hour|first (hour|day|week)|after \d+ (hours?|days?)|hourly|daily|weekly|monthly|quarterly|maintenance)", RegexOptions.IgnoreCase)]
    private static partial Regex WatchWords();

    [GeneratedRegex(@"\b(pre[- ]?deploy\w*|before (the )?(deploy\w*|migrat\w*|schema)|prerequisites?|backup|pre[- ]flight|pre[- ]?release)", RegexOptions.IgnoreCase)]
    private static partial Regex PreWords();

    [GeneratedRegex(@"\b(post[- ]?deploy\w*|after (the )?(deploy\w*|schema|migrat\w*)|smoke|success (criteria|indicators)|health check|after (release|go-live))", RegexOptions.IgnoreCase)]
    private static partial Regex PostWords();

    [GeneratedRegex(@"^(step \d+[:.)]?\s*)?(deploy( (code|to|the|it|now|backend|frontend|changes)\b|$)|production deployment|push to|release\b|roll ?out)", RegexOptions.IgnoreCase)]
    private static partial Regex DeployStep();
}
