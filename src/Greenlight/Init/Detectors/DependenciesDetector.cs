namespace Greenlight.Init.Detectors;

/// <summary>
/// A dependency file → a <c>command</c> check that installs it cleanly into a fresh environment
/// (a new virtual environment, or <c>npm ci</c> into a clean copy), so a dependency missing from
/// the file fails here and the boot that needs it shows the crash.
/// </summary>
internal sealed class DependenciesDetector : IRepositoryDetector
{
    public void Detect(InitDraft draft)
    {
        if (draft.Files.Exists("requirements.txt"))
        {
            var check = draft.Add("deps.install", "command", "requirements.txt installs into a fresh virtual environment",
                "requirements.txt: a fresh environment is what the platform builds; one installed by hand may hide a missing dependency", "Code");
            check.Set("run", "rm -rf .greenlight/venv && python3 -m venv .greenlight/venv && .greenlight/venv/bin/pip install --disable-pip-version-check -q -r requirements.txt");
            check.Set("timeout", new Greenlight.Import.YamlRaw("5m"));
            Boot(draft, "PATH: \".greenlight/venv/bin:${PATH}\"");
        }
        else if (draft.Files.Exists("package.json") && (draft.Files.Exists("package-lock.json") || draft.Files.Exists("npm-shrinkwrap.json")))
        {
            var check = draft.Add("deps.install", "command", "package-lock.json installs cleanly (npm ci)",
                "package-lock.json: `npm ci` installs exactly what is locked, as a platform build does", "Code");
            check.Set("run", "npm ci --ignore-scripts --no-audit --no-fund");
            check.Set("timeout", new Greenlight.Import.YamlRaw("5m"));
            Boot(draft, null);
        }
    }

    private static void Boot(InitDraft draft, string? path)
    {
        if (draft.Boot is null)
        {
            return;
        }

        draft.Boot.Needs.Add("deps.install");
        if (path is not null)
        {
            draft.Boot.Notes.Add("it runs with the fresh environment's programs first on PATH");
            draft.Boot.Set("env", new Greenlight.Import.YamlRaw("{ " + path + " }"));
        }
    }
}
