using ModelContextProtocol.Protocol;

namespace Greenlight.Mcp;

/// <summary>The prompt "verify this release": validate → pre → deploy → post → watch, with the evidence, never a claim without it.</summary>
internal static class VerifyReleasePrompt
{
    public const string Name = "verify_release";

    public static Prompt Describe() => new()
    {
        Name = Name,
        Title = "Verify this release",
        Description = "Walk through a release with Greenlight: validate the spec, run the pre checks, deploy, run the post checks, watch; report the verdict with its evidence.",
        Arguments =
        [
            new PromptArgument { Name = "deploy", Description = "How this release is deployed (a command or a description); asked for when missing.", Required = false },
        ],
    };

    public static GetPromptResult Get(McpSettings settings, GetPromptRequestParams? request)
    {
        var deploy = request?.Arguments is { } args && args.TryGetValue("deploy", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String
            ? value.GetString()
            : null;
        var text = $"""
            Verify this release with Greenlight (spec: {settings.SpecPath}). Do not call it ready, safe or done from reading code:
            only the verdict of the checks and their evidence count.

            1. Call `validate_spec`. If it answers errors, fix the spec at the file:line:column given and validate again; do not go on with an invalid spec.
            2. Call `list_checks` to see what will be verified in each phase and what each check needs.
            3. Call `run_checks` with phase `pre`. If the verdict is `no_go`, stop: call `explain_failure`, report each failed assertion (actual vs expected) and its fix, and do not deploy.
            4. Deploy: {(deploy is null ? "ask the person how this release is deployed, and deploy only when they say so" : $"`{deploy}` (only with the person's go-ahead)")}.
            5. Call `run_checks` with phase `post`. On `no_go`, call `explain_failure` and `diff_runs` (last~1 against last) and report what regressed;
               a rollback is the person's decision{(settings.AllowRollback ? " (the `rollback` tool is available: ask before calling it)" : "")}.
            6. If the spec has watch checks, call `run_checks` with phase `watch` (or tell the person to run `greenlight watch`), and report the result.
            7. Report the final verdict (GO, GO WITH WARNINGS or NO-GO), the run ids, and for every check not verified its evidence (`get_check`).
               A check that is pending a person's sign-off stays pending{(settings.AllowSignoff ? "; `signoff` records only what a named person confirmed to you" : "")}.
            """;
        return new GetPromptResult
        {
            Description = "Verify this release: validate → pre → deploy → post → watch.",
            Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = text } }],
        };
    }
}
