namespace Greenlight.Databases.Schema;

/// <summary>A row-level-security policy: permissive or restrictive, its command, roles, USING and WITH CHECK.</summary>
internal sealed record PolicySchema(bool Permissive, string Command, IReadOnlyList<string> Roles, string? Using, string? WithCheck);
