using System.Diagnostics;
using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Migration;

/// <summary>
/// Issue 11: an Alembic project whose env.py reads its URL from the environment (os.environ, no URL
/// in alembic.ini), run by a real Alembic from a virtual environment the test creates over Debian's
/// packages (no package index answers here, hence --system-site-packages).
/// </summary>
[Collection("postgres")]
public class MigrationAlembicEnvTests(PostgresServer postgres)
{
    private const string DebianPython = "/usr/bin/python3";

    private const string EnvPy = """
        import os
        import sys

        from alembic import context

        # As deployed apps do: the URL only from the environment, a KeyError when it is not set.
        url = os.environ["DATABASE_URL"]
        if not url.startswith("postgresql://"):
            sys.exit("env.py wants a postgresql:// URL, got " + url.split(":")[0])
        token = os.environ.get("MIGRATION_TOKEN")
        if token is not None and token != "right-token-0123456789":
            sys.exit("refusing migration token " + token)
        context.configure(url=url, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        """;

    private const string Revision = """
        revision = "a1_create_audit"
        down_revision = None

        from alembic import op
        import sqlalchemy as sa


        def upgrade():
            op.create_table("audit_events", sa.Column("id", sa.Integer, primary_key=True), sa.Column("what", sa.Text, nullable=False))


        def downgrade():
            op.drop_table("audit_events")
        """;

    private static async Task<TempDirectory> ProjectAsync()
    {
        if (!System.IO.File.Exists(DebianPython))
        {
            throw new InvalidOperationException($"{DebianPython} is missing: apt-get install python3 python3-venv alembic (./test.sh does this)");
        }

        var dir = new TempDirectory();
        dir.Write("backend/alembic.ini", "[alembic]\nscript_location = alembic\n");
        dir.Write("backend/alembic/env.py", EnvPy);
        dir.Write("backend/alembic/versions/a1_create_audit.py", Revision);
        var venv = Path.Combine(dir.Path, "backend", ".venv");
        using (var create = Process.Start(new ProcessStartInfo(DebianPython, ["-m", "venv", "--system-site-packages", "--without-pip", venv]) { RedirectStandardError = true })!)
        {
            var error = await create.StandardError.ReadToEndAsync();
            await create.WaitForExitAsync();
            create.ExitCode.ShouldBe(0, $"python3 -m venv failed: {error} (apt-get install python3-venv)");
        }

        // The console script pip writes for alembic; Debian's alembic package is the one imported.
        var alembic = Path.Combine(venv, "bin", "alembic");
        await System.IO.File.WriteAllTextAsync(alembic, $"#!{venv}/bin/python\nimport sys\nfrom alembic.config import main\nsys.exit(main())\n");
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(alembic, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        using (var probe = Process.Start(new ProcessStartInfo(alembic, ["--version"]) { RedirectStandardError = true, RedirectStandardOutput = true })!)
        {
            var output = await probe.StandardOutput.ReadToEndAsync() + await probe.StandardError.ReadToEndAsync();
            await probe.WaitForExitAsync();
            probe.ExitCode.ShouldBe(0, $"the venv's alembic does not start: {output} (apt-get install alembic)");
        }

        return dir;
    }

    private static string Spec(string? url, string extra = "")
    {
        var target = url is null ? "" : $"    target: \"{url}\"\n";
        return "version: 1\nname: m\nchecks:\n  - id: m\n    kind: migration\n" + target + "    path: backend\n    idempotent: false\n    timeout: 60s\n" + extra;
    }

    [Fact]
    public async Task Alembic_Issue11_EnvPyReadsDatabaseUrl_GetsTheTargetsUrlByDefault()
    {
        var url = await postgres.CreateDatabaseAsync();
        using var dir = await ProjectAsync();

        var result = (await SpecHarness.RunAsync(Spec(url, "    expect: [pending == 1, head == \"a1_create_audit\", 'changes contains \"table audit_events added\"']\n"), directory: dir.Path)).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        // The fixture's postgres:// URL reaches env.py in the postgresql:// spelling SQLAlchemy accepts.
        result.Evidence.Single(e => e.Name == "migrations").Content.ShouldContain("alembic env: DATABASE_URL (the target's URL)");
    }

    [Fact]
    public async Task Alembic_Issue11_EnvMap_IsInterpolatedAndReachesAlembic_AndASecretInItsErrorIsRedacted()
    {
        var url = await postgres.CreateDatabaseAsync();
        using var dir = await ProjectAsync();
        const string Env = "    env:\n      DATABASE_URL: ${APP_DB}\n      MIGRATION_TOKEN: ${MIGRATION_TOKEN}\n";
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH")!,
            ["APP_DB"] = "postgresql://nobody@127.0.0.1:1/offline_needs_only_the_dialect",
            ["MIGRATION_TOKEN"] = "right-token-0123456789",
        };

        var passed = (await SpecHarness.RunAsync(Spec(url, Env + "    expect: [pending == 1]\n"), environment, directory: dir.Path)).Result("m");
        passed.Outcome.ShouldBe(CheckOutcome.Pass, passed.Message);
        passed.Evidence.Single(e => e.Name == "migrations").Content.ShouldContain("alembic env: DATABASE_URL, MIGRATION_TOKEN");
        passed.Evidence.ShouldAllBe(e => !e.Content.Contains("right-token", StringComparison.Ordinal));

        environment["MIGRATION_TOKEN"] = "wrong-token-9876543210";
        var refused = (await SpecHarness.RunAsync(Spec(url, Env), environment, directory: dir.Path)).Result("m");
        refused.Outcome.ShouldBe(CheckOutcome.Error);
        refused.Message!.ShouldContain("`alembic upgrade head --sql` failed");
        refused.Message!.ShouldContain("refusing migration token ***");
        refused.Message!.ShouldNotContain("wrong-token");
    }

    [Fact]
    public async Task Alembic_Issue11_LintOnly_WithoutTheVariable_SaysToSetItInEnv_AndWithItLints()
    {
        using var dir = await ProjectAsync();

        var missing = (await SpecHarness.RunAsync(Spec(null), directory: dir.Path)).Result("m");
        missing.Outcome.ShouldBe(CheckOutcome.Error);
        missing.Message!.ShouldContain("KeyError: 'DATABASE_URL' (env.py reads a variable that is not set: give it in the check's `env:`; with a `target:`, DATABASE_URL is its URL)");

        var linted = (await SpecHarness.RunAsync(Spec(null, "    env:\n      DATABASE_URL: postgresql://localhost/ci\n    expect: [pending == 1, 'pending_files contains \"alembic/versions/a1_create_audit.py\"']\n"), directory: dir.Path)).Result("m");
        linted.Outcome.ShouldBe(CheckOutcome.Pass, linted.Message);
    }
}
