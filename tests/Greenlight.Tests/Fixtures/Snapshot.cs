using System.Runtime.CompilerServices;

namespace Greenlight.Tests.Fixtures;

/// <summary>
/// Compares text with <c>Snapshots/NAME.verified.txt</c>. A difference writes NAME.received.txt
/// beside it and fails; set GREENLIGHT_ACCEPT_SNAPSHOTS=1 to accept the received text.
/// </summary>
public static class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var folder = System.IO.Path.Combine(ProjectDirectory(callerFile), "Snapshots");
        var verified = System.IO.Path.Combine(folder, name + ".verified.txt");
        var received = System.IO.Path.Combine(folder, name + ".received.txt");
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("GREENLIGHT_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
            return;
        }

        if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == actual)
        {
            if (File.Exists(received))
            {
                File.Delete(received);
            }

            return;
        }

        File.WriteAllText(received, actual);
        throw new Xunit.Sdk.XunitException(
            $"snapshot {name} differs from {verified}; see {received} (accept with GREENLIGHT_ACCEPT_SNAPSHOTS=1)");
    }

    private static string ProjectDirectory(string callerFile)
    {
        var dir = System.IO.Path.GetDirectoryName(callerFile)!;
        while (!File.Exists(System.IO.Path.Combine(dir, "Greenlight.Tests.csproj")))
        {
            dir = System.IO.Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("test project folder not found");
        }

        return dir;
    }
}
