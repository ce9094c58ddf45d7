using BenchmarkDotNet.Attributes;
using ManagedServices.Access;
using ManagedServices.Analysis;
using ManagedServices.Offers;

namespace ManagedServices.Benchmarks;

/// <summary>
/// The analysis (issue 16): <c>prove</c> of a 20-authorization manifest (20 delegable built-in roles, Contributor
/// among them, half of them eligible) against a pattern, both when the guarantee holds (every role searched to
/// exhaustion) and when it does not; and <c>roles --can</c> over the whole built-in catalog. Known-operation lists are
/// cached per pattern, so the figures are the steady state after the first question about a pattern.
/// </summary>
[MemoryDiagnoser]
public class AnalysisBenchmarks
{
    private AccessEvaluator _evaluator = null!;
    private readonly ProofOptions _eligible = new() { IncludeEligible = true };

    /// <summary>Builds the 20-authorization delegation.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var roles = RoleCatalog.BuiltIn.Roles
            .Where(r => RoleCatalog.BuiltIn.GetDelegability(r.Id) is { IsDelegable: true })
            .Select(r => r.Id)
            .Where(id => id != BuiltInRoleIds.Contributor)
            .Take(19)
            .Prepend(BuiltInRoleIds.Contributor)
            .ToArray();
        var principal = PrincipalId.Parse("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6");
        var delegation = new Delegation
        {
            CustomerTenantId = TenantId.Parse("d0aa2562-09cb-4f55-afc6-f5352607f8c8"),
            AssignmentId = Guid.Parse("af8a44d1-0b3c-40b0-af3d-662477a95e39"),
            Scope = ResourceScope.Parse("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b"),
            Definition = new RegistrationDefinition
            {
                Id = Guid.Parse("52cd7214-5d46-447f-bec6-e29ee28cad85"),
                Name = "Benchmark",
                Manifest = new DelegationManifest
                {
                    ManagingTenantId = TenantId.Parse("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40"),
                    Authorizations = [.. roles.Where((_, i) => i % 2 == 0).Select(r => new Authorization { Principal = Principal.User(principal), RoleDefinitionId = r })],
                    EligibleAuthorizations = [.. roles.Where((_, i) => i % 2 == 1).Select(r => new EligibleAuthorization { Principal = Principal.User(principal), RoleDefinitionId = r })],
                },
            },
        };
        _evaluator = AccessEvaluator.Create(DelegationSnapshot.Create([delegation]));
        if (!_evaluator.ProveNever(["Microsoft.Authorization/roleAssignments/write"], _eligible).Value.Holds)
        {
            throw new InvalidOperationException("the benchmark's proof must hold");
        }
    }

    /// <summary>A guarantee that holds: no role write role assignments (every role's language shown empty).</summary>
    /// <returns>Whether it holds.</returns>
    [Benchmark(Baseline = true)]
    public bool ProveHolds() => _evaluator.ProveNever(["Microsoft.Authorization/roleAssignments/write"], _eligible).Value.Holds;

    /// <summary>A guarantee that does not hold, with a counterexample per authorization that reaches the pattern.</summary>
    /// <returns>The number of counterexamples.</returns>
    [Benchmark]
    public int ProveCounterexamples() => _evaluator.ProveNever(["Microsoft.Authorization/*/read", "*/x/write/*"], _eligible).Value.Counterexamples.Length;

    /// <summary><c>roles --can</c> over the whole built-in catalog.</summary>
    /// <returns>The number of roles that can.</returns>
    [Benchmark]
    public int RolesCan() => RoleCatalog.BuiltIn.WhichRolesCan("Microsoft.Authorization/*/write").Value.Length;
}
