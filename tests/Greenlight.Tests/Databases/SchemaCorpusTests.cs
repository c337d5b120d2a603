using Greenlight.Databases;
using Greenlight.Databases.Schema;
using Greenlight.Spec;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Tests.Databases;

/// <summary>
/// Every pair of bench/schema-corpus (one object kind, a dependency chain, or a real-world shape
/// per pair), against the real PostgreSQL: the difference is detected, the fix-up SQL applied to A
/// twice makes A equal to B, and B's snapshot reads back with no phantom difference.
/// </summary>
// A cluster of its own: 75 pairs (150 databases, four pairs at a time) would crowd the shared one's connections.
public class SchemaCorpusTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static string PairsDirectory => Path.Combine(RepositoryPaths.Root, "bench", "schema-corpus", "pairs");

    /// <summary>All pairs, four at a time (each needs two databases); every failure is listed with its pair.</summary>
    [Fact]
    public async Task Corpus_EveryPair_DetectedConvergedIdempotentAndLossless()
    {
        var pairs = Directory.GetFiles(PairsDirectory, "*.sql").Order(StringComparer.Ordinal).ToList();
        pairs.Count.ShouldBeGreaterThanOrEqualTo(60);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(pairs.Select(async file =>
        {
            await gate.WaitAsync();
            try
            {
                await RunPairFileAsync(file);
            }
            catch (Exception ex)
            {
                failures.Add($"{Path.GetFileNameWithoutExtension(file)}: {ex.Message}");
            }
            finally
            {
                gate.Release();
            }
        }));

        failures.Order(StringComparer.Ordinal).ShouldBeEmpty();
    }

    private async Task RunPairFileAsync(string file)
    {
        var (common, aSql, bSql) = CorpusPair.Read(file);
        var a = await postgres.CreateDatabaseAsync(superuser: true);
        var b = await postgres.CreateDatabaseAsync(superuser: true);
        try
        {
            await RunPairAsync(common, aSql, bSql, a, b);
        }
        finally
        {
            // 75 pairs make 150 databases: their pooled connections go with them.
            await DropAsync(a);
            await DropAsync(b);
        }
    }

    private async Task DropAsync(string url)
    {
        var name = url[(url.LastIndexOf('/') + 1)..];
        await TestDatabases.ExecutePostgresAsync($"postgres://postgres@127.0.0.1:{postgres.Port}/postgres", $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static async Task RunPairAsync(string common, string aSql, string bSql, string a, string b)
    {
        await TestDatabases.ExecutePostgresAsync(a, common + "\n" + aSql);
        await TestDatabases.ExecutePostgresAsync(b, common + "\n" + bSql);
        var liveB = await ReadAsync(b);

        var changes = SchemaDiff.Compare(await ReadAsync(a), liveB);
        changes.ShouldNotBeEmpty("the pair differs, so the diff must say so");

        var sql = SchemaDiff.FixupSql(changes, allowDestructive: true, "a", "b");
        await ApplyAsync(a, sql, "first run");
        await ApplyAsync(a, sql, "second run (idempotent)");
        SchemaDiff.Compare(await ReadAsync(a), liveB).Select(c => c.Description).ShouldBeEmpty($"after the fix-up SQL:\n{sql}");

        // Snapshot vs live: no phantom difference; snapshot → YAML → snapshot: lossless.
        var yaml = SchemaYaml.Write(liveB, "b");
        var snapshot = ReadBack(yaml);
        SchemaDiff.Compare(snapshot, liveB).Select(c => c.Description).ShouldBeEmpty();
        SchemaDiff.Compare(liveB, snapshot).Select(c => c.Description).ShouldBeEmpty();
        SchemaYaml.Write(snapshot, "b").ShouldBe(yaml);
        SchemaDiff.Compare(await ReadAsync(b), liveB).ShouldBeEmpty("reading the same database twice");
    }

    private static async Task ApplyAsync(string url, string sql, string what)
    {
        try
        {
            await TestDatabases.ExecutePostgresAsync(url, sql);
        }
        catch (Npgsql.PostgresException ex)
        {
            throw new ShouldAssertException($"the fix-up SQL failed on the {what}: {ex.MessageText}\n{sql}", ex);
        }
    }

    internal static async Task<DatabaseSchema> ReadAsync(string url) =>
        await SchemaReader.ReadAsync(DatabaseTarget.Parse(url, "."), (IReadOnlyList<string>?)null, TimeSpan.FromSeconds(30), CancellationToken.None);

    internal static DatabaseSchema ReadBack(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var context = new SpecReadContext("snapshot.yaml", VariableScope.Empty);
        var reader = new YamlMapReader((YamlMappingNode)stream.Documents[0].RootNode, context);
        var schema = SchemaYaml.Read(reader, exactTables: true);
        reader.RejectUnknown("a schema snapshot", SchemaYaml.TopLevelFields);
        context.Errors.Select(e => e.ToString()).ShouldBeEmpty();
        return schema;
    }
}

/// <summary>A corpus pair file: "-- common", "-- a" and "-- b" sections.</summary>
internal static class CorpusPair
{
    public static (string Common, string A, string B) Read(string path)
    {
        var sections = new Dictionary<string, List<string>> { ["common"] = [], ["a"] = [], ["b"] = [] };
        var current = "common";
        foreach (var line in File.ReadAllLines(path))
        {
            if (line is "-- common" or "-- a" or "-- b")
            {
                current = line[3..];
                continue;
            }

            sections[current].Add(line);
        }

        return (string.Join("\n", sections["common"]), string.Join("\n", sections["a"]), string.Join("\n", sections["b"]));
    }
}
