using ManagedServices.Offers;

namespace ManagedServices.Lifecycle;

/// <summary>A delegation added at a scope, removed from it, or changed in place.</summary>
public sealed record DelegationChange
{
    /// <summary>Added, removed or changed.</summary>
    public required ManifestChangeKind Kind { get; init; }

    /// <summary>The scope of the delegation.</summary>
    public required ResourceScope Scope { get; init; }

    /// <summary>The older registration definition: of a changed or removed delegation, or of the older delegation at
    /// <see cref="CoveringScope"/> that covers an added one; otherwise null.</summary>
    public RegistrationDefinition? Old { get; init; }

    /// <summary>For an added delegation, the enclosing scope of an older delegation whose manifest already grants at least
    /// as much (its <see cref="Manifest"/> diff does not widen): the addition then does not widen access. Otherwise null.</summary>
    public ResourceScope? CoveringScope { get; init; }

    /// <summary>The newer registration definition; null when removed.</summary>
    public RegistrationDefinition? New { get; init; }

    /// <summary>The manifest differences of a changed delegation, or of a covered added one against its covering
    /// delegation; otherwise null.</summary>
    public ManifestDiff? Manifest { get; init; }

    /// <summary>Widening when added without <see cref="CoveringScope"/>, or changed with a manifest that widens access;
    /// narrowing otherwise.</summary>
    public AccessChangeDirection Direction => Kind switch
    {
        ManifestChangeKind.Added => CoveringScope is null ? AccessChangeDirection.Widening : AccessChangeDirection.Narrowing,
        ManifestChangeKind.Removed => AccessChangeDirection.Narrowing,
        _ => Manifest is { WidensAccess: true } ? AccessChangeDirection.Widening : AccessChangeDirection.Narrowing,
    };
}
