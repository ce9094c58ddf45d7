using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Operations;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Access;

/// <summary>
/// The data plane (rule book 2.1 rule 4, 6.2, 6.5): Lighthouse delegates no data action, and <c>*</c> in Actions never
/// grants one; an operation Azure lists only as a data action is one whatever the request says; an unknown operation
/// is evaluated but flagged.
/// </summary>
public class DataPlaneTests
{
    private const string Sub = AccessEvaluatorScenarioTests.Sub;
    private const string GetSecret = "Microsoft.KeyVault/vaults/secrets/getSecret/action";
    private const string KeysRead = "Microsoft.KeyVault/vaults/keys/read";
    private static readonly string Vault = Sub + "/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/kv1";
    private static readonly PrincipalId Ops = AccessEvaluatorScenarioTests.Ops;

    private static readonly string[] DataOnly =
        [.. OperationCatalog.Azure.Entries.Where(static e => e.Plane == OperationPlane.Data).Select(static e => e.Name)];

    private static AccessEvaluator Evaluator(RoleDefinitionId role, AccessEvaluatorOptions? options = null) =>
        AccessEvaluator.Create(
            DelegationSnapshot.Create([AccessEvaluatorScenarioTests.Delegate(Sub, new Authorization { Principal = Principal.User(Ops), RoleDefinitionId = role })]),
            options);

    [Fact]
    public void Check_UnflaggedGetSecret_ThroughContributor_IsDenied()
    {
        var decision = Evaluator(BuiltInRoleIds.Contributor).Check(new AccessRequest(Ops, GetSecret, Vault));

        Assert.False(decision.IsAllowed);
        Assert.Equal(AccessReason.DataActionNotDelegated, decision.Reason);
        Assert.True(decision.IsKnownOperation);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Check_DataOnly_IsDenied_WithOrWithoutCache_AnyCasing(bool cache)
    {
        var evaluator = Evaluator(BuiltInRoleIds.Contributor, new AccessEvaluatorOptions { ActionCacheCapacity = cache ? 16 : 0 });

        Assert.Equal(AccessReason.DataActionNotDelegated, evaluator.Check(new AccessRequest(Ops, GetSecret.ToUpperInvariant(), Vault)).Reason);
        Assert.Equal(AccessReason.DataActionNotDelegated, evaluator.Check(new AccessRequest(Ops.ToString(), "microsoft.storage/storageaccounts/blobservices/containers/blobs/read", Sub)).Reason);
        Assert.Equal(AccessReason.DataActionNotDelegated, evaluator.Check(new AccessRequest(Ops, GetSecret, Vault) { IsDataAction = true }).Reason);
    }

    [Fact]
    public void Check_BothPlanes_FollowsTheFlag_DefaultManagement()
    {
        var evaluator = Evaluator(BuiltInRoleIds.Contributor);

        Assert.True(evaluator.Check(new AccessRequest(Ops, KeysRead, Vault)).IsAllowed);
        Assert.Equal(AccessReason.DataActionNotDelegated, evaluator.Check(new AccessRequest(Ops, KeysRead, Vault) { IsDataAction = true }).Reason);
    }

    [Fact]
    public void Check_ManagementOperationFlaggedAsData_IsDenied() =>
        Assert.Equal(
            AccessReason.DataActionNotDelegated,
            Evaluator(BuiltInRoleIds.Contributor).Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/read", Sub) { IsDataAction = true }).Reason);

    [Fact]
    public void Check_UnknownOperation_IsEvaluatedButFlagged()
    {
        var evaluator = Evaluator(BuiltInRoleIds.Reader);

        var unknownRead = evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachine/read", Sub));
        var unknownWrite = evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachine/write", Sub));
        var known = evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/read", Sub));

        Assert.True(unknownRead.IsAllowed); // Reader's */read matches the name: evaluated as given
        Assert.False(unknownRead.IsKnownOperation);
        Assert.Equal(AccessReason.ActionNotInRole, unknownWrite.Reason);
        Assert.False(unknownWrite.IsKnownOperation);
        Assert.True(known.IsAllowed);
        Assert.True(known.IsKnownOperation);
        Assert.Contains("not in Azure's operation list", unknownRead.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("operation list", known.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownFlag_IsSetOnEveryPath()
    {
        var evaluator = Evaluator(BuiltInRoleIds.Reader);
        const string Typo = "Microsoft.Compute/virtualMachine/read";

        Assert.False(evaluator.Check(new AccessRequest(Ops, Typo, "/subscriptions/d8ad3a03-7d6f-4c1c-9ef9-96af50fbc39f")).IsKnownOperation); // not covered
        Assert.False(evaluator.Check(new AccessRequest(PrincipalId.Parse("0a000000-0000-4000-8000-000000000009"), Typo, Sub)).IsKnownOperation); // not authorized
        Assert.False(evaluator.Check(new AccessRequest(Ops, Typo, Sub) { IsDataAction = true }).IsKnownOperation);
        Assert.False(evaluator.Check(new AccessRequest("not-a-guid", Typo, Sub)).IsKnownOperation);
        Assert.True(evaluator.Check(new AccessRequest("not-a-guid", "Microsoft.Compute/virtualMachines/read", Sub)).IsKnownOperation);
        Assert.False(evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/*", Sub)).IsKnownOperation);
        Assert.True(evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/read", "/subscriptions/x")).IsKnownOperation);
    }

    [Fact]
    public void Decision_Equality_IncludesTheFlag()
    {
        var evaluator = Evaluator(BuiltInRoleIds.Reader);
        var known = evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/write", Sub));
        var unknown = evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachine/write", Sub));

        Assert.Equal(known.Reason, unknown.Reason);
        Assert.Equal(known.Grant, unknown.Grant);
        Assert.NotEqual(known, unknown);
        Assert.True(known != unknown);
        Assert.Equal(unknown, evaluator.Check(new AccessRequest(Ops, "MICROSOFT.COMPUTE/virtualMachine/write", Sub)));
        Assert.True(default(AccessDecision).IsKnownOperation);
    }

    [Fact]
    public void WhoCan_DataAction_IsEmpty_ManagementIsNot()
    {
        var evaluator = Evaluator(BuiltInRoleIds.Contributor);

        Assert.Empty(evaluator.WhoCan(GetSecret, Vault));
        Assert.Empty(evaluator.WhoCan(GetSecret, Vault, isDataAction: false));
        Assert.Empty(evaluator.WhoCan(KeysRead, Vault, isDataAction: true));
        Assert.Single(evaluator.WhoCan(KeysRead, Vault));
        Assert.Single(evaluator.WhoCan("Microsoft.Compute/virtualMachine/read", Vault)); // unknown: evaluated as given
    }

    [Fact]
    public void WhatCan_TakesThePlane()
    {
        var evaluator = Evaluator(BuiltInRoleIds.Contributor);

        var management = evaluator.WhatCan(Ops, Vault, [KeysRead, GetSecret]);
        var data = evaluator.WhatCan(Ops, Vault, [KeysRead], isDataAction: true);

        Assert.True(management.Actions[0].Decision.IsAllowed);
        Assert.Equal(AccessReason.DataActionNotDelegated, management.Actions[1].Decision.Reason);
        Assert.Equal(AccessReason.DataActionNotDelegated, data.Actions[0].Decision.Reason);
    }

    [Fact]
    public void Explain_DataOnly_ListsNoCandidates()
    {
        var explanation = Evaluator(BuiltInRoleIds.Contributor).Explain(new AccessRequest(Ops, GetSecret, Vault));

        Assert.Equal(AccessReason.DataActionNotDelegated, explanation.Decision.Reason);
        Assert.Empty(explanation.Candidates);
    }

    /// <summary>
    /// "No data-only operation is ever allowed": any generated world, with every principal additionally holding the
    /// <c>*</c> roles at every subscription, any request turned into a data-only operation (any casing, flagged or not).
    /// </summary>
    [Property(Arbitrary = [typeof(AccessEvaluatorPropertyTests.Generators)], MaxTest = 300)]
    public Property Check_DataOnlyOperation_IsNeverAllowed(AccessWorld world, AccessRequest request) =>
        Prop.ForAll(
            (from name in Gen.Elements(DataOnly) from casing in Gen.Choose(0, 2) select (name, casing)).ToArbitrary(),
            pick =>
            {
                var (name, casing) = pick;
                var action = casing switch { 0 => name, 1 => name.ToUpperInvariant(), _ => name.ToLowerInvariant() };
                var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create(world.Delegations.AddRange(Saturating())), world.Options());
                var r = request.PrincipalIdText is { } text
                    ? new AccessRequest(text, action, request.Scope) { IsDataAction = request.IsDataAction, GroupIds = request.GroupIds, PrincipalTenantId = request.PrincipalTenantId }
                    : new AccessRequest(request.PrincipalId, action, request.Scope) { IsDataAction = request.IsDataAction, GroupIds = request.GroupIds, PrincipalTenantId = request.PrincipalTenantId };
                var decision = evaluator.Check(r);
                return !decision.IsAllowed &&
                       decision.Reason is AccessReason.DataActionNotDelegated or AccessReason.MalformedRequest &&
                       evaluator.WhoCan(action, request.Scope ?? "").IsEmpty;
            });

    /// <summary>Every data-only operation of the published list (read here without the library) is denied to Contributor and Owner-like <c>*</c>.</summary>
    [TemplatesSharedFact]
    public void Check_EveryPublishedDataOnlyOperation_IsDenied()
    {
        var planes = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Shared, "data", "azure-operations.txt")).Where(static l => l.Length > 0))
        {
            var parts = line.Split('\t');
            if (!planes.TryGetValue(parts[0], out var set))
            {
                planes[parts[0]] = set = [];
            }

            set.Add(parts.Length == 2 ? parts[1] : "management");
        }

        var dataOnly = planes.Where(static kv => kv.Value.SetEquals(["data"])).Select(static kv => kv.Key).ToList();
        Assert.Equal(4_234, dataOnly.Count);
        var evaluator = Evaluator(BuiltInRoleIds.Contributor);
        var allowed = dataOnly.Where(op => evaluator.Check(new AccessRequest(Ops, op, Vault)).Reason != AccessReason.DataActionNotDelegated).ToList();
        Assert.Empty(allowed);

        // The rule does not over-reach: every name listed as a management operation (alone or in both planes) is
        // evaluated as one when the request does not flag it.
        var management = planes.Where(static kv => kv.Value.Contains("management")).Select(static kv => kv.Key).ToList();
        var misread = management.Where(op => evaluator.Check(new AccessRequest(Ops, op, Vault)).Reason == AccessReason.DataActionNotDelegated).ToList();
        Assert.Empty(misread);
    }

    /// <summary>The shared workload's operations are real control-plane operations (its README): all known, none data-only.</summary>
    [AccessWorkloadFact]
    public void SharedWorkload_ActionsAreKnownManagementOperations()
    {
        var w = ManagedServices.Benchmarks.AccessWorkload.Load(ManagedServices.Benchmarks.AccessWorkload.FindSharedDirectory()!);
        var actions = Enumerable.Range(0, w.Count).Select(i => w.Request(i).Action).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Assert.True(actions.Count > 5_000, actions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(actions.Where(static a => OperationCatalog.Azure.GetPlane(a) is not (OperationPlane.Management or OperationPlane.Both)).Take(10));
    }

    /// <summary>The reference evaluator's data-only table, and the generators' other actions, as the published list has them.</summary>
    [TemplatesSharedFact]
    public void ReferenceTable_MatchesThePublishedList()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Shared, "data", "azure-operations.txt"));
        bool Listed(string op, bool data) => lines.Any(l => string.Equals(l, data ? op + "\tdata" : op, StringComparison.OrdinalIgnoreCase));

        foreach (var op in ReferenceEvaluator.DataOnlyOperations)
        {
            Assert.True(Listed(op, data: true) && !Listed(op, data: false), op);
        }

        foreach (var op in AccessArbitraries.Actions.Except(ReferenceEvaluator.DataOnlyOperations, StringComparer.OrdinalIgnoreCase))
        {
            Assert.True(Listed(op, data: false) || op == AccessArbitraries.UnknownAction, op);
            Assert.Equal(op != AccessArbitraries.UnknownAction, Listed(op, data: false) || Listed(op, data: true));
        }
    }

    /// <summary>The decision's flag says whether the published list knows the action (generated actions, including malformed ones).</summary>
    [Property(Arbitrary = [typeof(AccessEvaluatorPropertyTests.Generators)], MaxTest = 300)]
    public bool Check_IsKnownOperation_AgreesWithTheGeneratorsList(AccessWorld world, AccessRequest[] requests) =>
        AccessEvaluatorPropertyTests.AgreeWithReference(world, requests, static (_, r, decision) =>
        {
            var known = AccessArbitraries.Actions.Contains(r.Action, StringComparer.OrdinalIgnoreCase) && r.Action != AccessArbitraries.UnknownAction;
            if (decision.IsKnownOperation != known)
            {
                throw new InvalidOperationException($"{r}: IsKnownOperation {decision.IsKnownOperation}, expected {known}");
            }
        });

    /// <summary>Every principal of the generators holds ContributorLike and MultiStar at both subscriptions, in every managing tenant.</summary>
    private static IEnumerable<Delegation> Saturating() =>
        from sub in AccessArbitraries.Subscriptions
        from managing in new[] { AccessArbitraries.ManagingA, AccessArbitraries.ManagingB }
        select new Delegation
        {
            CustomerTenantId = AccessArbitraries.CustomerA,
            AssignmentId = Guid.NewGuid(),
            Scope = ResourceScope.Parse("/subscriptions/" + sub),
            Definition = new RegistrationDefinition
            {
                Id = Guid.Parse("de000000-0000-4000-8000-0000000000ff"),
                Name = "Saturating",
                Manifest = new DelegationManifest
                {
                    ManagingTenantId = managing,
                    Authorizations =
                    [
                        .. AccessArbitraries.Users.Concat(AccessArbitraries.Groups).Append(AccessArbitraries.ServicePrincipal)
                            .SelectMany(p => new[] { AccessArbitraries.ContributorLike, AccessArbitraries.MultiStar }
                                .Select(role => new Authorization { Principal = Principal.User(p), RoleDefinitionId = role })),
                    ],
                },
            },
        };
}
