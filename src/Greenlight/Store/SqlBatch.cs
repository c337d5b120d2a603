using System.Data.Common;

namespace Greenlight.Store;

/// <summary>
/// The writes of one transaction, each statement prepared once: the next write of the same SQL
/// reuses its command and only binds new values. A run of hundreds of checks writes the same three
/// inserts hundreds of times; preparing each again was most of the recorder's CPU, taken from the
/// checks running beside it.
/// </summary>
internal sealed class SqlBatch(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    /// <summary>Runs <paramref name="text"/> with these values; the same text must come with the same names in the same order.</summary>
    public async Task<int> ExecuteAsync(string text, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(text, out var command))
        {
            command = Sql.Command(connection, text, transaction, parameters);
            _commands[text] = command;
        }
        else
        {
            if (command.Parameters.Count != parameters.Length)
            {
                throw new InvalidOperationException($"the statement was prepared with {command.Parameters.Count} parameters, not {parameters.Length}");
            }

            for (var i = 0; i < parameters.Length; i++)
            {
                var parameter = command.Parameters[i];
                if (parameter.ParameterName != Sql.ParameterName(parameters[i].Name))
                {
                    throw new InvalidOperationException($"the statement was prepared with parameter {parameter.ParameterName} where {parameters[i].Name} is given");
                }

                parameter.Value = parameters[i].Value ?? DBNull.Value;
            }
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
    }
}
