namespace Greenlight.Store;

/// <summary>The store cannot be used (unreachable, newer schema, unknown run reference).</summary>
internal sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);
