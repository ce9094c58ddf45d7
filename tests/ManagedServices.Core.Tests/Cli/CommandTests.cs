using System.Text.Json;
using ManagedServices.Offers;
using ManagedServices.Arm;
using ManagedServices.Rest;
using ManagedServices.Serialization;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Cli;

public sealed class CommandTests : IDisposable
{
    private readonly CliFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Convert_OfferToTemplate_WritesTemplateAndParametersThatReadBack()
    {
        var template = _f.Template();

        var parameters = Path.Combine(_f.Directory, "template.parameters.json");
        Assert.True(File.Exists(parameters));
        var read = OnboardingTemplate.Read(File.ReadAllText(template), File.ReadAllText(parameters));
        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        AssertSameAccess(CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Contributor).Plans[0].Manifest, read.Value.Definition.Manifest);
    }

    [Fact]
    public void Convert_TemplateToOffer_RoundTripsTheManifest()
    {
        var template = _f.Template();

        var result = CliRunner.Run("convert", template, "--to", "offer", "--parameters", Path.Combine(_f.Directory, "template.parameters.json"), "--offer-id", "contoso-managed-infra", "--publisher", "contoso");

        Assert.True(result.ExitCode == 0, result.Error);
        var offer = OfferDocument.Read(result.Out);
        Assert.False(offer.HasErrors, string.Join("\n", offer.Diagnostics));
        Assert.Equal("contoso-managed-infra", offer.Value.Id);
        AssertSameAccess(CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Contributor).Plans[0].Manifest, offer.Value.Plans[0].Manifest);
    }

    [Fact]
    public void Validate_GoodOffer_ExitsZero()
    {
        var result = CliRunner.Run("validate", "--offer", _f.OfferPath, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.True(doc.RootElement.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void Validate_OfferDocumentAsTheFileWithParameters_SaysTheParametersWereNotUsed()
    {
        var offer = _f.Write("positional-offer.json", OfferDocument.Write(CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Reader)));
        var parameters = _f.Write("stray.parameters.json", "{}");

        var result = CliRunner.Run("validate", offer, "--parameters", parameters, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.False(doc.RootElement.TryGetProperty("parameters", out _), result.Out);
        var error = Assert.Single(doc.RootElement.GetProperty("diagnostics").EnumerateArray(), static d => d.GetProperty("severity").GetString() == "error");
        Assert.Equal(DiagnosticCodes.ParametersNotApplicable, error.GetProperty("code").GetString());
    }

    [Fact]
    public void Validate_TemplateWithOwner_ExitsOneWithCodeAndPath()
    {
        var text = OfferDocument.Write(CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Owner));
        var offer = _f.Write("owner-offer.json", text);

        var result = CliRunner.Run("validate", "--offer", offer, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        var errors = doc.RootElement.GetProperty("diagnostics").EnumerateArray().Where(d => d.GetProperty("severity").GetString() == "error").ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.StartsWith("MSC", e.GetProperty("code").GetString(), StringComparison.Ordinal));
        Assert.Contains(errors, e => e.GetProperty("path").GetString()!.Contains("authorizations[1]", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RestDefinitions_ChecksEachManifestWithItsIndex()
    {
        var good = CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Contributor).Plans[0].Manifest;
        var owner = CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Owner).Plans[0].Manifest;
        var rest = _f.Write("deployed.json", RegistrationResources.WriteDefinitions(
        [
            new RegistrationDefinitionResource { Definition = new RegistrationDefinition { Id = Guid.NewGuid(), Name = "good", Manifest = good } },
            new RegistrationDefinitionResource { Definition = new RegistrationDefinition { Id = Guid.NewGuid(), Name = "owner", Manifest = owner } },
        ]));

        var result = CliRunner.Run("validate", rest, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        var error = Assert.Single(doc.RootElement.GetProperty("diagnostics").EnumerateArray(), static d => d.GetProperty("severity").GetString() == "error");
        Assert.Equal(DiagnosticCodes.OwnerRoleNotAllowed, error.GetProperty("code").GetString());
        Assert.StartsWith("[1].authorizations[1]", error.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OfferDocumentAsPositional_IsValidatedAsAnOffer()
    {
        var result = CliRunner.Run("validate", _f.OfferPath);

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Contains(": valid, 0 error(s)", result.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Template_TextListsDiagnosticsAndSummary()
    {
        var template = _f.Template();

        var result = CliRunner.Run("validate", template, "--parameters", Path.Combine(_f.Directory, "template.parameters.json"), "--subscription", CliFixture.Subscription);

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Contains(": valid, 0 error(s)", result.OutLines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("validate", "a.json", "--offer", "b.json")]
    public void Validate_NeitherOrBoth_IsAUsageError(params string[] args) => Assert.Equal(2, CliRunner.Run(args).ExitCode);

    [Fact]
    public void Validate_MissingFile_ExitsOne()
    {
        var result = CliRunner.Run("validate", "--offer", Path.Combine(_f.Directory, "nope.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot read", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedJson_ExitsOneWithDiagnostics()
    {
        var result = CliRunner.Run("validate", "--offer", _f.Write("bad.json", "{ \"schemaVersion\": "));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MSC", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_WideningUpdate_FlagsWideningAndFailsWhenAsked()
    {
        var older = _f.Write("v1.json", OfferDocument.Write(CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Reader)));
        var newer = _f.Write("v2.json", OfferDocument.Write(CliFixture.CreateOffer("1.1.0", BuiltInRoleIds.Contributor)));

        var json = CliRunner.Run("diff", older, newer, "--format", "json");
        var text = CliRunner.Run("diff", older, newer);
        var failing = CliRunner.Run("diff", older, newer, "--fail-on-widening");
        var same = CliRunner.Run("diff", older, older, "--fail-on-widening");

        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Contains("widening", json.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("1.1.0", text.Out, StringComparison.Ordinal);
        Assert.Equal(1, failing.ExitCode);
        Assert.Equal(0, same.ExitCode);
    }

    [Fact]
    public void Diff_TemplateAgainstOffer_Works()
    {
        var template = _f.Template();
        var newer = _f.Write("v2.json", OfferDocument.Write(CliFixture.CreateOffer("1.1.0", BuiltInRoleIds.Contributor)));

        var result = CliRunner.Run("diff", template, newer, "--old-parameters", Path.Combine(_f.Directory, "template.parameters.json"), "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
    }

    [Fact]
    public void WhoCan_ListsPermanentAndEligiblePrincipals()
    {
        var template = _f.Template();

        var result = CliRunner.Run("who-can", "--template", template, "--parameters", Path.Combine(_f.Directory, "template.parameters.json"),
            "--subscription", CliFixture.Subscription, "--action", "Microsoft.Compute/virtualMachines/restart/action", "--resource", CliFixture.Vm, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        var principals = doc.RootElement.GetProperty("principals").EnumerateArray().ToDictionary(p => p.GetProperty("principalId").GetString()!, p => p.GetProperty("access").GetString());
        Assert.Equal("permanent", principals[CliFixture.Ops.Id.ToString()]);
        Assert.Equal("eligible", principals[CliFixture.OnCall.Id.ToString()]);
        Assert.False(principals.ContainsKey(CliFixture.Support.Id.ToString()));
    }

    [Fact]
    public void WhoCan_UserAccessAdministrator_IsListedWithItsCondition()
    {
        var admin = Principal.ServicePrincipal(PrincipalId.Parse("3f0e7a52-1c0d-4d8e-9b6a-2c1d0e9f8a7b"), "Policy remediation");
        var offer = CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Contributor);
        var plan = offer.Plans[0];
        var manifest = plan.Manifest with
        {
            Authorizations = plan.Manifest.Authorizations.Add(new Authorization
            {
                Principal = admin,
                RoleDefinitionId = BuiltInRoleIds.UserAccessAdministrator,
                DelegatedRoleDefinitionIds = [BuiltInRoleIds.Contributor],
            }),
        };
        var path = _f.Write("uaa.json", OfferDocument.Write(offer with { Plans = [plan with { Manifest = manifest }] }));
        var template = Path.Combine(_f.Directory, "uaa-template.json");
        Assert.Equal(0, CliRunner.Run("convert", path, "--to", "template", "--output", template).ExitCode);

        var result = CliRunner.Run("who-can", "--template", template, "--parameters", Path.Combine(_f.Directory, "uaa-template.parameters.json"),
            "--subscription", CliFixture.Subscription, "--action", "Microsoft.Authorization/roleAssignments/write", "--resource", CliFixture.Vm, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        var holder = Assert.Single(doc.RootElement.GetProperty("principals").EnumerateArray(), p => p.GetProperty("principalId").GetString() == admin.Id.ToString());
        Assert.Contains("managed identities", holder.GetProperty("condition").GetString(), StringComparison.Ordinal);
        Assert.Equal("Contoso Managed Infrastructure", holder.GetProperty("offer").GetString());
    }

    [Theory]
    [InlineData("Microsoft.Compute/*", "")]
    [InlineData("not an operation", "")]
    [InlineData("Microsoft.Compute/virtualMachines/read", "/subscriptions/not-a-guid")]
    public void WhoCan_MalformedActionOrResource_IsAUsageError(string action, string resource)
    {
        var template = _f.Template();

        var result = CliRunner.Run("who-can", "--template", template, "--parameters", Path.Combine(_f.Directory, "template.parameters.json"),
            "--subscription", CliFixture.Subscription, "--action", action, "--resource", resource.Length == 0 ? CliFixture.Vm : resource);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void WhoCan_Text_CountsPrincipalsAndGrants()
    {
        var template = _f.Template();

        var result = CliRunner.Run("who-can", "--template", template, "--parameters", Path.Combine(_f.Directory, "template.parameters.json"),
            "--subscription", CliFixture.Subscription, "--action", "Microsoft.Compute/virtualMachines/read", "--resource", CliFixture.Vm);

        Assert.True(result.ExitCode == 0, result.Error);
        // Support (Reader), Ops (Contributor) permanently; On-call after activating Contributor.
        Assert.EndsWith($"3 principal(s) can perform Microsoft.Compute/virtualMachines/read on {CliFixture.Vm} (3 grant(s))", result.OutLines[^1], StringComparison.Ordinal);
        Assert.Contains("after activating eligible role Contributor", result.OutLines[^2], StringComparison.Ordinal);
    }

    [SharedCorpusFact]
    public void Validate_CorpusSamples_ReportPlaceholdersWithCodes()
    {
        var root = Path.Combine(RepoPaths.Shared, "corpus", "lighthouse-samples", "templates", "delegated-resource-management", "subscription");

        var result = CliRunner.Run("validate", Path.Combine(root, "subscription.json"), "--parameters", Path.Combine(root, "subscription.parameters.json"), "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Contains(doc.RootElement.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("path").GetString()!.StartsWith("parameters:", StringComparison.Ordinal));
    }

    /// <summary>
    /// The samples ship the empty GUID as the principal of every authorization (and approver): with the managing tenant
    /// filled in, validating a raw sample still fails, with <see cref="DiagnosticCodes.EmptyPrincipal"/> at each
    /// placeholder; with the principals filled in too, the placeholder errors are gone.
    /// </summary>
    [SharedCorpusFact]
    public void Validate_CorpusSampleWithTenantFilledIn_ReportsThePlaceholderPrincipals()
    {
        var root = Path.Combine(RepoPaths.Shared, "corpus", "lighthouse-samples", "templates", "delegated-resource-management-eligible-authorizations", "rg");
        var parameters = File.ReadAllText(Path.Combine(root, "rg-managing-tenant-approvers.parameters.json"));
        var tenantOnly = _f.Write("tenant-only.parameters.json", FillPlaceholders(parameters));
        var all = _f.Write("all.parameters.json", FillPrincipals(FillPlaceholders(parameters)));

        var raw = CliRunner.Run("validate", Path.Combine(root, "rg-managing-tenant-approvers.json"), "--parameters", tenantOnly, "--format", "json");
        var filled = CliRunner.Run("validate", Path.Combine(root, "rg-managing-tenant-approvers.json"), "--parameters", all, "--format", "json");

        Assert.Equal(1, raw.ExitCode);
        using var doc = JsonDocument.Parse(raw.Out);
        var placeholders = doc.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Where(static d => d.GetProperty("code").GetString() == DiagnosticCodes.EmptyPrincipal).Select(static d => d.GetProperty("path").GetString()!).ToList();
        Assert.Contains(placeholders, static p => p.EndsWith("authorizations[0].principalId", StringComparison.Ordinal));
        Assert.Contains(placeholders, static p => p.Contains("managedByTenantApprovers[0].principalId", StringComparison.Ordinal));
        Assert.DoesNotContain(DiagnosticCodes.EmptyPrincipal, filled.Out, StringComparison.Ordinal);
    }

    [SharedCorpusFact]
    public void Check_CorpusSampleWithTenantFilledIn_AnswersBatch()
    {
        var root = Path.Combine(RepoPaths.Shared, "corpus", "lighthouse-samples", "templates", "delegated-resource-management-eligible-authorizations", "subscription");
        var parameters = File.ReadAllText(Path.Combine(root, "subscription.parameters.json"));
        var filled = _f.Write("corpus.parameters.json", FillPrincipals(FillPlaceholders(parameters)));
        var read = OnboardingTemplate.Read(File.ReadAllText(Path.Combine(root, "subscription.json")), File.ReadAllText(filled));
        Assert.True(read.Value is not null, string.Join("\n", read.Diagnostics));
        var authorization = read.Value!.Definition.Manifest.Authorizations[0];
        var requests = _f.Write("corpus.jsonl",
            $$"""{"id": "a", "principalId": "{{authorization.Principal.Id}}", "action": "Microsoft.Resources/subscriptions/resourceGroups/read", "resource": "/subscriptions/{{CliFixture.Subscription}}/resourceGroups/rg"}""" + "\n" +
            $$"""{"id": "b", "principalId": "{{authorization.Principal.Id}}", "action": "Microsoft.Resources/subscriptions/resourceGroups/read", "resource": "/subscriptions/00000000-0000-0000-0000-0000000000ff"}""" + "\n");

        var result = CliRunner.Run("check", "--template", Path.Combine(root, "subscription.json"), "--parameters", filled,
            "--subscription", CliFixture.Subscription, "--requests", requests);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2, result.OutLines.Length);
        using var second = JsonDocument.Parse(result.OutLines[1]);
        Assert.Equal("Deny", second.RootElement.GetProperty("decision").GetString());
        // With the samples' placeholder principals filled in: the principal reads the resource group it was delegated,
        // and nothing in a subscription that was not delegated.
        using var first = JsonDocument.Parse(result.OutLines[0]);
        Assert.Equal("Allow", first.RootElement.GetProperty("decision").GetString());
        Assert.Equal("NoDelegationCoversScope", second.RootElement.GetProperty("reason").GetString());
    }

    /// <summary>ARM templates carry no principal kind: compare everything else.</summary>
    private static void AssertSameAccess(ManagedServices.Offers.DelegationManifest expected, ManagedServices.Offers.DelegationManifest actual)
    {
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.ManagingTenantId, actual.ManagingTenantId);
        Assert.Equal(expected.Authorizations.Select(static a => (a.Principal.Id, a.Principal.DisplayName, a.RoleDefinitionId)),
            actual.Authorizations.Select(static a => (a.Principal.Id, a.Principal.DisplayName, a.RoleDefinitionId)));
        Assert.Equal(expected.EligibleAuthorizations.Select(static a => (a.Principal.Id, a.RoleDefinitionId, a.JustInTimeAccessPolicy)),
            actual.EligibleAuthorizations.Select(static a => (a.Principal.Id, a.RoleDefinitionId, a.JustInTimeAccessPolicy)));
    }

    /// <summary>The principal that stands in for the samples' placeholder principal (the empty GUID).</summary>
    private const string FilledPrincipal = "5ca1ab1e-0000-4000-8000-000000000001";

    /// <summary>Replaces the samples' placeholder principal, the empty GUID, with <see cref="FilledPrincipal"/>.</summary>
    private static string FillPrincipals(string json) =>
        json.Replace("00000000-0000-0000-0000-000000000000", FilledPrincipal, StringComparison.Ordinal);

    /// <summary>Replaces every "&lt;insert ...&gt;" placeholder value with a GUID.</summary>
    private static string FillPlaceholders(string json)
    {
        var text = json;
        for (var start = text.IndexOf("\"<", StringComparison.Ordinal); start >= 0; start = text.IndexOf("\"<", start + 1, StringComparison.Ordinal))
        {
            var end = text.IndexOf(">\"", start, StringComparison.Ordinal);
            text = string.Concat(text.AsSpan(0, start), "\"" + CliFixture.ManagingTenant + "\"", text.AsSpan(end + 2));
        }

        return text;
    }
}

/// <summary>A fact that needs ../shared (the corpus); skipped with a message when it is absent.</summary>
public sealed class SharedCorpusFactAttribute : FactAttribute
{
    public SharedCorpusFactAttribute()
    {
        if (!RepoPaths.HasShared)
        {
            Skip = $"the shared corpus folder {RepoPaths.Shared} is absent";
        }
    }
}
