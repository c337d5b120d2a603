namespace Greenlight.Audit;

/// <summary>What the evidence says of one claim in a document.</summary>
internal enum ClaimJudgement
{
    /// <summary>The check behind the claim passed in the run.</summary>
    Earned,

    /// <summary>The check ran and failed or could not run: the claim is false.</summary>
    Failed,

    /// <summary>Nothing proves it: a manual item nobody signed, a claim that was not converted, a check that did not run.</summary>
    Unproven,
}
