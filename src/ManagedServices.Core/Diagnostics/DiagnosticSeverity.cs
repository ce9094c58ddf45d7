namespace ManagedServices;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Informational; nothing needs to change.</summary>
    Info = 0,

    /// <summary>The input is accepted, but probably not what was meant (or Azure may behave surprisingly).</summary>
    Warning = 1,

    /// <summary>The input breaks a rule; Azure (or this library) would refuse it.</summary>
    Error = 2,
}
