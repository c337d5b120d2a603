using System.Text.Json.Serialization;

namespace Greenlight.Dashboard;

/// <summary>Source-generated JSON for the few values the dashboard reads back: no reflection, so a trimmed build keeps them.</summary>
[JsonSerializable(typeof(List<string>))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
