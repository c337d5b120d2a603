namespace Greenlight.Databases;

/// <summary>A database cannot be reached or read; a check turns it into an error outcome.</summary>
internal sealed class DatabaseException(string message, Exception? inner = null) : Exception(message, inner);
