namespace Greenlight.Watch;

/// <summary>The four outcomes of one measurement, in the order the window's verdict ranks them (worst last).</summary>
internal enum MeasurementOutcome
{
    Pass,
    Inconclusive,
    Error,
    Fail,
}
