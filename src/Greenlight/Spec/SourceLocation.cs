namespace Greenlight.Spec;

/// <summary>A place in a spec file; line and column are 1-based.</summary>
internal readonly record struct SourceLocation(string File, int Line, int Column)
{
    public SourceLocation Offset(int columns) => this with { Column = Column + columns };

    public override string ToString() => $"{File}:{Line}:{Column}";
}
