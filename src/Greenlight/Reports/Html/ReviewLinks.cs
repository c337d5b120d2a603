namespace Greenlight.Reports.Html;

/// <summary>The dashboard's addresses a served run page links back to (relative to the server).</summary>
internal sealed record ReviewLinks(string Home, string Spec);
