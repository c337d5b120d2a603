namespace Greenlight.Signoffs;

/// <summary>A sign-off that cannot be given (no such manual check, the author signing their own change).</summary>
internal sealed class SignoffException(string message) : Exception(message);
