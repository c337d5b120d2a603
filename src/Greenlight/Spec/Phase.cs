namespace Greenlight.Spec;

/// <summary>When in the release a check runs.</summary>
internal enum Phase
{
    Pre,
    Post,
    Watch,
}
