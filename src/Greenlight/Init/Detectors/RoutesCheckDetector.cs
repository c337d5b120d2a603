namespace Greenlight.Init.Detectors;

/// <summary>The app's routes (OpenAPI or declared in code) → a <c>routes</c> check on the booted app: none may answer 404 because start-up lost it (seed 002).</summary>
internal sealed class RoutesCheckDetector : IRepositoryDetector
{
    public void Detect(InitDraft draft)
    {
        if (draft.OpenApi is null && draft.Routes.Count == 0)
        {
            return;
        }

        var check = draft.Add("api.routes", "routes", "every route the app declares is mounted",
            draft.OpenApi is not null ? $"{draft.OpenApi}: every operation must answer something other than 404" : $"the code declares {draft.Routes.Count} routes: each must answer something other than 404 (an import that fails at start-up loses them)", "API", Greenlight.Import.ImportPhase.Post);
        check.Set("base", draft.Boot is null ? "${api}" : "${boot.app.boots.url}");
        if (draft.Boot is not null)
        {
            check.Needs.Add("app.boots");
        }
        else
        {
            draft.Vars.Add(new("api", "${API_BASE:?set API_BASE to the service's base URL}"));
        }

        if (draft.OpenApi is not null)
        {
            check.Set("openapi", draft.OpenApi);
        }
        else
        {
            check.Set("paths", draft.Routes.ToList());
        }
    }
}
