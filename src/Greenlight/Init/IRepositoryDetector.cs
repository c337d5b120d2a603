namespace Greenlight.Init;

/// <summary>One thing <c>init</c> recognises in a repository (a Procfile, an OpenAPI document, an Alembic project …) and the checks it proposes.</summary>
internal interface IRepositoryDetector
{
    void Detect(InitDraft draft);
}
