namespace ManagedServices;

/// <summary>IDs of the built-in roles that Lighthouse rules name explicitly. Built-in role IDs are the same in every cloud.</summary>
public static class BuiltInRoleIds
{
    /// <summary>Owner (<c>8e3af657-a8ff-443c-a75c-2fe8c4bcb635</c>): never delegable.</summary>
    public static RoleDefinitionId Owner { get; } = new(new Guid("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"));

    /// <summary>Contributor (<c>b24988ac-6180-42a0-ab88-20f7382dd24c</c>).</summary>
    public static RoleDefinitionId Contributor { get; } = new(new Guid("b24988ac-6180-42a0-ab88-20f7382dd24c"));

    /// <summary>Reader (<c>acdd72a7-3385-48ef-bd42-f606fba81ae7</c>).</summary>
    public static RoleDefinitionId Reader { get; } = new(new Guid("acdd72a7-3385-48ef-bd42-f606fba81ae7"));

    /// <summary>User Access Administrator (<c>18d7d88d-d35e-4fb5-a5c3-7773c20a72d9</c>): delegable only with delegated roles.</summary>
    public static RoleDefinitionId UserAccessAdministrator { get; } = new(new Guid("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"));

    /// <summary>
    /// Managed Services Registration Assignment Delete Role (<c>91c1777a-f3dc-4fae-b103-61d183457e46</c>): lets the
    /// provider remove a delegation.
    /// </summary>
    public static RoleDefinitionId RegistrationAssignmentDelete { get; } = new(new Guid("91c1777a-f3dc-4fae-b103-61d183457e46"));
}
