using System.Globalization;
using Greenlight.Assertions;
using Greenlight.Spec;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Checks.Schedule;

/// <summary><c>kind: schedule</c>: deploy gates in time (<c>not_before</c>, <c>freeze</c> windows), read from the run's clock.</summary>
internal sealed class ScheduleKind : ICheckKind
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
        ["monday"] = DayOfWeek.Monday, ["tuesday"] = DayOfWeek.Tuesday, ["wednesday"] = DayOfWeek.Wednesday, ["thursday"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday, ["saturday"] = DayOfWeek.Saturday, ["sunday"] = DayOfWeek.Sunday,
    };

    public string Name => "schedule";

    public string Summary => "Deploy gates in time: fails before `not_before` and inside any `freeze` window (dates, date ranges, or weekly days and hours) in the given time zone.";

    public IReadOnlyList<FieldDoc> Fields { get; } =
    [
        new("timezone", FieldSchemas.String, "The IANA time zone the times are written in, e.g. Europe/Paris (default UTC)."),
        new("not_before", FieldSchemas.String, "No deploy before this local time: `2026-12-02 09:00` (or with an offset: `2026-12-02T09:00:00+01:00`)."),
        new("freeze", () => new JsonObject
        {
            ["type"] = "array",
            ["items"] = new JsonObject
            {
                ["anyOf"] = new JsonArray(
                    new JsonObject { ["type"] = "string", ["description"] = "a whole local date, 2026-12-24" },
                    new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject { ["days"] = FieldSchemas.StringList(), ["from"] = FieldSchemas.String(), ["to"] = FieldSchemas.String(), ["reason"] = FieldSchemas.String() },
                        ["additionalProperties"] = false,
                    }),
            },
        }, "Windows with no deploys: a date (`2026-12-24`), `{ from, to }` dates or local times (a date-only `to` includes that day), or weekly `{ days: [fri], from: \"15:00\", to? }`; each may give a `reason`."),
    ];

    public SubjectCatalog Subjects { get; } = new(
    [
        new("open", ValueKind.Bool, "Whether a deploy may happen now: `not_before` reached and no freeze in force."),
        new("frozen", ValueKind.Bool, "Whether a freeze window is in force now."),
        new("local_time", ValueKind.String, "Now in the gate's time zone, `2026-12-04T15:30:00`."),
        new("weekday", ValueKind.String, "Today in the gate's time zone: mon, tue, … sun."),
        new("hour", ValueKind.Number, "The hour of the day in the gate's time zone (0-23)."),
    ]);

    public IReadOnlyList<string> DefaultExpect => [];

    public ICheck Create(YamlMapReader fields)
    {
        var context = fields.Context;
        var zone = TimeZoneInfo.Utc;
        if (fields.Scalar("timezone") is { } zoneNode)
        {
            var id = context.ExpandNow(zoneNode.Value ?? "", zoneNode);
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
            {
                context.Error(zoneNode, $"`timezone`: `{id}` is not a time zone this machine knows: expected an IANA name such as Europe/Paris or UTC (install the tzdata package if names are missing)");
            }
            else
            {
                zone = found;
            }
        }

        DateTime? notBefore = null;
        if (fields.Scalar("not_before") is { } nbNode)
        {
            notBefore = ParseInstant(context, nbNode, context.ExpandNow(nbNode.Value ?? "", nbNode), zone, "not_before", endOfDay: false);
        }

        var freeze = new List<FreezeRule>();
        switch (fields.Raw("freeze"))
        {
            case null:
                break;
            case YamlSequenceNode items:
                foreach (var item in items)
                {
                    if (ParseFreeze(context, item, zone, fields.CheckId) is { } rule)
                    {
                        freeze.Add(rule);
                    }
                }

                break;
            case var other:
                context.Error(other, $"`freeze`: expected a list of dates, `{{ from, to }}` spans or `{{ days, from, to }}` weekly windows, got a {YamlMapReader.Describe(other)}");
                break;
        }

        if (fields.Raw("not_before") is null && fields.Raw("freeze") is null)
        {
            context.Error(fields.Location, "a schedule check needs `not_before`, `freeze` or both");
        }

        return new ScheduleCheck(zone, notBefore, freeze);
    }

    private static FreezeRule? ParseFreeze(SpecReadContext context, YamlNode item, TimeZoneInfo zone, string? checkId)
    {
        if (item is YamlScalarNode scalar)
        {
            var text = context.ExpandNow(scalar.Value ?? "", scalar);
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                context.Error(scalar, $"`freeze`: expected a date such as 2026-12-24, got `{text}` (write spans as {{ from, to }} and weekly windows as {{ days: [fri], from: \"15:00\" }})");
                return null;
            }

            return new FreezeRule(text, null) { From = date.ToDateTime(TimeOnly.MinValue), To = date.AddDays(1).ToDateTime(TimeOnly.MinValue) };
        }

        if (item is not YamlMappingNode mapping)
        {
            context.Error(item, "`freeze`: expected a date or a mapping");
            return null;
        }

        var map = new YamlMapReader(mapping, context, checkId);
        var reason = map.Text("reason");
        var fromNode = map.Scalar("from");
        var toNode = map.Scalar("to");
        var days = map.ScalarList("days");
        map.RejectUnknown("a freeze window", ["days", "from", "to", "reason"]);
        if (days is not null)
        {
            var set = new HashSet<DayOfWeek>();
            foreach (var (name, node) in days)
            {
                if (DayNames.TryGetValue(name.Trim(), out var day))
                {
                    set.Add(day);
                }
                else
                {
                    context.Error(node, $"`freeze.days`: `{name}` is not a day: expected mon, tue, wed, thu, fri, sat or sun");
                }
            }

            if (set.Count == 0)
            {
                return null;
            }

            var dailyFrom = fromNode is null ? TimeOnly.MinValue : ParseTime(context, fromNode, "from") ?? TimeOnly.MinValue;
            TimeOnly? dailyTo = toNode is null || (toNode.Value ?? "").Trim() == "24:00" ? null : ParseTime(context, toNode, "to");
            if (dailyTo is { } end && end <= dailyFrom)
            {
                context.Error(toNode!, $"`freeze.to`: {toNode!.Value} is not after `from` {fromNode?.Value ?? "00:00"} (a weekly window lies within one day; use two entries to cross midnight)");
            }

            var dayText = string.Join(", ", set.Order().Select(d => d.ToString()[..3].ToLowerInvariant()));
            var span = (fromNode, toNode) switch
            {
                (null, null) => "all day",
                (_, null) => $"from {fromNode!.Value}",
                (null, _) => $"until {toNode!.Value}",
                _ => $"{fromNode!.Value}-{toNode!.Value}",
            };
            return new FreezeRule($"every {dayText} {span}", reason) { Days = set, DailyFrom = dailyFrom, DailyTo = dailyTo };
        }

        if (fromNode is null || toNode is null)
        {
            context.Error(mapping, "a freeze window needs `from` and `to` (dates or local times), or `days` for a weekly window");
            return null;
        }

        var from = ParseInstant(context, fromNode, context.ExpandNow(fromNode.Value ?? "", fromNode), zone, "freeze.from", endOfDay: false);
        var to = ParseInstant(context, toNode, context.ExpandNow(toNode.Value ?? "", toNode), zone, "freeze.to", endOfDay: true);
        if (from is null || to is null)
        {
            return null;
        }

        if (to <= from)
        {
            context.Error(toNode, $"`freeze.to`: {toNode.Value} is not after `from` {fromNode.Value}");
            return null;
        }

        return new FreezeRule($"{fromNode.Value} to {toNode.Value}", reason) { From = from, To = to };
    }

    /// <summary>A local time in the gate's zone; a date alone is its midnight (or, for an end, the next midnight); an offset is converted.</summary>
    private static DateTime? ParseInstant(SpecReadContext context, YamlScalarNode node, string text, TimeZoneInfo zone, string field, bool endOfDay)
    {
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (endOfDay ? date.AddDays(1) : date).ToDateTime(TimeOnly.MinValue);
        }

        if (DateTime.TryParseExact(trimmed, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return local;
        }

        if (trimmed.Length > 16 && (trimmed.EndsWith('Z') || trimmed[^6] is '+' or '-') &&
            DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return TimeZoneInfo.ConvertTime(withOffset, zone).DateTime;
        }

        context.Error(node, $"`{field}`: expected a local time such as 2026-12-02 09:00 (or a date, or an ISO 8601 time with an offset), got `{text}`");
        return null;
    }

    private static TimeOnly? ParseTime(SpecReadContext context, YamlScalarNode node, string field)
    {
        var text = (node.Value ?? "").Trim();
        if (TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        context.Error(node, $"`freeze.{field}`: in a weekly window, expected a time of day such as 15:00, got `{text}`");
        return null;
    }
}
