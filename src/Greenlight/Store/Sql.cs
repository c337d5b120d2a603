using System.Data.Common;
using System.Globalization;

namespace Greenlight.Store;

/// <summary>Small helpers over ADO.NET so both stores share every statement.</summary>
internal static class Sql
{
    /// <remarks>
    /// The name is given with its <c>@</c>: SQLite then finds the placeholder at the first try, where a bare
    /// name is looked up under each of its three prefixes on every execution. Npgsql takes both.
    /// </remarks>
    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = ParameterName(name);
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The name <see cref="Add"/> gives a parameter: with its <c>@</c>.</summary>
    public static string ParameterName(string name) => name.StartsWith('@') ? name : "@" + name;

    public static DbCommand Command(DbConnection connection, string text, DbTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        return command;
    }

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.ParseExact(value, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
