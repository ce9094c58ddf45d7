namespace ManagedServices;

/// <summary>
/// One entry of the diagnostics catalogue (<see cref="DiagnosticRules"/>): a diagnostic code with its name, a one-line
/// title (what is wrong), a help text (how to fix it) and its default severity. SARIF output describes each rule it reports with these.
/// </summary>
/// <param name="Code">The stable code, for example <c>MSC1001</c>.</param>
/// <param name="Name">The name of the code's constant in <see cref="DiagnosticCodes"/>, for example <c>OwnerRoleNotAllowed</c>.</param>
/// <param name="Title">What the rule finds, in one sentence.</param>
/// <param name="Help">How to fix a finding, in terms of the documents and the command line's options.</param>
/// <param name="DefaultSeverity">
/// The severity the library raises the code with (one per code; docs/diagnostics.md names the few documented places
/// that raise it with another).
/// </param>
public sealed record DiagnosticRule(string Code, string Name, string Title, string Help, DiagnosticSeverity DefaultSeverity);
