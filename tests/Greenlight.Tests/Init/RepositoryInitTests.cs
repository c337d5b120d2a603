using Greenlight.Import;
using Greenlight.Init;
using Greenlight.Tests.Fixtures;
using Greenlight.Tests.Import;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Init;

/// <summary><c>greenlight init</c> on replica repositories: what it proposes, that the draft loads, and the verdict of running it.</summary>
public class RepositoryInitTests
{
    private static string Replica(string name) => Path.Combine(RepositoryPaths.Root, "tests", "Greenlight.Tests", "Init", "Replicas", name);

    private static (string Yaml, InitDraft Draft) Draft(string name)
    {
        var (yaml, draft) = RepositoryInit.Draft(Replica(name));
        ImportHarness.Load(yaml, new Dictionary<string, string> { ["SITE_URL"] = "http://127.0.0.1:9" }, Replica(name));
        return (yaml, draft);
    }

    private static ImportedCheck Check(InitDraft draft, string id) => draft.Checks.Single(c => c.Id == id);

    [Fact]
    public void FastApiAlembic_ProposesBootEnvRoutesMigrationDatabaseAndAFreshInstall()
    {
        var (yaml, draft) = Draft("fastapi-alembic");
        draft.Checks.Select(c => c.Id).ShouldBe(["env.variables", "deps.install", "db.reachable", "db.migrations", "app.boots", "api.routes"], ignoreOrder: true);
        Check(draft, "env.variables").Field("require").ShouldBe(new List<string> { "DATABASE_URL", "OPENAI_API_KEY" });
        Check(draft, "env.variables").Field("optional").ShouldBe(new List<string> { "LOG_LEVEL" });
        Check(draft, "db.migrations").Field("layout").ShouldBe("alembic");
        Check(draft, "app.boots").Field("ready").ShouldBe("/health");
        Check(draft, "app.boots").Needs.ShouldBe(["deps.install"]);
        Check(draft, "api.routes").Field("paths").ShouldBe(new List<string> { "GET /api/items", "GET /health", "POST /api/items" });
        yaml.ShouldContain("# Procfile: `python -m uvicorn app.main:app --host 0.0.0.0 --port $PORT` is how the platform starts the app");
        yaml.ShouldContain("greenlight schema snapshot db --out schema/expected.yaml");
    }

    [Fact]
    public void NextSupabaseNetlify_ProposesTheProxyRoutesOnThePublicSite()
    {
        var (_, draft) = Draft("next-supabase");
        Check(draft, "app.boots").Field("run").ShouldBe("npm start");
        Check(draft, "db.migrations").Field("layout").ShouldBe("supabase");
        var proxy = Check(draft, "site.proxy-routes");
        proxy.Field("base").ShouldBe("${site}");
        proxy.Field("paths").ShouldBe(new List<string> { "GET /api/health", "GET /api/profiles" });
        Check(draft, "env.variables").Field("require").ShouldBe(new List<string> { "SUPABASE_ANON_KEY", "SUPABASE_URL" });
    }

    [Fact]
    public void ExpressPrisma_ProposesTimestampedMigrationsAndExpressRoutes()
    {
        var (_, draft) = Draft("express-prisma");
        Check(draft, "db.migrations").Field("path").ShouldBe("prisma/migrations");
        Check(draft, "db.migrations").Field("layout").ShouldBe("timestamped");
        Check(draft, "api.routes").Field("paths").ShouldBe(new List<string> { "GET /api/users", "GET /health", "POST /api/users" });
        Check(draft, "env.variables").Field("optional").ShouldBe(new List<string> { "JWT_SECRET" });
    }

    [Fact]
    public async Task Init_NeverOverwrites_AndAnEmptyFolderExitsTwo()
    {
        using var dir = new TempDirectory();
        (await CliHarness.RunAsync("init", dir.Path)).ExitCode.ShouldBe(2);

        dir.Write("Procfile", "web: python3 app.py\n");
        dir.Write("greenlight.yaml", "keep me");
        var refused = await CliHarness.RunAsync("init", dir.Path);
        refused.ExitCode.ShouldBe(2);
        refused.Stderr.ShouldContain("--force");
        (await File.ReadAllTextAsync(Path.Combine(dir.Path, "greenlight.yaml"))).ShouldBe("keep me");
        (await CliHarness.RunAsync("init", dir.Path, "--force")).ExitCode.ShouldBe(0);
        (await File.ReadAllTextAsync(Path.Combine(dir.Path, "greenlight.yaml"))).ShouldContain("kind: boot");
    }
}
