using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Spec;

/// <summary>
/// Reads a spec file into a <see cref="SpecDocument"/>, or throws a <see cref="SpecException"/>
/// listing every problem with file, line and column. Nothing runs before this has succeeded.
/// The work is split by role: <see cref="SpecRootReader"/> (root, variables and targets),
/// <see cref="CheckReader"/> (one check), <see cref="NeedsGraph"/> and <see cref="DotEnvReader"/>.
/// </summary>
internal static partial class SpecLoader
{
    public static IReadOnlyList<string> CommonFieldNames => CheckReader.CommonFields;

    public static SpecDocument LoadFile(string path, SpecLoadOptions options)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "no such file (write one, or pass -f FILE)" : ex.Message;
            var context = CreateContext(path, Path.GetDirectoryName(Path.GetFullPath(path))!, options);
            throw new SpecException([new SpecError(new SourceLocation(path, 1, 1), $"cannot read the spec: {reason}")], context.Secrets());
        }

        return Load(text, path, Path.GetDirectoryName(Path.GetFullPath(path))!, options);
    }

    public static SpecDocument Load(string text, string displayPath, string directory, SpecLoadOptions options)
    {
        var context = CreateContext(displayPath, directory, options);
        var root = ParseRoot(text, context);
        SpecDocument? document = null;
        if (root is not null)
        {
            document = SpecRootReader.Read(new YamlMapReader(root, context), options.Registry, directory, displayPath, text);
        }

        if (context.Errors.Count > 0 || document is null)
        {
            throw new SpecException(
                [.. context.Errors.Distinct().OrderBy(e => e.Location.File, StringComparer.Ordinal).ThenBy(e => e.Location.Line).ThenBy(e => e.Location.Column)],
                context.Secrets());
        }

        return document;
    }

    /// <summary>
    /// Reads only a spec's <c>vars</c> and <c>targets</c>, for commands that name a target
    /// (schema snapshot) before the rest of the spec can be valid.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LoadTargets(string path, SpecLoadOptions options)
    {
        var context = CreateContext(path, Path.GetDirectoryName(Path.GetFullPath(path))!, options);
        var root = ParseRoot(System.IO.File.ReadAllText(path), context, quiet: true);
        if (root is not null)
        {
            SpecRootReader.ReadVariablesAndTargets(new YamlMapReader(root, context));
        }

        if (context.Errors.Count > 0)
        {
            throw new SpecException(context.Errors, context.Secrets());
        }

        return context.Targets;
    }

    /// <summary>The one YAML document of a spec as a mapping, or null with the problem reported.</summary>
    private static YamlMappingNode? ParseRoot(string text, SpecReadContext context, bool quiet = false)
    {
        var parser = new LimitedYamlParser(new Parser(new StringReader(text)));
        try
        {
            var stream = new YamlStream();
            stream.Load(parser);
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode mapping && stream.Documents.Count == 1)
            {
                return mapping;
            }

            if (quiet)
            {
                return stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
            }

            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                context.Error(new SourceLocation(context.File, 1, 1), "the spec is empty: expected `version`, `name` and `checks`");
            }
            else if (stream.Documents.Count > 1)
            {
                context.Error(stream.Documents[1].RootNode, "expected one YAML document; found a second one after `---`");
            }
            else
            {
                context.Error(stream.Documents[0].RootNode, $"expected a mapping with `version`, `name` and `checks`, got a {YamlMapReader.Describe(stream.Documents[0].RootNode)}");
            }
        }
        catch (YamlException ex)
        {
            context.Error(context.At(ex.Start), "invalid YAML: " + CleanYamlMessage(ex));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner fails this way on some malformed input (found by the fuzz test): still an answer with a position.
            context.Error(context.At(parser.LastMark), $"invalid YAML after this point: the YAML reader could not go on ({ex.Message})");
        }

        return null;
    }

    /// <summary>Where variables come from (the .env beside the spec, the environment, --var) and where problems go.</summary>
    private static SpecReadContext CreateContext(string displayPath, string directory, SpecLoadOptions options)
    {
        var errors = new List<SpecError>();
        var dotEnv = DotEnvReader.Read(options.EnvFile ?? Path.Combine(directory, ".env"), explicitFile: options.EnvFile is not null, errors);
        var scope = new VariableScope(options.CliVariables, options.Environment ?? SpecLoadOptions.ProcessEnvironment(), dotEnv);
        var context = new SpecReadContext(displayPath, scope, directory) { EnvironmentName = options.EnvironmentName };
        context.Errors.AddRange(errors);
        return context;
    }

    private static string CleanYamlMessage(YamlException ex)
    {
        // YamlDotNet prefixes its own "(Line: x, Col: y, …)": the location is ours to print.
        var message = ex.InnerException?.Message ?? ex.Message;
        return YamlLocationPrefix().Replace(message, "");
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex YamlLocationPrefix();
}
