using Greenlight.Checks.Boot;
using Greenlight.Checks.Command;
using Greenlight.Checks.Env;
using Greenlight.Checks.File;
using Greenlight.Checks.Http;
using Greenlight.Checks.Metric;
using Greenlight.Checks.Migration;
using Greenlight.Checks.Manual;
using Greenlight.Checks.Routes;
using Greenlight.Checks.Rule;
using Greenlight.Checks.Schedule;
using Greenlight.Checks.Secrets;
using Greenlight.Checks.Schema;
using Greenlight.Checks.Sql;

namespace Greenlight.Checks;

/// <summary>Every kind Greenlight knows, listed once. Adding a kind is one line here.</summary>
internal sealed class CheckKindRegistry
{
    public static CheckKindRegistry Default { get; } = new(
    [
        new EnvKind(),
        new HttpKind(),
        new CommandKind(),
        new FileKind(),
        new SqlKind(),
        new SchemaKind(),
        new BootKind(),
        new RoutesKind(),
        new MetricKind(),
        new MigrationKind(),
        new ManualKind(),
        new SecretsKind(),
        new RuleKind(),
        new ScheduleKind(),
    ]);

    private readonly Dictionary<string, ICheckKind> _kinds;

    public CheckKindRegistry(IEnumerable<ICheckKind> kinds) =>
        _kinds = kinds.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<ICheckKind> Kinds => _kinds.Values;

    public IEnumerable<string> Names => _kinds.Keys;

    public ICheckKind? Find(string name) => _kinds.GetValueOrDefault(name);
}
