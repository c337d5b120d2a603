using Greenlight.Secrets;
using Greenlight.Spec;

namespace Greenlight.Mcp;

/// <summary>
/// The last line of masking before anything leaves the server: reports are already redacted by the
/// engine, but every tool result, resource, error and progress message passes through this too, with
/// every secret the spec, its .env, the environment and the call's vars know (and URL passwords by shape).
/// </summary>
internal static class SecretMask
{
    public static Redactor For(string specPath, SpecLoadOptions options)
    {
        var scope = new VariableScope(options.CliVariables, options.Environment ?? SpecLoadOptions.ProcessEnvironment(), new Dictionary<string, string>());
        var secrets = scope.SecretValues().ToList();
        try
        {
            if (File.Exists(specPath))
            {
                var spec = SpecLoader.LoadFile(specPath, options);
                secrets.AddRange(spec.Variables.SecretValues());
                secrets.AddRange(spec.Targets.Values.Select(Redactor.PasswordOf).OfType<string>());
            }
        }
        catch (SpecException)
        {
            // An invalid spec still masks what the environment and the call's vars know.
        }

        return new Redactor(secrets);
    }
}
