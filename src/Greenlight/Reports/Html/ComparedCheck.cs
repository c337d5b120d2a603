using Greenlight.Engine;

namespace Greenlight.Reports.Html;

/// <summary>One check in a comparison: how it ended then and now, and a line that says what changed.</summary>
internal sealed record ComparedCheck(string Id, string? Title, CheckOutcome? Before, CheckOutcome After, long? BeforeMs, long AfterMs, string Note);
