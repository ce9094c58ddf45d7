using System.Text.RegularExpressions;

namespace ManagedServices.Tests.TestSupport;

/// <summary>
/// Reference grammars written from issue 13 and Azure's documentation as regular expressions, independent of the
/// library's scanners, for tests to compare against.
/// </summary>
public static class ReferenceGrammar
{
    /// <summary>Longest accepted action name.</summary>
    public const int MaxActionLength = 1024;

    private static readonly Regex Operation = new(
        @"\A[A-Za-z0-9]+(\.[A-Za-z0-9]+)+(/[A-Za-z0-9.:{}$_\-]+)+\z", RegexOptions.CultureInvariant);

    private static readonly Regex Guid = new(
        @"\A[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\z", RegexOptions.CultureInvariant);

    /// <summary>
    /// An operation name: a provider namespace (ASCII letter/digit labels joined by '.'), then '/'-separated segments of
    /// ASCII letters, digits and <c>. : { } $ _ -</c>, none of them "." or "..", at most 1024 characters.
    /// </summary>
    public static bool IsOperationName(string? action) =>
        action is not null && action.Length <= MaxActionLength && Operation.IsMatch(action) &&
        action.Split('/').Skip(1).All(static s => s is not ("." or ".."));

    /// <summary>A GUID: 32 ASCII hex digits (either case) in the 8-4-4-4-12 form, nothing around them.</summary>
    public static bool IsGuid(string? text) => text is not null && Guid.IsMatch(text);
}
