namespace Greenlight.Import;

/// <summary>A value written to YAML as it is (<c>false</c>, <c>5m</c>), not as a quoted string.</summary>
internal sealed record YamlRaw(string Text);
