namespace Greenlight.Checks.Migration;

/// <summary>What the database says about a table that existed before the migration: its size.</summary>
internal sealed record TableFacts(string Name, long Rows, long Bytes)
{
    /// <summary>Small enough that a rewrite or a full scan under a lock is instant.</summary>
    public bool Tiny => Rows < 10_000 && Bytes < 10L * 1024 * 1024;

    public string Describe() => $"{FormatRows(Rows)}, {FormatBytes(Bytes)}";

    public static string FormatRows(long rows) => rows switch
    {
        >= 1_000_000 => $"{rows / 1_000_000.0:0.#} M rows",
        1 => "1 row",
        _ => $"{rows} rows",
    };

    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MB",
        >= 1L << 10 => $"{bytes / 1024.0:0.#} kB",
        _ => $"{bytes} B",
    };
}
