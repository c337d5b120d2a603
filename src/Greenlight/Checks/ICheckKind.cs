using Greenlight.Assertions;
using Greenlight.Spec;

namespace Greenlight.Checks;

/// <summary>A kind of check (env, http, command, file): its name, fields, subjects and parser.</summary>
internal interface ICheckKind
{
    string Name { get; }

    /// <summary>One line for help, docs and the JSON Schema.</summary>
    string Summary { get; }

    IReadOnlyList<FieldDoc> Fields { get; }

    SubjectCatalog Subjects { get; }

    /// <summary>What is asserted when a check of this kind has no <c>expect</c>.</summary>
    IReadOnlyList<string> DefaultExpect { get; }

    /// <summary>Reads the kind's own fields; problems go to the reader's error list.</summary>
    ICheck Create(YamlMapReader fields);
}
