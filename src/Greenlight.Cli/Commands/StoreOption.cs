using System.CommandLine;

namespace Greenlight.Cli.Commands;

/// <summary>--store: where runs are kept (default .greenlight/history.db beside the spec, or GREENLIGHT_STORE).</summary>
internal static class StoreOption
{
    public static Option<string?> Create() => new("--store")
    {
        Description = "Where runs are kept: a SQLite path (sqlite:PATH) or postgres://… . Default: GREENLIGHT_STORE, else .greenlight/history.db beside the spec.",
        HelpName = "URL",
    };
}
