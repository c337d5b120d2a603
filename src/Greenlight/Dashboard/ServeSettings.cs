using System.Net;

namespace Greenlight.Dashboard;

/// <summary>
/// How <c>greenlight serve</c> listens, validated before anything starts: a port in range, an address
/// to bind, and the warning for a dashboard reachable beyond this machine without authentication.
/// </summary>
internal sealed record ServeSettings(IPAddress Bind, int Port, DashboardAuth? Auth)
{
    public static ServeSettings Parse(string bind, int port, string? authTokenEnv, Func<string, string?> environment)
    {
        if (port is < 0 or > 65535)
        {
            throw new ArgumentException($"--port {port}: expected a TCP port from 1 to 65535 (0 picks a free one)");
        }

        IPAddress address;
        if (bind == "localhost")
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(bind, out address!))
        {
            throw new ArgumentException($"--bind {bind}: expected an IP address to listen on, such as 127.0.0.1, 0.0.0.0 or ::");
        }

        return new ServeSettings(address, port, authTokenEnv is null ? null : DashboardAuth.FromEnvironment(authTokenEnv, environment));
    }

    public bool Loopback => IPAddress.IsLoopback(Bind);

    /// <summary>What to tell the user before serving, or null: evidence may describe production.</summary>
    public string? Warning => !Loopback && Auth is null
        ? $"warning: serving on {Bind} without authentication: anyone who can reach this port can read every stored run and its evidence; give --auth-token-env NAME"
        : null;
}
