using System.Text;
using System.Text.RegularExpressions;
using Greenlight.Assertions;
using Greenlight.Text;

namespace Greenlight.Checks.Env;

/// <summary>Looks variables up where the deployed app would: --var, the environment, then .env.</summary>
internal sealed class EnvCheck(IReadOnlyList<string> require, IReadOnlyList<string> optional, IReadOnlyList<(string Name, Regex Pattern)> match) : ICheck
{
    public Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        var observation = new Observation();
        var evidence = new StringBuilder();
        foreach (var name in require)
        {
            var value = context.Variables.LookupEnvironment(name);
            var state = Describe(context, name, value);
            evidence.AppendLine($"{name}: {state} (required)");
            observation.Findings.Add(new AssertionResult($"{name} is set", !string.IsNullOrEmpty(value), state, "set"));
        }

        foreach (var name in optional)
        {
            var value = context.Variables.LookupEnvironment(name);
            var state = Describe(context, name, value);
            evidence.AppendLine($"{name}: {state} (optional)");
            if (string.IsNullOrEmpty(value))
            {
                observation.Warnings.Add($"optional variable {name} is {state}");
            }
        }

        foreach (var (name, pattern) in match)
        {
            var value = context.Variables.LookupEnvironment(name);
            if (string.IsNullOrEmpty(value))
            {
                if (!optional.Contains(name) && !require.Contains(name))
                {
                    observation.Findings.Add(new AssertionResult($"{name} matches /{pattern}/", false, Describe(context, name, value), $"/{pattern}/"));
                }

                continue;
            }

            bool matched;
            try
            {
                matched = pattern.IsMatch(value);
            }
            catch (RegexMatchTimeoutException)
            {
                // The pattern could not be decided: an error naming it, never the value.
                var timedOut = UserRegex.TimedOut(pattern.ToString(), value.Length);
                evidence.AppendLine($"{name}: {timedOut}");
                observation.Findings.Add(new AssertionResult($"{name} matches /{pattern}/", false, $"undecided (value hidden, {value.Length} chars)", $"/{pattern}/", timedOut) { CouldNotEvaluate = true });
                continue;
            }

            // The value itself is never reported, only its length: a shape check must not leak a key.
            var actual = matched ? $"matches (value hidden, {value.Length} chars)" : $"does not match (value hidden, {value.Length} chars)";
            evidence.AppendLine($"{name}: {actual} /{pattern}/");
            observation.Findings.Add(new AssertionResult($"{name} matches /{pattern}/", matched, actual, $"/{pattern}/"));
        }

        observation.Evidence.Add(new EvidenceItem("variables", evidence.ToString().TrimEnd()));
        return Task.FromResult(observation);
    }

    private static string Describe(CheckRunContext context, string name, string? value) =>
        value is null ? "missing"
        : value.Length == 0 ? $"empty (in {context.Variables.SourceOf(name)})"
        : $"set (from {context.Variables.SourceOf(name)}, {value.Length} chars)";
}
