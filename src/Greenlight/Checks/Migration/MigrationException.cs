namespace Greenlight.Checks.Migration;

/// <summary>Migrations that cannot be read (no such folder, Alembic failed); a check turns it into an error.</summary>
internal sealed class MigrationException(string message) : Exception(message);
