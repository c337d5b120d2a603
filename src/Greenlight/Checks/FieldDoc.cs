using System.Text.Json.Nodes;

namespace Greenlight.Checks;

/// <summary>
/// A field a kind accepts: its name (unknown names are load errors), its JSON Schema for
/// <c>greenlight spec-schema</c> and one line for the docs.
/// </summary>
internal sealed record FieldDoc(string Name, Func<JsonObject> Schema, string Description, bool Required = false);
