using Greenlight.Assertions;

namespace Greenlight.Spec;

/// <summary>A value a check keeps for later checks: <c>capture: { token: json.$.token }</c>.</summary>
internal sealed record CaptureDefinition(string Name, SubjectRef Subject);
