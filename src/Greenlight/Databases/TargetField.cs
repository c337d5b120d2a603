using Greenlight.Spec;

namespace Greenlight.Databases;

/// <summary>Reads a check's <c>target</c>: the name of one of the spec's targets, or a database URL.</summary>
internal static class TargetField
{
    /// <summary>The URL, validated at load; "" when there is none (reported, or the check is marked unavailable).</summary>
    public static string Read(YamlMapReader fields, string key = "target") => TargetReader.ReadCheckTarget(fields, key);
}
