namespace ManagedServices;

/// <summary>The kind of a managing-tenant principal.</summary>
public enum PrincipalKind
{
    /// <summary>Not known (ARM templates do not record the kind). Rules that need the kind treat it conservatively.</summary>
    Unknown = 0,

    /// <summary>A user.</summary>
    User = 1,

    /// <summary>A Microsoft Entra security group.</summary>
    Group = 2,

    /// <summary>A service principal (enterprise application object).</summary>
    ServicePrincipal = 3,
}
