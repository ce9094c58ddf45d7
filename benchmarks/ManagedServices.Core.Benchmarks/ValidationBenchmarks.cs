using BenchmarkDotNet.Attributes;
using ManagedServices.Offers;
using ManagedServices.Validation;

namespace ManagedServices.Benchmarks;

/// <summary>
/// Validating a realistic Marketplace offer: one public plan whose manifest has 20 authorizations
/// (15 permanent, 5 eligible with approvers), as many as a plan allows, and a private plan with an audience.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private static readonly string[] PermanentRoles =
    [
        "Reader", "Contributor", "Monitoring Reader", "Monitoring Contributor", "Virtual Machine Contributor",
        "Network Contributor", "Backup Reader", "Security Reader", "Website Contributor", "Resource Policy Contributor",
        "Support Request Contributor", "Cost Management Reader", "Automation Operator", "Managed Services Registration assignment Delete Role",
    ];

    private static readonly string[] EligibleRoles = ["Contributor", "Network Contributor", "Virtual Machine Contributor", "Backup Operator", "Monitoring Contributor"];

    private readonly OfferValidator _validator = OfferValidator.Default;
    private Offer _offer = null!;
    private DelegationManifest _manifest = null!;

    /// <summary>Builds the offer (and warms up the role catalog).</summary>
    [GlobalSetup]
    public void Setup()
    {
        // The smoke run keeps Reader, Contributor, Monitoring Reader and the removal role (the last one).
        var permanentRoles = BenchmarkSettings.Smoke ? [.. PermanentRoles[..3], PermanentRoles[^1]] : PermanentRoles;
        var eligible = BenchmarkSettings.Smoke ? 1 : EligibleRoles.Length;
        var manifest = new DelegationManifestBuilder()
            .WithManagingTenant("6b1c7a7e-2f55-4a8a-9a0b-0c0d3c5e1f21")
            .WithVersion("1.4.0");
        var approvers = Principal.Group(Id(900), "Change approvers");
        var policy = new JustInTimeAccessPolicy
        {
            MultiFactorAuthProvider = MultiFactorAuthProvider.Azure,
            MaximumActivationDuration = TimeSpan.FromHours(4),
            Approvers = [approvers],
        };
        for (var i = 0; i < permanentRoles.Length; i++)
        {
            manifest.AddAuthorization(Principal.Group(Id(i), "Tier " + i), permanentRoles[i]);
        }

        // The User Access Administrator special case, then eligible roles for the groups that already read
        // (14 + 1 + 5 = 20 authorizations, the Marketplace maximum).
        manifest.AddUserAccessAdministrator(Principal.ServicePrincipal(Id(500), "Policy remediation"), BuiltInRoleIds.Contributor);
        for (var i = 0; i < eligible; i++)
        {
            manifest.AddEligibleAuthorization(Principal.Group(Id(i % 4), "Tier " + (i % 4)), EligibleRoles[i], policy);
        }

        _manifest = manifest.Build();
        var audience = Enumerable.Range(0, BenchmarkSettings.Smoke ? 3 : 200).Select(i => new SubscriptionId(new Guid(i, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7))).ToArray();
        _offer = new OfferBuilder()
            .WithId("contoso-managed-operations")
            .WithDisplayName("Contoso Managed Operations")
            .WithPublisher("contoso")
            .AddPlan(p => p.WithId("standard").WithName("Standard").WithManifest(_manifest))
            .AddPlan(p => p.WithId("enterprise-private").WithName("Enterprise (private)").AsPrivate(audience).WithManifest(_manifest))
            .Build();
        if (_validator.Validate(_offer) is { HasErrors: true } or { Warnings.IsEmpty: false })
        {
            throw new InvalidOperationException("The benchmark offer should be valid without warnings: " + _validator.Validate(_offer));
        }
    }

    /// <summary>Validate the whole offer (two plans, 20 authorizations each, an audience of 200).</summary>
    [Benchmark(Baseline = true)]
    public ValidationResult<Offer> ValidateOffer() => _validator.Validate(_offer);

    /// <summary>Validate one 20-authorization manifest with the Marketplace limits.</summary>
    [Benchmark]
    public ValidationResult<DelegationManifest> ValidateManifest() => _validator.Validate(_manifest, marketplace: true);

    private static PrincipalId Id(int i) => new(new Guid(i, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3));
}
