namespace Greenlight.Dashboard;

/// <summary>What <c>/healthz/{spec}</c> answers: the status code, an optional warning header, and a one-line body.</summary>
internal sealed record HealthAnswer(int StatusCode, string? Warning, string Body);
