using System.Text.Json.Serialization;
using Greenlight.Assertions;
using Greenlight.Checks;
using Greenlight.Watch;

namespace Greenlight.Store;

/// <summary>
/// The JSON the store keeps in its text columns, generated at compile time: no reflection, so the
/// trimmed single-file build reads and writes the same rows as any other build.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<AssertionResult>))]
[JsonSerializable(typeof(List<AssertionResult>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyList<EvidenceItem>))]
[JsonSerializable(typeof(List<EvidenceItem>))]
[JsonSerializable(typeof(WatchReport))]
internal sealed partial class StoreJson : JsonSerializerContext;
