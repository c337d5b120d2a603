namespace Greenlight.Spec;

/// <summary>
/// <c>${boot.web.url}</c> is another spelling of <c>${web.url}</c>: the value <c>url</c> captured by
/// the boot check <c>web</c>, as the issue and docs write it.
/// </summary>
internal static class CaptureNames
{
    public static string Canonical(string name) =>
        name.StartsWith("boot.", StringComparison.Ordinal) && name.Count(c => c == '.') >= 2 ? name["boot.".Length..] : name;
}
