namespace Greenlight.Spec;

/// <summary>
/// The spec's <c>watch:</c> section: the main window (<c>every</c>, <c>for</c>, <c>initial_delay</c>),
/// the rules every watch check follows unless it has its own under <c>checks:</c>, and further
/// named windows (<c>windows:</c>, e.g. the 24-hour look) run with <c>watch --window NAME</c>.
/// </summary>
internal sealed record WatchSettings
{
    public const string MainWindow = "main";

    public TimeSpan Every { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan For { get; init; } = TimeSpan.FromHours(1);
    public TimeSpan InitialDelay { get; init; } = TimeSpan.Zero;
    public WatchRules Defaults { get; init; } = new();

    /// <summary>Rules of one check by id (the defaults with that check's overrides applied).</summary>
    public IReadOnlyDictionary<string, WatchRules> Checks { get; init; } = new Dictionary<string, WatchRules>(StringComparer.Ordinal);

    public IReadOnlyList<WatchWindow> Windows { get; init; } = [];

    public WatchRules RulesFor(string checkId) => Checks.GetValueOrDefault(checkId) ?? Defaults;

    /// <summary>The main window as a <see cref="WatchWindow"/>, so named ones and it are handled alike.</summary>
    public WatchWindow Main => new(MainWindow, Every, For, InitialDelay, []);
}
