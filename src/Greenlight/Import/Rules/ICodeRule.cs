namespace Greenlight.Import.Rules;

/// <summary>A conversion for one kind of code block (SQL, shell, Python). Returns false when the block is not its kind.</summary>
internal interface ICodeRule
{
    bool TryImport(CodeContext block, ImportSession session);
}
