using ManagedServices.Arm;
using ManagedServices.Json;
using ManagedServices.Offers;

namespace ManagedServices.Rest;

public static partial class RegistrationResources
{
    /// <summary>The provisioning state of a resource that is in force.</summary>
    private const string Succeeded = "Succeeded";

    private const string AssignmentMarker = "/providers/Microsoft.ManagedServices/registrationAssignments/";

    /// <summary>
    /// The delegations in force that registration assignments describe, as Azure returns them: the REST list
    /// <c>GET {scope}/providers/Microsoft.ManagedServices/registrationAssignments?api-version=2022-10-01&amp;$expandRegistrationDefinition=true</c>
    /// (Azure REST API reference, Managed Services, Registration Assignments - List; the specification's example
    /// <c>GetRegistrationAssignments</c>), a plain array of the same items, one assignment, or
    /// <c>az managedservices assignment list --include-definition true</c> output (api-version 2019-06-01). When the
    /// definitions are not expanded, they are looked up in <paramref name="definitions"/>
    /// (<c>GET {subscription}/providers/Microsoft.ManagedServices/registrationDefinitions</c>) by their resource ID.
    /// </summary>
    /// <remarks>
    /// <para>Each assignment that grants becomes one delegation: its scope is the part of its <c>id</c> before
    /// <c>/providers/Microsoft.ManagedServices/registrationAssignments/</c> (a subscription or resource group), its
    /// manifest is the definition's, and its customer tenant is the definition's <c>manageeTenantId</c> (else
    /// <paramref name="customerTenant"/>, else <see cref="OnboardingTemplate.StandInCustomerTenant"/> of the scope's
    /// subscription).</para>
    /// <para>Fails closed: only an assignment whose <c>provisioningState</c> is <c>Succeeded</c> (ignoring case, as ARM
    /// compares enum strings), and whose definition, when it states one, is <c>Succeeded</c> too, grants; others are
    /// warnings (<see cref="DiagnosticCodes.RegistrationNotSucceeded"/>). A malformed assignment (unreadable members,
    /// an <c>id</c> that names no subscription or resource group, a definition that is missing or disagrees with its
    /// <c>registrationDefinitionId</c>) grants nothing and is an error. A plain array without any
    /// <c>eligibleAuthorizations</c> gets the warning <see cref="DiagnosticCodes.RegistrationEligibleNotShown"/>: the
    /// Azure CLI reads with api-version 2019-06-01, which does not show eligible authorizations, so eligible access
    /// may be missing. The same assignment (by resource ID, ignoring case) listed in several documents counts once.</para>
    /// <para>Roles are not judged here: an authorization of a role Lighthouse refuses (Owner, for example) is read as
    /// written, and the access evaluator grants nothing through it.</para>
    /// </remarks>
    /// <param name="assignments">The assignment documents (one per scope listed, for example).</param>
    /// <param name="definitions">The definition documents, for assignments whose definitions are not expanded; null for none.</param>
    /// <param name="customerTenant">The customer tenant when a definition does not state its <c>manageeTenantId</c>; null for the stand-in.</param>
    /// <returns>
    /// The delegations, in document and item order, and every diagnostic (paths start with the document's name and
    /// <c>:$</c>; lines are 1-based). The value is present even with errors and then holds only the assignments that
    /// were read without error; do not treat a result with errors as the complete picture.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="assignments"/> or one of the documents is null.</exception>
    public static DiagnosticResult<ImmutableArray<Delegation>> ReadDelegations(
        IEnumerable<RestDocument> assignments, IEnumerable<RestDocument>? definitions = null, TenantId? customerTenant = null)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var known = new List<RegistrationDefinitionResource>();
        foreach (var document in definitions ?? [])
        {
            ArgumentNullException.ThrowIfNull(document, nameof(definitions));
            var read = ReadItems(document.Json, document.Name + ":$", ReadDefinition, diagnostics, out var plainArray);
            if (read is not null)
            {
                WarnIfEligibleNotShown(document, plainArray, read.Count, read.Select(static d => d.Original), diagnostics);
                known.AddRange(read);
            }
        }

        var result = new List<Delegation>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var document in assignments)
        {
            ArgumentNullException.ThrowIfNull(document, nameof(assignments));
            var read = ReadItems(document.Json, document.Name + ":$", ReadAssignment, diagnostics, out var plainArray);
            if (read is null)
            {
                continue;
            }

            var expanded = read.Where(static a => a.RegistrationDefinition is not null).ToList();
            WarnIfEligibleNotShown(document, plainArray, expanded.Count, expanded.Select(static a => a.RegistrationDefinition!.Original), diagnostics);
            foreach (var assignment in read)
            {
                if (ToDelegation(assignment, known, customerTenant, diagnostics) is { } delegation && seen.Add(assignment.ResourceId!))
                {
                    result.Add(delegation);
                }
            }
        }

        return new([.. result], diagnostics.ToImmutable());
    }

    /// <summary>The delegation of one assignment, or null (with a diagnostic) when it grants nothing.</summary>
    private static Delegation? ToDelegation(
        RegistrationAssignmentResource assignment, List<RegistrationDefinitionResource> known, TenantId? customerTenant, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var item = assignment.Original!;
        var properties = item.Get("properties")!;
        if (assignment.Scope is not { } delegated)
        {
            var at = item.Get("id") ?? item;
            diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.RegistrationAssignmentScopeInvalid,
                $"The registration assignment's id '{MessageText.Clip(assignment.ResourceId ?? "")}' is not '{{subscription or resource group}}{AssignmentMarker}{assignment.Id:D}': its scope is unknown, so it grants nothing.",
                at.Path), at) with
            {
                Help = "Use the assignments exactly as Azure returns them; the id carries the delegated scope.",
            });
            return null;
        }

        if (!IsSucceeded(assignment.ProvisioningState))
        {
            var at = properties.Get("provisioningState") ?? properties;
            diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Warning(DiagnosticCodes.RegistrationNotSucceeded,
                $"The registration assignment {assignment.Id:D} at {delegated} is {StateText(assignment.ProvisioningState)}, not Succeeded: it grants nothing.",
                at.Path), at));
            return null;
        }

        var definition = assignment.RegistrationDefinition ?? known.FirstOrDefault(d => Names(d, assignment.RegistrationDefinitionId));
        if (definition is null)
        {
            var at = properties.Get("registrationDefinitionId") ?? properties;
            diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.RegistrationAssignmentDefinitionMissing,
                $"The registration assignment {assignment.Id:D} at {delegated} references '{MessageText.Clip(assignment.RegistrationDefinitionId)}', which is neither expanded nor among the definitions given: it grants nothing.",
                at.Path), at) with
            {
                Help = "List the assignments with $expandRegistrationDefinition=true, or give the registration definitions of the subscription.",
            });
            return null;
        }

        if (assignment.RegistrationDefinition is { ResourceId: { } expandedId } &&
            !expandedId.Equals(assignment.RegistrationDefinitionId, StringComparison.OrdinalIgnoreCase))
        {
            var at = properties.Get("registrationDefinitionId") ?? properties;
            diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.RegistrationAssignmentInconsistent,
                $"The registration assignment {assignment.Id:D} references '{MessageText.Clip(assignment.RegistrationDefinitionId)}' but its expanded definition is '{MessageText.Clip(expandedId)}': it grants nothing.",
                at.Path), at));
            return null;
        }

        if (definition.ProvisioningState is { } state && !IsSucceeded(state))
        {
            var node = definition.Original?.Get("properties")?.Get("provisioningState") ?? properties;
            diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Warning(DiagnosticCodes.RegistrationNotSucceeded,
                $"The registration definition {definition.Definition.Id:D} of assignment {assignment.Id:D} at {delegated} is {StateText(state)}, not Succeeded: the assignment grants nothing.",
                node.Path), node));
            return null;
        }

        return new Delegation
        {
            CustomerTenantId = definition.ManageeTenantId ?? customerTenant ?? OnboardingTemplate.StandInCustomerTenant(delegated.SubscriptionId!.Value),
            Definition = definition.Definition,
            AssignmentId = assignment.Id,
            Scope = delegated,
        };
    }

    /// <summary>The delegated scope of an assignment: its id before the marker, a subscription or resource group, and the id ends with the assignment's name.</summary>
    internal static ResourceScope? AssignmentScope(RegistrationAssignmentResource assignment)
    {
        if (assignment.ResourceId is not { } id)
        {
            return null;
        }

        var at = id.IndexOf(AssignmentMarker, StringComparison.OrdinalIgnoreCase);
        if (at <= 0 || !GuidText.TryParse(id.AsSpan(at + AssignmentMarker.Length), out var name) || name != assignment.Id ||
            !ResourceScope.TryParse(id[..at], out var scope))
        {
            return null;
        }

        return scope is { IsDelegable: true, SubscriptionId: not null } ? scope : null;
    }

    /// <summary>True when a definition is the one an assignment names: its resource ID, or (when the definition has none) its name GUID.</summary>
    private static bool Names(RegistrationDefinitionResource definition, string registrationDefinitionId)
    {
        if (definition.ResourceId is { } id)
        {
            return id.Equals(registrationDefinitionId, StringComparison.OrdinalIgnoreCase);
        }

        var slash = registrationDefinitionId.LastIndexOf('/');
        return GuidText.TryParse(registrationDefinitionId.AsSpan(slash + 1), out var name) && name == definition.Definition.Id;
    }

    private static bool IsSucceeded(string? state) => string.Equals(state, Succeeded, StringComparison.OrdinalIgnoreCase);

    private static string StateText(string? state) => state is null ? "without a provisioningState" : $"'{MessageText.Clip(state)}'";

    /// <summary>Warns when a plain array has definitions and none of them carries <c>eligibleAuthorizations</c> (api-version 2019-06-01 output).</summary>
    private static void WarnIfEligibleNotShown(RestDocument document, bool plainArray, int definitions, IEnumerable<JNode?> nodes, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (plainArray && definitions > 0 && !nodes.Any(static n => n?.Get("properties")?.Get("eligibleAuthorizations") is not null))
        {
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.RegistrationEligibleNotShown,
                "A plain array without eligibleAuthorizations, as 'az managedservices' prints with api-version 2019-06-01, which cannot show eligible authorizations: eligible (just-in-time) access may be missing.",
                document.Name + ":$") with
            {
                Help = "List with api-version 2022-10-01: az rest --method get --url \"https://management.azure.com/subscriptions/<sub>/providers/Microsoft.ManagedServices/registrationAssignments?api-version=2022-10-01&$expandRegistrationDefinition=true\"",
            });
        }
    }
}
