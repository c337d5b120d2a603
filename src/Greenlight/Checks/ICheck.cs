namespace Greenlight.Checks;

/// <summary>The probe of one check: looks at the world and reports what it saw, never throws for a failure.</summary>
internal interface ICheck
{
    Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken);
}
