using BenchmarkDotNet.Attributes;
using ManagedServices.Lifecycle;
using ManagedServices.Offers;

namespace ManagedServices.Benchmarks;

/// <summary>Manifest diffs (the customer's update review) and onboarding a customer.</summary>
[MemoryDiagnoser]
public class LifecycleBenchmarks
{
    private static readonly RoleDefinitionId[] Roles =
    [
        BuiltInRoleIds.Reader,
        BuiltInRoleIds.Contributor,
        RoleDefinitionId.Parse("43d0d8ad-25c7-4714-9337-8ba259a9fe05"), // Monitoring Reader
        RoleDefinitionId.Parse("749f88d5-cbae-40b8-bcfc-e573ddc772fa"), // Monitoring Contributor
        RoleDefinitionId.Parse("9980e02c-c2be-4d73-94e8-173b1dc7cf3c"), // Virtual Machine Contributor
    ];

    private DelegationManifest _old = null!;
    private DelegationManifest _new = null!;
    private OfferLifecycle _offer = null!;
    private CustomerTenant _customer = null!;
    private ResourceScope[] _scopes = [];

    /// <summary>Builds two 20-authorization manifests that differ in a third of their entries.</summary>
    [GlobalSetup]
    public void Setup()
    {
        RoleCatalog.BuiltIn.TryGet(BuiltInRoleIds.Reader, out _);
        var tenant = TenantId.Parse("11111111-1111-1111-1111-111111111111");
        var count = BenchmarkSettings.Smoke ? 6 : 20;
        var older = new DelegationManifestBuilder().WithManagingTenant(tenant).WithVersion("1.0.0");
        var newer = new DelegationManifestBuilder().WithManagingTenant(tenant).WithVersion("1.1.0");
        for (var i = 0; i < count; i++)
        {
            var principal = Principal.User(new PrincipalId(new Guid(i + 1, 0, 0, new byte[8])), "user " + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            older.AddAuthorization(principal, Roles[i % Roles.Length]);
            newer.AddAuthorization(principal, Roles[(i + (i % 3 == 0 ? 1 : 0)) % Roles.Length]);
        }

        _old = older.Build();
        _new = newer.Build();
        _offer = OfferLifecycle.Create(new Offer
        {
            Id = "bench",
            DisplayName = "Bench",
            PublisherId = "bench",
            Plans = [new Plan { Id = "p", Name = "P", Manifest = _old }],
        }).Publish(static _ => []).GetValueOrThrow();
        var subscription = SubscriptionId.Parse("ed40e6c1-4292-4dd6-88f1-89e0da98d68b");
        _customer = CustomerTenant.Create(TenantId.Parse("22222222-2222-2222-2222-222222222222"))
            .Purchase(_offer, "p", [subscription]).GetValueOrThrow();
        _scopes = [.. Enumerable.Range(0, count).Select(i => ResourceScope.ForResourceGroup(subscription, "rg-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
    }

    /// <summary>Diff of two manifests, including the role subset tests.</summary>
    [Benchmark(Baseline = true)]
    public ManifestDiff Compare() => ManifestDiff.Compare(_old, _new);

    /// <summary>Diff rendered as JSON.</summary>
    [Benchmark]
    public string CompareToJson() => ManifestDiff.Compare(_old, _new).ToJson();

    /// <summary>Onboarding one resource group per authorization, then building the access snapshot.</summary>
    [Benchmark]
    public int OnboardAndSnapshot() =>
        _customer.Onboard("bench", "p", _scopes).GetValueOrThrow().ToSnapshot().Delegations.Length;
}
