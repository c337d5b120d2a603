namespace Greenlight.Processes;

/// <summary>The process could not be started at all (not found, not executable).</summary>
internal sealed class ProcessStartException(string message) : Exception(message);
