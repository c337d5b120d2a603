namespace Greenlight.Import;

/// <summary>A document the import cannot use (no checklist in it); the CLI prints it and exits 2.</summary>
internal sealed class ImportException(string message) : Exception(message);
