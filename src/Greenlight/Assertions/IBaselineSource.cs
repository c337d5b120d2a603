namespace Greenlight.Assertions;

/// <summary>The values one check had in its baseline run (the last run of the spec that ended GO, or <c>--baseline RUN</c>).</summary>
internal interface IBaselineSource
{
    BaselineValue Find(SubjectRef subject);
}
