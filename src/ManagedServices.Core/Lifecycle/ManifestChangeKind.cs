namespace ManagedServices.Lifecycle;

/// <summary>How an entry differs between an older and a newer manifest.</summary>
public enum ManifestChangeKind
{
    /// <summary>Only the newer manifest has the entry.</summary>
    Added = 0,

    /// <summary>Only the older manifest has the entry.</summary>
    Removed = 1,

    /// <summary>Both manifests have the entry, with different details.</summary>
    Changed = 2,
}
