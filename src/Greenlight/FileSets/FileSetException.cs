namespace Greenlight.FileSets;

/// <summary>The files could not be listed (git_tracked: true outside a repository).</summary>
internal sealed class FileSetException(string message) : Exception(message);
