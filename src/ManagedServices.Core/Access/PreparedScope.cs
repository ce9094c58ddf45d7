using System.Diagnostics.CodeAnalysis;

namespace ManagedServices.Access;

/// <summary>
/// A request scope validated and split once, for callers that check the same scopes repeatedly: pass it to
/// <see cref="AccessEvaluator.Check(PrincipalId, in PreparedAction, in PreparedScope)"/>.
/// </summary>
/// <remarks>
/// <para>Only <see cref="TryPrepare"/> makes one, and only from text that <see cref="ResourceScope.TryParse(string?, out ResourceScope)"/>
/// accepts (the strict subscription GUID, the resource group name rule, no empty, '.' or '..' segment, at most one
/// trailing '/'), so a prepared scope is never malformed. The <see langword="default"/> value is not prepared
/// (<see cref="IsPrepared"/> false) and every check with it is denied as <see cref="AccessReason.MalformedRequest"/>.</para>
/// <para>A prepared scope holds only what the text says (its level, subscription and resource group), nothing of an
/// evaluator: it stays valid across evaluator swaps and needs no re-preparing. Immutable and thread-safe.</para>
/// </remarks>
public readonly struct PreparedScope
{
    private PreparedScope(string scope, ScopeKind kind, GuidKey subscription, string? resourceGroup)
    {
        Scope = scope;
        Kind = kind;
        Subscription = subscription;
        ResourceGroup = resourceGroup;
    }

    /// <summary>The scope text as given; <see langword="null"/> for the <see langword="default"/> value.</summary>
    public string? Scope { get; }

    /// <summary>The scope's level; <see cref="ScopeKind.None"/> for the <see langword="default"/> value.</summary>
    public ScopeKind Kind { get; }

    /// <summary>True for a value made by <see cref="TryPrepare"/>; false for <see langword="default"/>.</summary>
    [MemberNotNullWhen(true, nameof(Scope))]
    public bool IsPrepared => Scope is not null;

    /// <summary>The subscription, at subscription level and below.</summary>
    internal GuidKey Subscription { get; }

    /// <summary>The resource group name as written, at resource-group level and below; otherwise null.</summary>
    internal string? ResourceGroup { get; }

    /// <summary>Validates and splits a request scope once.</summary>
    /// <param name="scope">An ARM scope: a subscription, resource group, resource, management group or <c>/</c>.</param>
    /// <param name="prepared">The prepared scope, or <see langword="default"/> when the text is not a valid scope.</param>
    /// <param name="error">Why the text is not a valid scope, or <see langword="null"/>.</param>
    /// <returns>True when the text is a valid ARM scope.</returns>
    public static bool TryPrepare([NotNullWhen(true)] string? scope, out PreparedScope prepared, [NotNullWhen(false)] out string? error)
    {
        prepared = default;
        if (scope is null)
        {
            error = "the scope is missing";
            return false;
        }

        var subscription = default(GuidKey);
        if (!RequestText.TryScanScope(scope, out var parts) ||
            (parts.Kind >= ScopeKind.Subscription && !GuidKey.TryParse(parts.Subscription, out subscription)))
        {
            // The scanner accepts exactly what the parser accepts; the parser says why.
            ScopeParser.Scan(scope, out error, out _);
            error ??= "the scope is not a valid ARM scope";
            return false;
        }

        prepared = new PreparedScope(scope, parts.Kind, subscription, parts.ResourceGroup.IsEmpty ? null : parts.ResourceGroup.ToString());
        error = null;
        return true;
    }

    /// <summary>The scope text, for logs.</summary>
    /// <returns>The text, or "(not prepared)".</returns>
    public override string ToString() => Scope ?? "(not prepared)";
}
