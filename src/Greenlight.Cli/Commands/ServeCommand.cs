using System.CommandLine;
using System.Net.Sockets;
using Greenlight.Dashboard;
using Greenlight.Server;
using Greenlight.Store;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight serve</c>: the read-only dashboard, badges and health endpoint over the store, until Ctrl-C.</summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Option<string>("--file", "-f")
        {
            Description = "A spec whose default store to serve (.greenlight/history.db beside it).",
            DefaultValueFactory = _ => "greenlight.yaml",
            HelpName = "FILE",
        };
        var store = StoreOption.Create();
        var port = new Option<int>("--port", "-p") { Description = "TCP port to listen on (0 picks a free one).", DefaultValueFactory = _ => 8080, HelpName = "PORT" };
        var bind = new Option<string>("--bind") { Description = "Address to listen on. Loopback by default; anything else should have --auth-token-env.", DefaultValueFactory = _ => "127.0.0.1", HelpName = "ADDRESS" };
        var authEnv = new Option<string?>("--auth-token-env") { Description = "Require Authorization: Bearer VALUE (or Basic auth with VALUE as password, or VALUE = user:password), VALUE read from this environment variable.", HelpName = "NAME" };
        var command = new Command("serve", "Serve a read-only web dashboard over the store: every spec's verdicts and trends, run pages, live watch windows, JSON API, badges and /healthz.");
        foreach (var option in new Option[] { file, store, port, bind, authEnv })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            ServeSettings settings;
            DashboardStore dashboard;
            try
            {
                settings = ServeSettings.Parse(parse.GetValue(bind)!, parse.GetValue(port), parse.GetValue(authEnv), Environment.GetEnvironmentVariable);
                dashboard = await DashboardStore.OpenAsync(parse.GetValue(store), parse.GetValue(file)!, cancellationToken);
            }
            catch (Exception ex) when (ex is ArgumentException or StoreException)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }

            if (settings.Warning is { } warning)
            {
                await stderr.WriteLineAsync(warning);
            }

            if (dashboard.MissingIndexes)
            {
                await stderr.WriteLineAsync($"note: the store has schema version {dashboard.Store.Version}; greenlight serve never upgrades it, and its pages are slower without version 8's indexes (any greenlight check or history against it upgrades it)");
            }

            DashboardServer server;
            try
            {
                server = await DashboardServer.StartAsync(dashboard, settings, TimeProvider.System, TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (IOException ex) when (ex.InnerException is SocketException || ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                await stderr.WriteLineAsync($"error: cannot listen on {settings.Bind}:{settings.Port}: {ex.Message} (another --port?)");
                return ExitCodes.BadInput;
            }

            await using (server)
            {
                await stdout.WriteLineAsync($"Serving {dashboard.Describe} at {server.Address} (Ctrl-C stops)");
                await stdout.FlushAsync(cancellationToken);
                await server.WaitForShutdownAsync(cancellationToken);
            }

            return ExitCodes.Go;
        });
        return command;
    }
}
