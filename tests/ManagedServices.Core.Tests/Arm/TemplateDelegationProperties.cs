using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Arm;

namespace ManagedServices.Tests.Arm;

/// <summary>A generated template (several definitions, assignments and resource groups) and the requests checked against it.</summary>
public sealed record DelegationCase(
    IReadOnlyList<HandDefinition> Definitions,
    IReadOnlyList<HandAssignment> Assignments,
    IReadOnlyList<int> Order,
    IReadOnlyList<(string Principal, string Action, string ResourceGroup)> Requests)
{
    public override string ToString() =>
        "definitions: " + string.Join("; ", Definitions.Select(static d => $"{d.Key}[{string.Join(",", d.Authorizations.Select(static a => a.Principal[..2] + ":" + a.Role[..4]))}] cond={d.Condition} copy={d.PropertyCopy}")) +
        " | assignments: " + string.Join("; ", Assignments.Select(static a => $"{a.DefinitionKey}@{a.ResourceGroup ?? "sub"} cond={a.Condition}/{a.DeploymentCondition} inner={a.InnerScope} subRid={a.SubscriptionResourceId}")) +
        " | order: " + string.Join(",", Order);
}

/// <summary>Generators of <see cref="DelegationCase"/>.</summary>
public static class DelegationCaseArbitraries
{
    public const int RequestsPerCase = 40;

    internal static readonly string[] Principals =
    [
        "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333",
        "44444444-4444-4444-8444-444444444444",
    ];

    internal static readonly string[] Groups = ["alpha", "beta", "gamma", "alpha-dev"];

    internal static readonly string[] Actions =
    [
        "Microsoft.Compute/virtualMachines/read", "Microsoft.Compute/virtualMachines/write", "Microsoft.Storage/storageAccounts/delete",
        "microsoft.compute/VIRTUALMACHINES/READ",
    ];

    private static readonly string[] Keys = ["A", "B", "C", "D"];

    // Specific to this test (kept here, not in TestSupport/ModelGenerators): hand-written template shapes (definitions,
    // assignments, conditions) with the reference decision computed from the same hand-written description.
    private static Gen<bool?> Condition() => Gen.Frequency((4, Gen.Constant<bool?>(null)), (1, Gen.Constant<bool?>(true)), (1, Gen.Constant<bool?>(false)));

    private static Gen<HandDefinition> Definition(string key) =>
        from count in Gen.Choose(1, 3)
        from authorizations in Gen.Zip(Gen.Elements(Principals[..3]), Gen.Elements(DelegationTemplates.Reader, DelegationTemplates.Contributor)).ListOf(count)
        from condition in Condition()
        from copy in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new HandDefinition(key, [.. authorizations.Select(static a => (a.Item1, a.Item2))]) { Condition = condition, PropertyCopy = copy };

    private static Gen<HandAssignment> Assignment(int definitions) =>
        from key in Gen.Frequency((9, Gen.Elements(Keys[..definitions])), (1, Gen.Constant("ghost")))
        from rg in Gen.Frequency((1, Gen.Constant<string?>(null)), (3, Gen.Elements(Groups[..3]).Select(static g => (string?)g)))
        from condition in Condition()
        from deploymentCondition in Condition()
        from inner in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from subscriptionResourceId in Gen.Elements(false, true)
        select new HandAssignment(key, rg)
        {
            Condition = condition,
            DeploymentCondition = rg is null ? null : deploymentCondition,
            InnerScope = rg is not null && inner,
            SubscriptionResourceId = subscriptionResourceId,
        };

    private static Gen<(string, string, string)> Request() =>
        from principal in Gen.Elements(Principals)
        from action in Gen.Elements(Actions)
        from rg in Gen.Elements(Groups)
        select (principal, action, rg);

    public static Arbitrary<DelegationCase> DelegationCaseArbitrary() => Arb.From(
        from definitionCount in Gen.Choose(1, 4)
        from d0 in Definition("A")
        from d1 in Definition("B")
        from d2 in Definition("C")
        from d3 in Definition("D")
        let definitions = new[] { d0, d1, d2, d3 }.Take(definitionCount)
        from assignmentCount in Gen.Choose(0, 5)
        from assignments in Assignment(definitionCount).ListOf(assignmentCount)
        from order in Gen.Shuffle(Enumerable.Range(0, definitionCount + assignmentCount).ToArray())
        from requests in Request().ListOf(RequestsPerCase)
        select new DelegationCase([.. definitions], [.. assignments], [.. order], [.. requests]));
}

/// <summary>
/// "A principal is allowed only where an assignment puts a definition that grants it" (issue 12), on generated
/// templates, against an independent model written from the rule book and ARM's documentation, not from the reader.
/// </summary>
public class TemplateDelegationProperties
{
    /// <summary>FsCheck runs; each checks <see cref="DelegationCaseArbitraries.RequestsPerCase"/> requests (12,000 in all).</summary>
    private const int Runs = 300;

    private static readonly SubscriptionId Subscription = SubscriptionId.Parse(DelegationTemplates.Subscription);

    [Property(MaxTest = Runs, Arbitrary = [typeof(DelegationCaseArbitraries)])]
    public void Check_AllowsExactlyWhereAnAssignmentPutsAGrantingDefinition(DelegationCase c)
    {
        var template = DelegationTemplates.Write(c.Definitions, c.Assignments, c.Order);
        var read = OnboardingTemplate.Read(template, null, new OnboardingReadOptions { SubscriptionId = Subscription });
        // Every definition with a false condition: the template creates none, which the reader refuses (MSC2014).
        Assert.True(!read.HasErrors || (c.Definitions.All(static d => d.Condition == false) &&
                                       read.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error).All(static d => d.Code == DiagnosticCodes.TemplateHasNoDelegation)),
            string.Join("\n", read.Diagnostics));
        var delegations = read.Value is null ? [] : OnboardingTemplate.Delegations(read.Value, TenantId.Parse("55555555-5555-4555-8555-555555555555"));
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create(delegations));

        foreach (var (principal, action, group) in c.Requests)
        {
            var resource = DelegationTemplates.Vm(group);
            var expected = Model.Allows(c, principal, action, group);
            Assert.True(expected == evaluator.Check(new AccessRequest(principal, action, resource)).IsAllowed,
                $"{principal} {action} {resource}: expected {(expected ? "Allow" : "Deny")}");
        }
    }

    /// <summary>
    /// The independent model. Rule book §5 (a registration definition grants its authorizations where a registration
    /// assignment of it exists: at the subscription, or in one resource group) and ARM's documentation: a resource
    /// whose condition is false is not deployed; in an inner-scope resource-group deployment, <c>resourceId()</c>
    /// names a resource of that resource group, so only <c>subscriptionResourceId()</c> names the subscription's
    /// definition; an assignment of something else creates nothing. Roles (built-in definitions): Reader permits
    /// <c>*/read</c>; Contributor permits every action here (its NotActions are all under Microsoft.Authorization,
    /// Blueprint, Compute galleries, Purview, Resources deployment stacks and Subscription). Actions and resource-group
    /// names compare case-insensitively; a resource group covers only itself ("alpha" does not cover "alpha-dev").
    /// </summary>
    private static class Model
    {
        public static bool Allows(DelegationCase c, string principal, string action, string group)
        {
            foreach (var a in c.Assignments)
            {
                if (a.Condition == false || a.DeploymentCondition == false)
                {
                    continue;
                }

                if (a.InnerScope && !a.SubscriptionResourceId)
                {
                    continue;
                }

                if (a.ResourceGroup is not null && !string.Equals(a.ResourceGroup, group, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var definition = c.Definitions.FirstOrDefault(d => d.Key == a.DefinitionKey);
                if (definition is null || definition.Condition == false)
                {
                    continue;
                }

                if (definition.Authorizations.Any(z => z.Principal == principal && Permits(z.Role, action)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Permits(string role, string action) =>
            role == DelegationTemplates.Contributor ||
            (role == DelegationTemplates.Reader && action.EndsWith("/read", StringComparison.OrdinalIgnoreCase));
    }
}
