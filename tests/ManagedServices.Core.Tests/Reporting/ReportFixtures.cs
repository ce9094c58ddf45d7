using System.Collections.Immutable;
using ManagedServices.Access;
using ManagedServices.Offers;

namespace ManagedServices.Tests.Reporting;

/// <summary>Delegations and hostile names for the report tests.</summary>
public static class ReportFixtures
{
    public static readonly TenantId Customer = TenantId.Parse("c0000000-0000-4000-8000-000000000001");
    public static readonly TenantId Provider = TenantId.Parse("d0000000-0000-4000-8000-000000000001");
    public static readonly TenantId OtherProvider = TenantId.Parse("d0000000-0000-4000-8000-000000000002");
    public static readonly SubscriptionId Subscription = SubscriptionId.Parse("5e000000-0000-4000-8000-000000000001");

    public static readonly Principal Alice = Principal.User(PrincipalId.Parse("a1000000-0000-4000-8000-000000000001"), "Alice");
    public static readonly Principal Operators = Principal.Group(PrincipalId.Parse("a1000000-0000-4000-8000-000000000002"), "Operators");
    public static readonly Principal Automation = Principal.ServicePrincipal(PrincipalId.Parse("a1000000-0000-4000-8000-000000000003"), "Automation");
    public static readonly Principal Approver = Principal.User(PrincipalId.Parse("a1000000-0000-4000-8000-000000000004"), "Approver");

    /// <summary>Names that try to break every format the report writes.</summary>
    public static readonly ImmutableArray<string> HostileNames =
    [
        "Quote \" in the middle",
        "\"]; A --> B; C[\"",
        "name with ] and [ brackets and {braces} and (parens)",
        "line one\nline two\r\nline three",
        "arrow --> and -.-> and ==> and --- and ~~~",
        "back`tick``s ```",
        "%%{init: {\"theme\": \"dark\"}}%%",
        "<script>alert(1)</script> & <b>bold</b>",
        "pipe | and || pipes",
        "lone high \ud800 surrogate",
        "lone low \udc00 surrogate",
        "ends with a backslash \\",
        "\\N \\G \\L graphviz escapes \\\"",
        "#quot; #35; entity codes &amp;",
        "end",
        "subgraph",
        "click P1 call alert()",
        "[link](https://example.com) @mention *bold* _it_",
        "emoji 🙂 and 中文 and ‮bidi override",
        "tab\tand nul\0 and bell\a",
        new string('x', 500),
        "",
        " ",
    ];

    public static ResourceScope SubscriptionScope => ResourceScope.ForSubscription(Subscription);

    public static ResourceScope ResourceGroup(string name) => ResourceScope.ForResourceGroup(Subscription, name);

    public static Delegation Delegation(
        string offer, ResourceScope scope, IEnumerable<Authorization> permanent, IEnumerable<EligibleAuthorization>? eligible = null,
        TenantId? managingTenant = null, Guid? definitionId = null, Guid? assignmentId = null) => new()
    {
        CustomerTenantId = Customer,
        Scope = scope,
        AssignmentId = assignmentId ?? Guid.NewGuid(),
        Definition = new RegistrationDefinition
        {
            Id = definitionId ?? new Guid("de000000-0000-4000-8000-000000000001"),
            Name = offer,
            Manifest = new DelegationManifest
            {
                ManagingTenantId = managingTenant ?? Provider,
                Authorizations = [.. permanent],
                EligibleAuthorizations = [.. eligible ?? []],
            },
        },
    };

    public static Authorization Permanent(Principal p, RoleDefinitionId role, params RoleDefinitionId[] delegated) =>
        new() { Principal = p, RoleDefinitionId = role, DelegatedRoleDefinitionIds = [.. delegated] };

    public static EligibleAuthorization Eligible(Principal p, RoleDefinitionId role, JustInTimeAccessPolicy? policy = null) =>
        new() { Principal = p, RoleDefinitionId = role, JustInTimeAccessPolicy = policy ?? JustInTimeAccessPolicy.Default };

    /// <summary>A typical customer: one offer with Reader, an eligible Contributor with MFA and an approver, and the Delete Role.</summary>
    public static DelegationSnapshot Typical(string offerName = "Contoso operations", Principal? alice = null) => DelegationSnapshot.Create(
    [
        Delegation(offerName, SubscriptionScope,
            [Permanent(alice ?? Alice, BuiltInRoleIds.Reader), Permanent(Operators, BuiltInRoleIds.RegistrationAssignmentDelete)],
            [Eligible(alice ?? Alice, BuiltInRoleIds.Contributor, new JustInTimeAccessPolicy
            {
                MultiFactorAuthProvider = MultiFactorAuthProvider.Azure,
                MaximumActivationDuration = TimeSpan.FromHours(2),
                Approvers = [Approver],
            })],
            assignmentId: new Guid("a5000000-0000-4000-8000-000000000001")),
    ]);
}
