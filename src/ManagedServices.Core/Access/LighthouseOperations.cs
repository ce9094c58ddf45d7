namespace ManagedServices.Access;

/// <summary>
/// Lighthouse's rule on delegations themselves (rule book 1.6 and 2.3; the seed: a provider "can remove access to a
/// delegation after a customer accepts an offer only if you included an Authorization with the Role Definition set to
/// Managed Services Registration Assignment Delete Role"). Through a delegation a managing-tenant principal:
/// <list type="bullet">
/// <item>deletes a registration assignment only through the Managed Services Registration Assignment Delete Role
/// (<see cref="BuiltInRoleIds.RegistrationAssignmentDelete"/>);</item>
/// <item>never creates or changes registration assignments, and never creates, changes or deletes registration
/// definitions (that needs <c>Microsoft.Authorization/roleAssignments/write</c> in the customer's tenant, which no
/// delegable role has).</item>
/// </list>
/// A role's wildcards (Contributor's <c>*</c>) do not reach these four operations. The rule is applied where a role's
/// outcome for an action is computed (<see cref="CompiledRole"/>), so <c>Check</c>, <c>Explain</c> and the reverse
/// queries share it, and with the action cache it is decided once per action and role.
/// </summary>
internal static class LighthouseOperations
{
    public const string RegistrationAssignmentsWrite = "Microsoft.ManagedServices/registrationAssignments/write";
    public const string RegistrationAssignmentsDelete = "Microsoft.ManagedServices/registrationAssignments/delete";
    public const string RegistrationDefinitionsWrite = "Microsoft.ManagedServices/registrationDefinitions/write";
    public const string RegistrationDefinitionsDelete = "Microsoft.ManagedServices/registrationDefinitions/delete";

    /// <summary>The four operations the rule is about; <see cref="Blocks"/> is false for every other name.</summary>
    public static IReadOnlyList<string> Operations { get; } =
        [RegistrationAssignmentsWrite, RegistrationAssignmentsDelete, RegistrationDefinitionsWrite, RegistrationDefinitionsDelete];

    private const string Prefix = "Microsoft.ManagedServices/registration";

    /// <summary>True when the rule takes <paramref name="action"/> away from <paramref name="role"/>, whatever the role's permissions say.</summary>
    /// <param name="action">A validated operation name (case-insensitive).</param>
    /// <param name="role">The role of the authorization.</param>
    public static bool Blocks(ReadOnlySpan<char> action, RoleDefinitionId role)
    {
        if (!action.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false; // the common case: one comparison
        }

        if (action.Equals(RegistrationAssignmentsDelete, StringComparison.OrdinalIgnoreCase))
        {
            return role != BuiltInRoleIds.RegistrationAssignmentDelete;
        }

        return action.Equals(RegistrationAssignmentsWrite, StringComparison.OrdinalIgnoreCase) ||
            action.Equals(RegistrationDefinitionsWrite, StringComparison.OrdinalIgnoreCase) ||
            action.Equals(RegistrationDefinitionsDelete, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Why the rule takes <paramref name="action"/> away (for <c>Explain</c>); <paramref name="action"/> must be one the rule blocks.</summary>
    /// <param name="action">The operation.</param>
    /// <param name="matched">The role's Action pattern that matched it.</param>
    public static string Detail(string action, string? matched) =>
        $"Action '{matched}' matches, but under Lighthouse a managing-tenant principal " +
        (action.Equals(RegistrationAssignmentsDelete, StringComparison.OrdinalIgnoreCase)
            ? $"deletes a registration assignment only through the Managed Services Registration Assignment Delete Role ({BuiltInRoleIds.RegistrationAssignmentDelete})"
            : "never creates or changes registration assignments, nor creates, changes or deletes registration definitions (that needs Microsoft.Authorization/roleAssignments/write in the customer's tenant)");
}
