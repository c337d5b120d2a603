namespace Greenlight.Assertions;

/// <summary>
/// A subject's value in the baseline run, or why there is none. <see cref="From"/> names the run
/// compared with ("run 0193ab12cd34 (GO, 2026-12-01 20:00 UTC)"), for the evidence.
/// </summary>
internal sealed record BaselineValue(AssertionValue? Value, string From)
{
    public static BaselineValue None(string why) => new(null, why);
}
