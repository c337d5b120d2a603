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

        var environment = ReadVariablesAndTargets(root);
        var checks = CheckReader.ReadAll(root, registry);
        var (watch, rollback, alerts) = ReleaseSectionsReader.Read(root, checks);
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
            Alerts = alerts,
            Warnings = context.Warnings,
            Environment = environment,
        };
    }

    /// <summary>
    /// secrets, vars (expanded in order), the chosen environment's vars and targets, then the targets:
    /// everything checks' fields may refer to. Returns the chosen environment's name.
    /// </summary>
    public static string? ReadVariablesAndTargets(YamlMapReader root)
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

        var chosen = context.EnvironmentName;
        var environment = EnvironmentReader.Read(root, chosen);
        if (environment is not null)
        {
            EnvironmentReader.ApplyVars(environment, chosen!);
        }

        TargetReader.ReadAll(root, overriddenLater: EnvironmentReader.TargetNames(environment));
        if (environment is not null)
        {
            EnvironmentReader.Finish(environment, chosen!);
        }

        return environment is null ? null : chosen;
    }
}
