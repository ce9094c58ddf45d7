using ManagedServices.Offers;
using ManagedServices.Serialization;

namespace ManagedServices.Tests.Cli;

/// <summary>A temporary folder with a generated offer document, plus helpers to write files into it.</summary>
public sealed class CliFixture : IDisposable
{
    public const string Subscription = "5b3c1f7e-9a2d-4c6b-8e1f-0a9b8c7d6e5f";
    public const string ManagingTenant = "8174a7b1-dbd4-4092-b82e-f8b1b6e91f40";
    public const string Vm = "/subscriptions/" + Subscription + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm1";
    public static readonly Principal Support = Principal.Group(PrincipalId.Parse("7e0cb6fc-2af8-4d9d-a62d-c24d3c53360f"), "MSP-L1-Support");
    public static readonly Principal Ops = Principal.Group(PrincipalId.Parse("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6"), "MSP-L2-Ops");
    public static readonly Principal OnCall = Principal.User(PrincipalId.Parse("c1a2b3d4-0000-4e5f-8a9b-0c1d2e3f4a5b"), "On-call");

    public CliFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "ms-cli-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        OfferPath = Write("offer.json", OfferDocument.Write(CreateOffer("1.0.0", BuiltInRoleIds.Contributor)));
    }

    public string Directory { get; }

    /// <summary>An offer document: Support Reader, Ops (given role), On-call eligible for Contributor.</summary>
    public string OfferPath { get; }

    public static Offer CreateOffer(string version, RoleDefinitionId opsRole) => new OfferBuilder()
        .WithId("contoso-managed-infra")
        .WithDisplayName("Contoso Managed Infrastructure")
        .WithPublisher("contoso")
        .AddPlan(plan => plan
            .WithId("standard")
            .WithName("Standard")
            .AsPublic()
            .WithManifest(m => m
                .WithVersion(version)
                .WithManagingTenant(ManagingTenant)
                .AddAuthorization(Support, BuiltInRoleIds.Reader)
                .AddAuthorization(Ops, opsRole)
                .AddAuthorization(Ops, BuiltInRoleIds.RegistrationAssignmentDelete)
                .AddEligibleAuthorization(OnCall, BuiltInRoleIds.Contributor, new JustInTimeAccessPolicy
                {
                    MultiFactorAuthProvider = MultiFactorAuthProvider.Azure,
                    MaximumActivationDuration = TimeSpan.FromHours(4),
                })))
        .Build();

    public string Write(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Converts the offer to a subscription template with the CLI; returns the template path.</summary>
    public string Template(string name = "template.json", params string[] extra)
    {
        var path = Path.Combine(Directory, name);
        var result = CliRunner.Run(["convert", OfferPath, "--to", "template", "--output", path, .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
