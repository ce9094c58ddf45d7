namespace ManagedServices.Access;

/// <summary>
/// A request scope validated and split once, for callers that check the same scopes repeatedly: pass it to
/// <see cref="AccessEvaluator.Check(PrincipalId, in PreparedAction, in PreparedScope)"/>.
/// </summary>
/// <remarks>
/// <para>Only <see cref="Read"/> and <see cref="TryPrepare"/> make one, and only from text that
/// <see cref="ResourceScope.TryParse(string?, out ResourceScope)"/> accepts (the strict subscription GUID, the resource
/// group name rule, no empty, '.' or '..' segment, at most one trailing '/'), so a prepared scope is never malformed.
/// The <see langword="default"/> value is not prepared (<see cref="IsPrepared"/> false) and every check with it is
/// denied as <see cref="AccessReason.MalformedRequest"/>.</para>
/// <para><b>Across evaluator swaps:</b> a prepared scope stays valid with every evaluator, including one built later
/// from a new snapshot or new options, and gives that evaluator's decision; it never needs re-preparing. It holds what
/// the text says (level, subscription, resource group); the first check with an evaluator also binds it to that
/// evaluator's numbers for the subscription and the resource group (an internal shortcut stored in one 64-bit word
/// together with the evaluator's identity, so a binding is read whole or not at all). A check with another evaluator
/// sees that the binding is not its own, places the scope again and binds it anew. Immutable to its users and
/// thread-safe.</para>
/// </remarks>
public readonly struct PreparedScope
{
    private readonly PreparedScopeHandle? _handle;

    private PreparedScope(PreparedScopeHandle handle) => _handle = handle;

    /// <summary>The scope text as given; <see langword="null"/> for the <see langword="default"/> value.</summary>
    public string? Scope => _handle?.Text;

    /// <summary>The scope's level; <see cref="ScopeKind.None"/> for the <see langword="default"/> value.</summary>
    public ScopeKind Kind => _handle?.Kind ?? ScopeKind.None;

    /// <summary>True for a value made by <see cref="Read"/> or <see cref="TryPrepare"/>; false for <see langword="default"/>.</summary>
    [MemberNotNullWhen(true, nameof(Scope))]
    public bool IsPrepared => _handle is not null;

    /// <summary>The validated parts and the evaluator binding; null for the <see langword="default"/> value.</summary>
    internal PreparedScopeHandle? Handle => _handle;

    /// <summary>Validates and splits a request scope once.</summary>
    /// <param name="scope">An ARM scope: a subscription, resource group, resource, management group or <c>/</c>.</param>
    /// <param name="prepared">The prepared scope, or <see langword="default"/> when the text is not a valid scope.</param>
    /// <returns>True when the text is a valid ARM scope. <see cref="Read"/> says why it is not.</returns>
    public static bool TryPrepare([NotNullWhen(true)] string? scope, out PreparedScope prepared)
    {
        var subscription = default(GuidKey);
        if (scope is null || !RequestText.TryScanScope(scope, out var parts) ||
            (parts.Kind >= ScopeKind.Subscription && !GuidKey.TryParse(parts.Subscription, out subscription)))
        {
            prepared = default;
            return false;
        }

        prepared = new PreparedScope(new PreparedScopeHandle(
            scope, parts.Kind, subscription, parts.ResourceGroup.IsEmpty ? null : parts.ResourceGroup.ToString()));
        return true;
    }

    /// <summary>
    /// Validates and splits a request scope once into a result: the prepared scope, or an error
    /// <see cref="DiagnosticCodes.InvalidScope"/> that says why the text is not a valid scope (the reason
    /// <see cref="ResourceScope.Read"/> gives). Never throws.
    /// </summary>
    /// <param name="scope">An ARM scope: a subscription, resource group, resource, management group or <c>/</c>.</param>
    /// <param name="path">The path of the diagnostic (for example <c>scope</c> or <c>requests[3].scope</c>).</param>
    /// <returns>The result; on failure its value is the <see langword="default"/> (not prepared) scope.</returns>
    public static DiagnosticResult<PreparedScope> Read(string? scope, string path = "")
    {
        if (TryPrepare(scope, out var prepared))
        {
            return new(prepared, []);
        }

        // The scanner accepts exactly what the parser accepts; the parser says why.
        var why = ResourceScope.Read(scope, path);
        return new(default, why.HasErrors ? why.Diagnostics : [Diagnostic.Error(DiagnosticCodes.InvalidScope, "The scope is not a valid ARM scope.", path ?? "")]);
    }

    /// <summary>The scope text, for logs.</summary>
    /// <returns>The text, or "(not prepared)".</returns>
    public override string ToString() => _handle?.Text ?? "(not prepared)";
}

/// <summary>
/// What a <see cref="PreparedScope"/> holds: the validated text and its parts, and the placement of the scope by the
/// last evaluator that checked it (see <see cref="TryGetPlacement"/>).
/// </summary>
internal sealed class PreparedScopeHandle(string text, ScopeKind kind, GuidKey subscription, string? resourceGroup)
{
    /// <summary>The largest subscription number a binding can hold (16 bits, with -1 as 0).</summary>
    private const int MaxBoundSubscription = 0xFFFE;

    /// <summary>The largest resource-group number a binding can hold (15 bits, with -1 as 0).</summary>
    private const int MaxBoundResourceGroup = 0x7FFE;

    // Bits 32-63: the evaluator's binding identity (never 0); bits 16-31: subscription number + 1; bit 15: a
    // delegation of the evaluator covers the scope; bits 0-14: resource-group number + 1. 0 = not bound. One word, so a
    // reader never sees one evaluator's identity with another's facts.
    private long _binding;

    public string Text { get; } = text;

    public ScopeKind Kind { get; } = kind;

    /// <summary>The subscription, at subscription level and below.</summary>
    public GuidKey Subscription { get; } = subscription;

    /// <summary>The resource group name as written, at resource-group level and below; otherwise null.</summary>
    public string? ResourceGroup { get; } = resourceGroup;

    /// <summary>
    /// The subscription and resource-group numbers bound by the evaluator of identity <paramref name="evaluator"/>,
    /// and whether one of its delegations covers the scope; false when the handle is bound to no evaluator or to
    /// another one (identities are never reused, see <see cref="AccessEvaluator"/>), or <paramref name="evaluator"/>
    /// is 0 (an evaluator that does not bind).
    /// </summary>
    public bool TryGetPlacement(uint evaluator, out int subscription, out int resourceGroup, out bool covered)
    {
        var binding = Volatile.Read(ref _binding);
        if (evaluator == 0 || (uint)((ulong)binding >> 32) != evaluator)
        {
            subscription = resourceGroup = -1;
            covered = false;
            return false;
        }

        subscription = (int)((binding >> 16) & 0xFFFF) - 1;
        resourceGroup = (int)(binding & 0x7FFF) - 1;
        covered = (binding & 0x8000) != 0;
        return true;
    }

    /// <summary>Binds the handle to an evaluator's facts, unless the identity is 0 or a number does not fit (16 and 15 bits).</summary>
    public void Bind(uint evaluator, int subscription, int resourceGroup, bool covered)
    {
        if (evaluator == 0 || subscription < -1 || subscription > MaxBoundSubscription || resourceGroup < -1 || resourceGroup > MaxBoundResourceGroup)
        {
            return;
        }

        Volatile.Write(ref _binding, (long)(((ulong)evaluator << 32) | ((ulong)(uint)(subscription + 1) << 16) |
            (covered ? 0x8000UL : 0) | (uint)(resourceGroup + 1)));
    }
}
