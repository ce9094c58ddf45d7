using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Cli;
using ManagedServices.Offers;
using ManagedServices.Arm;
using ManagedServices.Rest;
using ManagedServices.Serialization;
using ManagedServices.Tests.Access;
using ManagedServices.Tests.Arm;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Identity;

/// <summary>
/// One strict GUID parser (<see cref="GuidText"/>) serves every reader: 32 ASCII hex digits in the 8-4-4-4-12 form.
/// .NET's own <c>Guid.TryParseExact(s, "D")</c> also takes <c>0x</c> and <c>+</c> inside a component; before issue 13
/// a deny assignment on <c>/subscriptions/0x6b0f4e-…</c> parsed, matched no request and was silently ignored.
/// </summary>
public class StrictGuidTests
{
    private const string Known = "6b0f4e3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    private const string Hex0x = "0x6b0f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    private const string Sub = AccessEvaluatorScenarioTests.Sub;

    private static readonly string[] Lenient =
    [
        Hex0x, "0X6b0f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "+6b0f4e3-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "6b0f4e3a-0x2d-4e5f-8a9b-0c1d2e3f4a5b",
        "6b0f4e3a-+c2d-4e5f-8a9b-0c1d2e3f4a5b", "6b0f4e3a-1c2d-0x5f-8a9b-0c1d2e3f4a5b", "6b0f4e3a-1c2d-4e5f-+a9b-0c1d2e3f4a5b",
    ];

    public static TheoryData<string> LenientSpellings() => [.. Lenient];

    public static TheoryData<string> Refused() =>
    [
        .. Lenient,
        "{" + Known + "}", "(" + Known + ")", Known.Replace("-", ""), " " + Known, Known + " ", Known + "\0", Known.Replace('-', '\u2010'),
        Known.Replace('1', '\uFF11'), Known.Replace('3', '\u0663'), Known[..35] + "g", Known[..35], Known + "0", "", "{0x6b0f4e3a,0x1c2d,0x4e5f,{0x8a,0x9b,0x0c,0x1d,0x2e,0x3f,0x4a,0x5b}}",
    ];

    [Theory]
    [MemberData(nameof(LenientSpellings))]
    public void DotNetExactD_AcceptsSpellingsTheStrictParserRefuses(string text)
    {
        // The reason for the strict parser: the platform's "exact" D format is not exact.
        Assert.True(Guid.TryParseExact(text, "D", out _));
        Assert.False(GuidText.TryParse(text, out _));
        Assert.False(ReferenceGrammar.IsGuid(text));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void EveryReader_RefusesNonStrictSpellings(string text) => Assert.Empty(ReadersAccepting(text, out _));

    [Theory]
    [InlineData(Known)]
    [InlineData("6B0F4E3A-1C2D-4E5F-8A9B-0C1D2E3F4A5B")]
    [InlineData("6b0F4e3A-1c2D-4E5f-8a9B-0C1d2e3F4a5B")]
    public void EveryReader_AcceptsTheStrictFormInAnyCase_AndNormalizes(string text)
    {
        Assert.Equal(Readers.Length, ReadersAccepting(text, out var values).Count);
        Assert.All(values, v => Assert.Equal(Guid.Parse(Known), v));
        Assert.Equal(Known, PrincipalId.Parse(text).ToString());
        Assert.Equal("/subscriptions/" + Known, ResourceScope.Parse("/subscriptions/" + text).ToString());
    }

    [Fact]
    public void DenyAssignment_OnNonStrictSubscription_IsAnErrorNotSilentlyIgnored()
    {
        var json = DenyJson("/subscriptions/" + Hex0x, "00000000-0000-0000-0000-000000000000");

        var read = DenyAssignmentResources.Read(json);

        Assert.Empty(read.Value);
        Assert.Contains(read.Diagnostics, static d => d.Severity == DiagnosticSeverity.Error);
        Assert.False(ResourceScope.TryParse("/subscriptions/" + Hex0x, out _));
    }

    [Fact]
    public void Check_NonStrictSubscriptionOrPrincipal_IsMalformed()
    {
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create([AccessEvaluatorScenarioTests.Delegate(
            "/subscriptions/" + Known, new Authorization { Principal = Principal.User(PrincipalId.Parse(Known)), RoleDefinitionId = BuiltInRoleIds.Reader })]));
        const string Read = "Microsoft.Compute/virtualMachines/read";

        Assert.True(evaluator.Check(new AccessRequest(Known, Read, "/subscriptions/" + Known)).IsAllowed);
        Assert.Equal(AccessReason.MalformedRequest, evaluator.Check(new AccessRequest(Hex0x, Read, "/subscriptions/" + Known)).Reason);
        Assert.Equal(AccessReason.MalformedRequest, evaluator.Check(new AccessRequest(Known, Read, "/subscriptions/" + Hex0x)).Reason);
        Assert.Equal(AccessReason.MalformedRequest, evaluator.Check(new AccessRequest(Known, Read, "/subscriptions/" + Hex0x + "/resourceGroups/rg1")).Reason);
    }

    /// <summary>Issue 13's property: every GUID spelling the strict parser refuses is refused by every reader.</summary>
    [Property(MaxTest = 400)]
    public Property EveryGuidSpellingTheStrictParserRefuses_IsRefusedByEveryReader() =>
        Prop.ForAll(Arb.From(Spelling()), static text =>
        {
            var strict = GuidText.TryParse(text, out var value);
            var accepting = ReadersAccepting(text, out var values);
            return strict == ReferenceGrammar.IsGuid(text) &&
                   (strict ? accepting.Count == Readers.Length && values.All(v => v == value) : accepting.Count == 0);
        });

    [Fact]
    public void Spelling_Generator_ProducesLenientSpellings()
    {
        // The property is only as good as its generator: it must produce what .NET accepts and the strict parser refuses.
        var samples = Spelling().Sample(2000, 50); // FsCheck: (number of samples, size)
        Assert.Contains(samples, static s => Guid.TryParseExact(s, "D", out _) && !GuidText.TryParse(s, out _));
        Assert.Contains(samples, static s => GuidText.TryParse(s, out _));
    }

    // Specific to this test (kept here, not in TestSupport/ModelGenerators): hostile GUID spellings (lenient .NET forms,
    // look-alike digits, stray braces), which only the GUID readers care about.
    private static Gen<string> Spelling() =>
        from guid in ArbMap.Default.ArbFor<Guid>().Generator
        from format in Gen.Elements("D", "D", "D", "N", "B", "P", "X")
        from lenientAt in Gen.Elements(-1, -1, 0, 9, 14, 19, 24)
        from lenientPiece in Gen.Elements("0x", "0X", "+")
        from caseMode in Gen.Choose(0, 2)
        from edits in Gen.Choose(0, 2)
        from at in Gen.ArrayOf(Gen.Choose(0, 40), edits)
        from piece in Gen.ArrayOf(Gen.Elements("0x", "0X", "+", "-", " ", "{", "}", "g", "\u0663", "\uFF11", "\u2010", "\0", "00", ""), edits)
        from replace in Gen.ArrayOf(Gen.Elements(true, false), edits)
        select Edit(WithLenientComponent(Case(guid.ToString(format), caseMode), format, lenientAt, lenientPiece), at, piece, replace);

    /// <summary>A component of the D form starting with "0x" or "+" in place of its first digits, which .NET accepts.</summary>
    private static string WithLenientComponent(string s, string format, int at, string piece) =>
        format != "D" || at < 0 ? s : string.Concat(s.AsSpan(0, at), piece, s.AsSpan(at + piece.Length));

    private static string Case(string s, int mode) => mode switch
    {
        0 => s,
        1 => s.ToUpperInvariant(),
        _ => string.Concat(s.Select(static (c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c)),
    };

    private static string Edit(string s, int[] at, string[] pieces, bool[] replace)
    {
        for (var k = 0; k < at.Length; k++)
        {
            var i = at[k] % (s.Length + 1);
            // Replacing as many characters as the piece has keeps the length at 36, where .NET's parser is lenient.
            s = replace[k] && i + pieces[k].Length <= s.Length
                ? string.Concat(s.AsSpan(0, i), pieces[k], s.AsSpan(i + pieces[k].Length))
                : s.Insert(i, pieces[k]);
        }

        return s;
    }

    private delegate Guid? Reader(string text);

    /// <summary>Every reader of a GUID in the library (and the CLI's option parsing); null when it refuses.</summary>
    private static readonly Reader[] Readers =
    [
        static t => GuidText.TryParse(t, out var g) ? g : null,
        static t => PrincipalId.TryParse(t, out var v) ? v.Value : null,
        static t => PrincipalId.TryParse(t.AsSpan(), out var v) ? v.Value : null,
        static t => TenantId.TryParse(t, out var v) ? v.Value : null,
        static t => SubscriptionId.TryParse(t, out var v) ? v.Value : null,
        static t => RoleDefinitionId.TryParse(t, out var v) ? v.Value : null,
        static t => RoleDefinitionId.TryParse("/providers/Microsoft.Authorization/roleDefinitions/" + t, out var v) ? v.Value : null,
        static t => RoleDefinitionId.TryParse("/subscriptions/" + t + "/providers/Microsoft.Authorization/roleDefinitions/" + Known, out _) ? Guid.Parse(t) : null,
        static t => GuidKey.TryParse(t, out var k) ? k.ToPrincipalId().Value : null,
        static t => ResourceScope.TryParse("/subscriptions/" + t, out var s) ? s.SubscriptionId!.Value.Value : null,
        static t => ResourceScope.TryParse("/subscriptions/" + t + "/resourceGroups/rg1", out var s) ? s.SubscriptionId!.Value.Value : null,
        static t => RequestText.TryScanScope("/subscriptions/" + t + "/resourceGroups/rg1", out var p) && GuidKey.TryParse(p.Subscription, out var k) ? k.ToPrincipalId().Value : null,
        static t => RequestText.TryScanScope("/subscriptions/" + t + "/resourceGroups/r\u00E9", out var p) && GuidKey.TryParse(p.Subscription, out var k) ? k.ToPrincipalId().Value : null,
        static t => Decided(new AccessRequest(t, "Microsoft.Compute/virtualMachines/read", Sub)) ? Guid.Parse(t) : null,
        static t => Decided(new AccessRequest(EvaluatorUser.ToString(), "Microsoft.Compute/virtualMachines/read", "/subscriptions/" + t)) ? Guid.Parse(t) : null,
        static t => DenyAssignmentResources.Read(DenyJson("/subscriptions/" + t, Known)) is { HasErrors: false, Value: [var d] } ? d.Scope.SubscriptionId!.Value.Value : null,
        static t => DenyAssignmentResources.Read(DenyJson(Sub, t)) is { HasErrors: false, Value: [var d] } ? d.Principals[0].Value : null,
        static t => ReadTemplate(TemplateSamples.Ops.ToString(), t) is { HasErrors: false } r
            ? r.Value!.Definition.Manifest.Authorizations.FirstOrDefault(static a => a.Principal.Id != TemplateSamples.Approver)?.Principal.Id.Value
            : null,
        static t => ReadTemplate(TemplateSamples.Tenant.ToString(), t) is { HasErrors: false } r ? r.Value!.Definition.Manifest.ManagingTenantId.Value : null,
        static t => OfferDocument.Read(Contains(OfferText!, TemplateSamples.Tenant).Replace(TemplateSamples.Tenant.ToString(), t, StringComparison.Ordinal)) is { HasErrors: false } r
            ? r.Value!.Plans[0].Manifest.ManagingTenantId.Value
            : null,
        static t => RegistrationResources.ReadDefinitions(Contains(RestText!, TemplateSamples.Tenant).Replace(TemplateSamples.Tenant.ToString(), t, StringComparison.Ordinal)) is { HasErrors: false, Value: [var r] } ? r.Definition.Manifest.ManagingTenantId.Value : null,
        static t => Cli(() => Inputs.ParsePrincipal(t, "--principal").Value),
        static t => Cli(() => Inputs.ParseSubscription(t, "--subscription")!.Value.Value),
    ];

    private static List<int> ReadersAccepting(string text, out List<Guid> values)
    {
        var accepting = new List<int>();
        values = [];
        for (var i = 0; i < Readers.Length; i++)
        {
            if (Readers[i](text) is { } value)
            {
                accepting.Add(i);
                values.Add(value);
            }
        }

        return accepting;
    }

    private static string Contains(string text, TenantId guid)
    {
        Assert.Contains(guid.ToString(), text, StringComparison.Ordinal);
        return text;
    }

    private static Guid? Cli(Func<Guid> parse)
    {
        try
        {
            return parse();
        }
        catch (UsageException)
        {
            return null;
        }
    }

    private static readonly PrincipalId EvaluatorUser = PrincipalId.Parse("0a000000-0000-4000-8000-000000000001");

    private static readonly AccessEvaluator Everyone = AccessEvaluator.Create(
        DelegationSnapshot.Create([AccessEvaluatorScenarioTests.Delegate("/subscriptions/" + Known,
            new Authorization { Principal = Principal.User(EvaluatorUser), RoleDefinitionId = BuiltInRoleIds.Reader },
            new Authorization { Principal = Principal.User(PrincipalId.Parse(Known)), RoleDefinitionId = BuiltInRoleIds.Reader }),
            AccessEvaluatorScenarioTests.Delegate(Sub,
            new Authorization { Principal = Principal.User(PrincipalId.Parse(Known)), RoleDefinitionId = BuiltInRoleIds.Reader })]));

    /// <summary>True when the evaluator read the request (any decision but <see cref="AccessReason.MalformedRequest"/>).</summary>
    private static bool Decided(AccessRequest request) => Everyone.Check(request).Reason != AccessReason.MalformedRequest;

    private static readonly (string Template, string Parameters) TemplateFiles = Files();

    /// <summary>The sample template and parameters with every occurrence of one GUID replaced by <paramref name="spelling"/>.</summary>
    private static DiagnosticResult<OnboardingTemplateContent> ReadTemplate(string guid, string spelling)
    {
        Assert.Contains(guid, TemplateFiles.Template + TemplateFiles.Parameters, StringComparison.Ordinal);
        return OnboardingTemplate.Read(
            TemplateFiles.Template.Replace(guid, spelling, StringComparison.Ordinal),
            TemplateFiles.Parameters.Replace(guid, spelling, StringComparison.Ordinal));
    }

    private static (string, string) Files()
    {
        var files = OnboardingTemplate.Write(TemplateSamples.Definition(eligible: false), OnboardingTarget.ForSubscription()).GetValueOrThrow();
        return (files.Template, files.Parameters!);
    }

    private static readonly string OfferText = OfferDocument.Write(new Offer
    {
        Id = "contoso-managed",
        DisplayName = "Contoso Managed Infrastructure",
        PublisherId = "contoso",
        Plans = [new Plan { Id = "gold", Name = "Gold", Manifest = TemplateSamples.Manifest(eligible: false) }],
    });

    private static readonly string RestText = RegistrationResources.WriteDefinitions([new RegistrationDefinitionResource
    {
        Definition = new RegistrationDefinition { Id = Guid.Parse("52cd7214-5d46-447f-bec6-e29ee28cad85"), Name = "Offer", Manifest = TemplateSamples.Manifest(eligible: false) },
        ResourceId = Sub + "/providers/Microsoft.ManagedServices/registrationDefinitions/52cd7214-5d46-447f-bec6-e29ee28cad85",
        ProvisioningState = "Succeeded",
    }]);

    private static string DenyJson(string scope, string principal) => $$"""
        {
          "value": [ {
            "id": "{{scope}}/providers/Microsoft.Authorization/denyAssignments/4f9d2c1a-7b3e-4d6a-9c8b-1e2f3a4b5c6d",
            "name": "4f9d2c1a-7b3e-4d6a-9c8b-1e2f3a4b5c6d",
            "type": "Microsoft.Authorization/denyAssignments",
            "properties": {
              "denyAssignmentName": "lock",
              "permissions": [ { "actions": [ "*/write" ] } ],
              "scope": "{{scope}}",
              "principals": [ { "id": "{{principal}}", "type": "User" } ]
            }
          } ]
        }
        """;
}
