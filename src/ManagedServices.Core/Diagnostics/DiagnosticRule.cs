namespace ManagedServices;

/// <summary>
/// One entry of the diagnostics catalogue (<see cref="DiagnosticRules"/>): a diagnostic code with its name, a one-line
/// title (what is wrong), a help text (how to fix it) and its default severity. SARIF output describes each rule it reports with these.
/// </summary>
public sealed record DiagnosticRule
{
    /// <summary>The stable code, for example <c>MSC1001</c>.</summary>
    public required string Code { get; init; }

    /// <summary>The name of the code's constant in <see cref="DiagnosticCodes"/>, for example <c>OwnerRoleNotAllowed</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What the rule finds, in one sentence.</summary>
    public required string Title { get; init; }

    /// <summary>How to fix a finding, in terms of the documents and the command line's options.</summary>
    public required string Help { get; init; }

    /// <summary>
    /// The severity the library raises the code with (one per code; docs/diagnostics.md names the few documented places
    /// that raise it with another).
    /// </summary>
    public required DiagnosticSeverity DefaultSeverity { get; init; }
}
