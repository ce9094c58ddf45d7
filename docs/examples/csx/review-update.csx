#r "nuget: ManagedServices.Core, 0.1.0"
// dotnet script docs/examples/csx/review-update.csx   (the same example as docs/examples/review-update.cs)
// Reviews an update of a plan's delegation manifest the way a customer would: what changed, and which changes widen
// the managing tenant's access. Exits non-zero when the diff is not the expected one.
using System;
using System.Collections.Generic;
using System.Linq;
using ManagedServices;
using ManagedServices.Lifecycle;
using ManagedServices.Offers;

var managingTenant = TenantId.Parse("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40");
var support = Principal.Group(PrincipalId.Parse("7e0cb6fc-2af8-4d9d-a62d-c24d3c53360f"), "MSP-L1-Support");
var ops = Principal.Group(PrincipalId.Parse("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6"), "MSP-L2-Ops");
var virtualMachineContributor = RoleCatalog.BuiltIn.TryGetByName("Virtual Machine Contributor", out var vmc) ? vmc.Id : throw new InvalidOperationException("role missing");

var accepted = new DelegationManifestBuilder()
    .WithVersion("1.0.0")
    .WithManagingTenant(managingTenant)
    .AddAuthorization(support, BuiltInRoleIds.Reader)
    .AddAuthorization(ops, virtualMachineContributor)
    .Build();

// Version 1.1.0: Ops gets Contributor instead of Virtual Machine Contributor, Support keeps Reader.
var proposed = new DelegationManifestBuilder()
    .WithVersion("1.1.0")
    .WithManagingTenant(managingTenant)
    .AddAuthorization(support, BuiltInRoleIds.Reader)
    .AddAuthorization(ops, BuiltInRoleIds.Contributor)
    .Build();

var diff = ManifestDiff.Compare(accepted, proposed);
Console.WriteLine(diff.ToText());

var failures = new List<string>();
if (!diff.WidensAccess)
{
    failures.Add("replacing Virtual Machine Contributor with Contributor is not flagged as widening");
}

if (diff.Widenings.All(c => c.PrincipalId != ops.Id))
{
    failures.Add("the widening is not attributed to MSP-L2-Ops");
}

if (diff.Authorizations.Any(c => c.PrincipalId == support.Id))
{
    failures.Add("Support's unchanged Reader authorization is reported as a change");
}

if (!ManifestDiff.Compare(accepted, accepted).IsEmpty)
{
    failures.Add("a manifest compared with itself has differences");
}

var narrowing = ManifestDiff.Compare(proposed, accepted);
if (narrowing.Narrowings.IsEmpty)
{
    failures.Add("going back from Contributor to Virtual Machine Contributor is not flagged as narrowing");
}

foreach (var failure in failures)
{
    Console.Error.WriteLine("review-update: FAILED: " + failure);
}

return failures.Count == 0 ? 0 : 1;
