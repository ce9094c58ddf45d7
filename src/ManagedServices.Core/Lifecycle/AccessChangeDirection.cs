namespace ManagedServices.Lifecycle;

/// <summary>Whether a flagged change gives the managing tenant more access or less.</summary>
public enum AccessChangeDirection
{
    /// <summary>The newer manifest grants more (or needs fewer safeguards).</summary>
    Widening = 0,

    /// <summary>The newer manifest grants less (or needs more safeguards).</summary>
    Narrowing = 1,
}
