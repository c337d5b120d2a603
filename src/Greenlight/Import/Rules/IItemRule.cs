namespace Greenlight.Import.Rules;

/// <summary>A conversion for a list item or table row (a required variable, a claim). Returns false when the item is not its kind.</summary>
internal interface IItemRule
{
    bool TryImport(ItemElement item, ItemContext context, ImportSession session);
}
