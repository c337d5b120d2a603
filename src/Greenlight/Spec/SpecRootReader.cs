using System.Security.Cryptography;
using System.Text;
using Greenlight.Checks;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Spec;

/// <summary>The spec's root: version and name, secrets, vars and targets, the checks, watch and rollback.</summary>
internal static class SpecRootReader
{
    public static SpecDocument? Read(YamlMapReader root, CheckKindRegistry registry, string directory, string displayPath, string text)
    {
        var context = root.Context;
        var versionNode = root.Scalar("version", required: true);
        if (versionNode is not null && versionNode.Value != "1")
        {
            context.Error(versionNode, $"`version`: expected 1, got `{versionNode.Value}`");
        }

        var name = root.Text("name", required: true) ?? "";

        ReadVariablesAndTargets(root);
        var checks = CheckReader.ReadAll(root, registry);
        var watch = ReadWatch(root.Map("watch"));
        var rollback = ReadRollback(root);
        root.RejectUnknown("the spec");
        NeedsGraph.Validate(checks, context);

        return new SpecDocument
        {
            Name = name,
            Path = displayPath,
            Directory = directory,
            Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
            Variables = context.Scope,
            Targets = context.Targets,
            UnavailableTargets = context.UnavailableTargets,
            Redactor = context.Secrets(),
            Checks = checks,
            Watch = watch,
            Rollback = rollback,
            Warnings = context.Warnings,
        };
    }

    /// <summary>secrets, vars (expanded in order) and targets: everything checks' fields may refer to.</summary>
    public static void ReadVariablesAndTargets(YamlMapReader root)
    {
        var context = root.Context;
        foreach (var (secret, node) in root.ScalarList("secrets") ?? [])
        {
            if (!SpecNames.Variable().IsMatch(secret))
            {
                context.Error(node, $"`secrets`: `{secret}` is not a variable name");
            }

            context.Scope.DeclareSecret(secret);
        }

        foreach (var (varName, value, node) in root.ScalarMap("vars") ?? [])
        {
            if (!SpecNames.Variable().IsMatch(varName))
            {
                context.Error(node, $"`vars`: `{varName}` is not a valid name (letters, digits and _; not starting with a digit)");
                continue;
            }

            // Vars are expanded in order, so a var may use the ones above it and the environment.
            context.Scope.SetSpecVar(varName, context.ExpandNow(value, node));
        }

        TargetReader.ReadAll(root);
    }

    private static WatchSettings? ReadWatch(YamlMapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var every = reader.Duration("every") ?? TimeSpan.FromMinutes(5);
        var duration = reader.Duration("for") ?? TimeSpan.FromHours(1);
        var failureLimit = reader.Integer("failure_limit", 1) ?? 1;
        reader.RejectUnknown("`watch`");
        return new WatchSettings(every, duration, failureLimit);
    }

    private static List<RollbackStep> ReadRollback(YamlMapReader root)
    {
        var steps = new List<RollbackStep>();
        var node = root.Raw("rollback");
        if (node is null)
        {
            return steps;
        }

        if (node is not YamlSequenceNode sequence)
        {
            root.Context.Error(node, "`rollback`: expected a list of steps such as `- run: git revert --no-edit HEAD`");
            return steps;
        }

        foreach (var item in sequence)
        {
            if (item is YamlMappingNode mapping)
            {
                var step = new YamlMapReader(mapping, root.Context);
                var run = step.Template("run", required: true);
                step.RejectUnknown("a rollback step");
                if (run is not null)
                {
                    steps.Add(new RollbackStep(run, root.Context.At(mapping)));
                }
            }
            else
            {
                root.Context.Error(item, "a rollback step is a mapping: `- run: COMMAND`");
            }
        }

        return steps;
    }
}
