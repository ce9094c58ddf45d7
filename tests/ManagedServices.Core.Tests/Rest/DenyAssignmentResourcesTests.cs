using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Rest;
using ManagedServices.Tests.Access;
using ManagedServices.Tests.Arm;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Rest;

/// <summary>Deny assignments in the REST shape (<see cref="DenyAssignmentResources"/>): mapping, fail-closed reading, diagnostics, evaluation.</summary>
public class DenyAssignmentResourcesTests
{
    private const string Sub = AccessEvaluatorScenarioTests.Sub;
    private const string Rg = Sub + "/resourceGroups/mrg-app";
    private const string Vm = Rg + "/providers/Microsoft.Compute/virtualMachines/vm1";
    private const string Restart = "Microsoft.Compute/virtualMachines/restart/action";
    private const string DenyId = "4f9d2c1a-7b3e-4d6a-9c8b-1e2f3a4b5c6d";
    private const string BreakGlass = "9f2c7a10-3c1e-4a55-8b5e-2f1f6b1f0c3a";
    private static readonly PrincipalId Ops = AccessEvaluatorScenarioTests.Ops;

    // The shape of GET {scope}/providers/Microsoft.Authorization/denyAssignments?api-version=2022-04-01 for a
    // managed application's resource group, with the read-only members Azure adds.
    private const string List = $$"""
        {
          "value": [
            {
              "properties": {
                "denyAssignmentName": "Locked by managed application app-billing",
                "description": "Created by the managed application; only the publisher can change the resources.",
                "permissions": [
                  { "actions": [ "*" ], "notActions": [ "*/read", "Microsoft.Authorization/locks/*" ], "dataActions": [], "notDataActions": [] }
                ],
                "scope": "{{Rg}}",
                "doNotApplyToChildScopes": false,
                "principals": [ { "id": "00000000-0000-0000-0000-000000000000", "type": "SystemDefined" } ],
                "excludePrincipals": [ { "id": "{{BreakGlass}}", "type": "User" } ],
                "isSystemProtected": true,
                "createdOn": "2026-03-02T10:11:12.1234567Z",
                "updatedOn": "2026-03-02T10:11:12.1234567Z",
                "createdBy": null,
                "updatedBy": null
              },
              "id": "{{Rg}}/providers/Microsoft.Authorization/denyAssignments/{{DenyId}}",
              "type": "Microsoft.Authorization/denyAssignments",
              "name": "{{DenyId}}"
            }
          ]
        }
        """;

    private static string Resource(string properties, string? name = DenyId, string type = "Microsoft.Authorization/denyAssignments") =>
        $$"""
        {
          "id": "{{Rg}}/providers/Microsoft.Authorization/denyAssignments/{{DenyId}}",
          "type": "{{type}}",
          {{(name is null ? "" : $"\"name\": \"{name}\",")}}
          "properties": {{properties}}
        }
        """;

    private static string Props(string extra = "", string permissions = """[ { "actions": [ "Microsoft.Compute/virtualMachines/restart/action" ] } ]""") =>
        $$"""
        {
            "permissions": {{permissions}},
            "scope": "{{Rg}}",
            "principals": [ { "id": "00000000-0000-0000-0000-000000000000", "type": "SystemDefined" } ]{{extra}}
        }
        """;

    private static AccessEvaluator Evaluator(IEnumerable<DenyAssignment> denies) => AccessEvaluator.Create(
        DelegationSnapshot.Create([AccessEvaluatorScenarioTests.Delegate(Sub,
            new Authorization { Principal = Principal.Group(Ops, "Ops"), RoleDefinitionId = BuiltInRoleIds.Contributor },
            new Authorization { Principal = Principal.User(PrincipalId.Parse(BreakGlass), "Break glass"), RoleDefinitionId = BuiltInRoleIds.Contributor })]),
        new AccessEvaluatorOptions { DenyAssignments = [.. denies] });

    private static ImmutableArray<DenyAssignment> ReadOk(string json)
    {
        var read = DenyAssignmentResources.Read(json);
        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        return read.Value;
    }

    private static Diagnostic ReadError(string json, string code)
    {
        var read = DenyAssignmentResources.Read(json);
        Assert.Empty(read.Value);
        return Assert.Single(read.Diagnostics, d => d.Code == code && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Read_RestList_MapsEveryMember()
    {
        var read = DenyAssignmentResources.Read(List);

        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        Assert.Empty(read.Diagnostics);
        var expected = new DenyAssignment
        {
            Id = Guid.Parse(DenyId),
            Name = "Locked by managed application app-billing",
            Scope = ResourceScope.Parse(Rg),
            Actions = ["*"],
            NotActions = ["*/read", "Microsoft.Authorization/locks/*"],
            Principals = [DenyAssignment.AllPrincipals],
            ExcludePrincipals = [PrincipalId.Parse(BreakGlass)],
        };
        Assert.Equal(expected, Assert.Single(read.Value!));
    }

    [Fact]
    public void Read_PlainArrayAndSingleResource_ReadLikeTheList()
    {
        var list = ReadOk(List);
        var item = JsonNode.Parse(List)!["value"]![0]!.ToJsonString();

        Assert.Equal<DenyAssignment>(list, ReadOk("[" + item + "]"));
        Assert.Equal<DenyAssignment>(list, ReadOk(item));
        Assert.Empty(ReadOk("""{ "value": [] }"""));
        Assert.Empty(ReadOk("[]"));
    }

    [Fact]
    public void Read_DenyAssignmentFromJson_TurnsAnAllowIntoDeniedByDenyAssignment()
    {
        var evaluator = Evaluator(ReadOk(List));
        var without = Evaluator([]);

        Assert.Equal(AccessReason.Allowed, without.Check(new AccessRequest(Ops, Restart, Vm)).Reason);
        Assert.Equal(AccessReason.DeniedByDenyAssignment, evaluator.Check(new AccessRequest(Ops, Restart, Vm)).Reason);
        Assert.Equal(AccessReason.Allowed, evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/read", Vm)).Reason);
        Assert.Equal(AccessReason.Allowed, evaluator.Check(new AccessRequest(PrincipalId.Parse(BreakGlass), Restart, Vm)).Reason);
        Assert.Equal(AccessReason.Allowed, evaluator.Check(new AccessRequest(Ops, Restart, Sub + "/resourceGroups/mrg-app2")).Reason);
        Assert.Equal(Guid.Parse(DenyId), evaluator.Explain(new AccessRequest(Ops, Restart, Vm)).DenyAssignments.Single().DenyAssignment.Id);
    }

    [Fact]
    public void Read_SeveralPermissionBlocks_OneValuePerBlockAndAnyBlockDenies()
    {
        // Block 1 denies writes but not VM writes; block 2 denies VM writes. A single merged block would lose the VM write.
        var json = Resource(Props(permissions: """
            [
              { "actions": [ "*/write" ], "notActions": [ "Microsoft.Compute/virtualMachines/write" ] },
              { "actions": [ "Microsoft.Compute/virtualMachines/write" ] }
            ]
            """));

        var read = ReadOk(json);

        Assert.Equal(2, read.Length);
        Assert.All(read, d => Assert.Equal(Guid.Parse(DenyId), d.Id));
        Assert.Equal<string>(["*/write"], read[0].Actions);
        Assert.Equal<string>(["Microsoft.Compute/virtualMachines/write"], read[0].NotActions);
        Assert.Equal<string>(["Microsoft.Compute/virtualMachines/write"], read[1].Actions);
        Assert.Empty(read[1].NotActions);
        var evaluator = Evaluator(read);
        Assert.Equal(AccessReason.DeniedByDenyAssignment, evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/write", Vm)).Reason);
        Assert.Equal(AccessReason.DeniedByDenyAssignment, evaluator.Check(new AccessRequest(Ops, "Microsoft.Network/virtualNetworks/write", Vm)).Reason);
        Assert.Equal(AccessReason.Allowed, evaluator.Check(new AccessRequest(Ops, Restart, Vm)).Reason);
    }

    [Fact]
    public void Read_NoPermissionBlock_OneValueThatDeniesNothing()
    {
        var read = Assert.Single(ReadOk(Resource(Props(permissions: "[]"))));

        Assert.Empty(read.Actions);
        Assert.Equal(AccessReason.Allowed, Evaluator([read]).Check(new AccessRequest(Ops, Restart, Vm)).Reason);
    }

    [Fact]
    public void Read_Condition_AppliedUnconditionallyWithWarning()
    {
        var json = Resource(Props("""
            , "condition": "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'logs'",
            "conditionVersion": "2.0"
            """));

        var read = DenyAssignmentResources.Read(json);

        Assert.False(read.HasErrors);
        var warning = Assert.Single(read.Diagnostics);
        Assert.Equal(DiagnosticCodes.DenyAssignmentConditionIgnored, warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("$.properties.condition", warning.Path);
        Assert.NotNull(warning.Line);
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Evaluator(read.Value!).Check(new AccessRequest(Ops, Restart, Vm)).Reason);
        Assert.Empty(DenyAssignmentResources.Read(Resource(Props(""", "condition": null, "conditionVersion": null"""))).Diagnostics);
        Assert.Empty(DenyAssignmentResources.Read(Resource(Props(""", "condition": " " """))).Diagnostics);
    }

    [Fact]
    public void Read_DoNotApplyToChildScopes_AppliesAtTheScopeOnly()
    {
        var read = Assert.Single(ReadOk(Resource(Props(""", "doNotApplyToChildScopes": true"""))));

        Assert.True(read.DoNotApplyToChildScopes);
        var evaluator = Evaluator([read]);
        Assert.Equal(AccessReason.DeniedByDenyAssignment, evaluator.Check(new AccessRequest(Ops, Restart, Rg)).Reason);
        Assert.Equal(AccessReason.Allowed, evaluator.Check(new AccessRequest(Ops, Restart, Vm)).Reason);
    }

    [Fact]
    public void Read_NamedPrincipalAndGroupExclusion_KeepsIds()
    {
        var group = "3d90545e-6c08-4837-81ed-8f78681dc1aa";
        var json = Resource($$"""
            {
              "permissions": [ { "actions": [ "*" ] } ],
              "scope": "{{Sub}}",
              "principals": [ { "id": "{{Ops}}", "type": "Group" } ],
              "excludePrincipals": [ { "id": "{{group}}", "type": "Group" }, { "id": "00000000-0000-0000-0000-000000000000", "type": "SystemDefined" } ]
            }
            """);

        var read = Assert.Single(ReadOk(json));

        Assert.Equal<PrincipalId>([Ops], read.Principals);
        Assert.Equal<PrincipalId>([PrincipalId.Parse(group), DenyAssignment.AllPrincipals], read.ExcludePrincipals);
        Assert.Equal(ResourceScope.Parse(Sub), read.Scope);
    }

    [Fact]
    public void Read_UnresolvableSystemDefinedPrincipals_WidenWithWarnings()
    {
        var other = "11111111-2222-4333-8444-555555555555";
        var json = Resource($$"""
            {
              "permissions": [ { "actions": [ "*" ] } ],
              "scope": "{{Rg}}",
              "principals": [ { "id": "{{other}}", "type": "SystemDefined" } ],
              "excludePrincipals": [ { "id": "{{other}}", "type": "systemdefined" }, { "id": "{{BreakGlass}}", "type": "User" } ]
            }
            """);

        var read = DenyAssignmentResources.Read(json);

        Assert.False(read.HasErrors);
        var value = Assert.Single(read.Value!);
        Assert.Equal<PrincipalId>([DenyAssignment.AllPrincipals], value.Principals);
        Assert.Equal<PrincipalId>([PrincipalId.Parse(BreakGlass)], value.ExcludePrincipals);
        Assert.Equal<string>(["$.properties.principals[0]", "$.properties.excludePrincipals[0]"],
            read.Diagnostics.Where(static d => d.Code == DiagnosticCodes.DenyAssignmentWidened && d.Severity == DiagnosticSeverity.Warning).Select(static d => d.Path));
    }

    [Fact]
    public void Read_NoPrincipals_AppliesToEveryoneWithWarning()
    {
        var json = Resource($$"""{ "permissions": [ { "actions": [ "*" ] } ], "scope": "{{Rg}}", "principals": [] }""");

        var read = DenyAssignmentResources.Read(json);

        Assert.False(read.HasErrors);
        Assert.Equal(DiagnosticCodes.DenyAssignmentWidened, Assert.Single(read.Diagnostics).Code);
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Evaluator(read.Value!).Check(new AccessRequest(Ops, Restart, Vm)).Reason);
    }

    [Fact]
    public void Read_MissingNameOrScope_TakenFromTheResourceId()
    {
        var json = Resource($$"""{ "permissions": [ { "actions": [ "*" ] } ], "principals": [ { "id": "00000000-0000-0000-0000-000000000000" } ] }""", name: null);

        var read = Assert.Single(ReadOk(json));

        Assert.Equal(Guid.Parse(DenyId), read.Id);
        Assert.Equal(ResourceScope.Parse(Rg), read.Scope);
        Assert.Null(read.Name);
    }

    [Fact]
    public void Read_TenantRootScope_CoversEveryScope()
    {
        var json = $$"""
            { "id": "/providers/Microsoft.Authorization/denyAssignments/{{DenyId}}", "name": "{{DenyId}}",
              "properties": { "permissions": [ { "actions": [ "{{Restart}}" ] } ], "scope": "/", "principals": [ { "id": "{{Ops}}", "type": "Group" } ] } }
            """;

        var read = Assert.Single(ReadOk(json));

        Assert.Equal(ResourceScope.TenantRoot, read.Scope);
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Evaluator([read]).Check(new AccessRequest(Ops, Restart, Vm)).Reason);
    }

    public static TheoryData<string, string, string> Malformed() => new()
    {
        { "{", DiagnosticCodes.JsonMalformed, "$" },
        { "42", DiagnosticCodes.JsonUnexpectedType, "$" },
        { """{ "value": {} }""", DiagnosticCodes.JsonUnexpectedType, "$.value" },
        { "[1]", DiagnosticCodes.JsonUnexpectedType, "$[0]" },
        { """{ "a": 1, "A": 2 }""", DiagnosticCodes.JsonDuplicateProperty, "$.A" },
        { Resource(Props(), type: "Microsoft.Authorization/roleAssignments"), DiagnosticCodes.JsonUnexpectedType, "$.type" },
        { Resource(Props(), name: "not-a-guid"), DiagnosticCodes.TemplateValueNotGuid, "$.name" },
        { Resource("null"), DiagnosticCodes.RequiredValueMissing, "$.properties" },
        { Resource("[]"), DiagnosticCodes.JsonUnexpectedType, "$.properties" },
        { Resource("""{ "scope": "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b", "principals": [] }"""), DiagnosticCodes.RequiredValueMissing, "$.properties.permissions" },
        { Resource(Props(permissions: "{}")), DiagnosticCodes.JsonUnexpectedType, "$.properties.permissions" },
        { Resource(Props(permissions: "[ 1 ]")), DiagnosticCodes.JsonUnexpectedType, "$.properties.permissions[0]" },
        { Resource(Props(permissions: """[ { "actions": "*" } ]""")), DiagnosticCodes.JsonUnexpectedType, "$.properties.permissions[0].actions" },
        { Resource(Props(permissions: """[ { "notActions": [ null ] } ]""")), DiagnosticCodes.JsonUnexpectedType, "$.properties.permissions[0].notActions[0]" },
        { Resource("""{ "permissions": [], "scope": "/subscriptions/x/resourceGroups/../rg", "principals": [] }"""), DiagnosticCodes.InvalidScope, "$.properties.scope" },
        { Resource("""{ "permissions": [], "scope": 7, "principals": [] }"""), DiagnosticCodes.JsonUnexpectedType, "$.properties.scope" },
        { Resource(Props(""", "doNotApplyToChildScopes": "yes" """)), DiagnosticCodes.JsonUnexpectedType, "$.properties.doNotApplyToChildScopes" },
        { Resource(Props(""", "condition": 1""")), DiagnosticCodes.JsonUnexpectedType, "$.properties.condition" },
        { Resource("""{ "permissions": [], "scope": "/", "principals": {} }"""), DiagnosticCodes.JsonUnexpectedType, "$.properties.principals" },
        { Resource("""{ "permissions": [], "scope": "/", "principals": [ { "type": "User" } ] }"""), DiagnosticCodes.RequiredValueMissing, "$.properties.principals[0]" },
        { Resource("""{ "permissions": [], "scope": "/", "principals": [ { "id": "<principal>" } ] }"""), DiagnosticCodes.TemplateValueNotGuid, "$.properties.principals[0].id" },
        { Resource("""{ "permissions": [], "scope": "/", "principals": [ "x" ] }"""), DiagnosticCodes.JsonUnexpectedType, "$.properties.principals[0]" },
        { Resource("""{ "permissions": [], "scope": "/", "principals": [], "excludePrincipals": [ { "id": 3 } ] }"""), DiagnosticCodes.JsonUnexpectedType, "$.properties.excludePrincipals[0].id" },
        { """{ "name": "4f9d2c1a-7b3e-4d6a-9c8b-1e2f3a4b5c6d", "properties": { "permissions": [], "principals": [] } }""", DiagnosticCodes.RequiredValueMissing, "$.properties.scope" },
        { """{ "properties": { "permissions": [], "scope": "/", "principals": [] } }""", DiagnosticCodes.RequiredValueMissing, "$" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Read_MalformedInput_ErrorWithCodeAndPath(string json, string code, string path)
    {
        var error = ReadError(json, code);

        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Read_Errors_CarryLineNumbers()
    {
        var json = "[\n" + Resource(Props(permissions: """[ { "actions": [ 98765 ] } ]""")) + "\n]";

        var error = ReadError(json, DiagnosticCodes.JsonUnexpectedType);

        Assert.Equal("$[0].properties.permissions[0].actions[0]", error.Path);
        Assert.Equal(json.Split('\n').ToList().FindIndex(static l => l.Contains("98765", StringComparison.Ordinal)) + 1, error.Line);
    }

    [Fact]
    public void Read_OneBadResourceInAList_FailsTheWholeRead()
    {
        var good = JsonNode.Parse(List)!["value"]![0]!.ToJsonString();

        var read = DenyAssignmentResources.Read("[" + good + "," + Resource(Props(), name: "x") + "]");

        Assert.Empty(read.Value);
        Assert.Contains(read.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateValueNotGuid && d.Path == "$[1].name");
    }

    [Fact]
    public void Read_Null_Throws() => Assert.Throws<ArgumentNullException>(() => DenyAssignmentResources.Read(null!));

    [Property(MaxTest = 100, Arbitrary = [typeof(DenyAssignmentArbitraries)])]
    public bool Read_WrittenDenyAssignment_ReadsOneValuePerBlockAndDeniesWhenAnyBlockMatches(DenyCase c)
    {
        var read = DenyAssignmentResources.Read(c.Json);
        if (read.HasErrors || read.Value.Length != Math.Max(1, c.Blocks.Length))
        {
            return false;
        }

        for (var i = 0; i < c.Blocks.Length; i++)
        {
            var (actions, notActions) = c.Blocks[i];
            var value = read.Value[i];
            if (!value.Actions.SequenceEqual(actions) || !value.NotActions.SequenceEqual(notActions) || value.Scope != ResourceScope.Parse(Rg) ||
                value.Id != c.Id || !value.Principals.SequenceEqual([DenyAssignment.AllPrincipals]))
            {
                return false;
            }
        }

        var evaluator = Evaluator(read.Value);
        return DenyAssignmentArbitraries.Operations.All(op =>
        {
            var denied = c.Blocks.Any(b => b.Actions.Any(p => DenyAssignmentArbitraries.Matches(p, op)) && !b.NotActions.Any(p => DenyAssignmentArbitraries.Matches(p, op)));
            return evaluator.Check(new AccessRequest(Ops, op, Vm)).Reason == (denied ? AccessReason.DeniedByDenyAssignment : AccessReason.Allowed);
        });
    }
}

/// <summary>A deny assignment resource as JSON, with the permission blocks it was written from.</summary>
public sealed record DenyCase(Guid Id, ImmutableArray<(ImmutableArray<string> Actions, ImmutableArray<string> NotActions)> Blocks, string Json)
{
    public override string ToString() => Json;
}

/// <summary>FsCheck generators for deny assignments in the REST shape: a few permission blocks over a small set of operations.</summary>
public static class DenyAssignmentArbitraries
{
    /// <summary>Operations Contributor allows, so that only a deny assignment can deny them.</summary>
    public static readonly string[] Operations =
    [
        "Microsoft.Compute/virtualMachines/restart/action", "Microsoft.Compute/virtualMachines/write", "Microsoft.Compute/virtualMachines/read",
        "Microsoft.Network/virtualNetworks/write", "Microsoft.Storage/storageAccounts/delete",
    ];

    private static readonly string[] Patterns = [.. Operations, "*", "*/write", "*/read", "Microsoft.Compute/*", "microsoft.network/*", "Microsoft.Storage/storageAccounts/*"];

    /// <summary>A reference matcher: ordinal, case-insensitive, <c>*</c> at the start or end only (as in <see cref="Patterns"/>).</summary>
    public static bool Matches(string pattern, string operation) =>
        pattern == "*" ||
        (pattern.StartsWith('*') && operation.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)) ||
        (pattern.EndsWith('*') && operation.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)) ||
        string.Equals(pattern, operation, StringComparison.OrdinalIgnoreCase);

    public static Arbitrary<DenyCase> DenyCaseArbitrary() => Arb.From(
        from id in TemplatesArbitraries.AnyGuid()
        from blocks in ModelGenerators.UpTo(Block(), 4)
        select new DenyCase(id, blocks, Write(id, blocks)));

    private static Gen<ImmutableArray<string>> PatternList() => ModelGenerators.UpTo(Gen.Elements(Patterns), 3);

    private static Gen<(ImmutableArray<string>, ImmutableArray<string>)> Block() =>
        from actions in PatternList()
        from notActions in PatternList()
        select (actions, notActions);

    private static string Write(Guid id, ImmutableArray<(ImmutableArray<string> Actions, ImmutableArray<string> NotActions)> blocks)
    {
        var permissions = new JsonArray([.. blocks.Select(static b => (JsonNode)new JsonObject
        {
            ["actions"] = new JsonArray([.. b.Actions.Select(static a => (JsonNode)JsonValue.Create(a))]),
            ["notActions"] = new JsonArray([.. b.NotActions.Select(static a => (JsonNode)JsonValue.Create(a))]),
            ["dataActions"] = new JsonArray(),
            ["notDataActions"] = new JsonArray(),
        })]);
        return new JsonObject
        {
            ["id"] = $"/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/mrg-app/providers/Microsoft.Authorization/denyAssignments/{id}",
            ["type"] = "Microsoft.Authorization/denyAssignments",
            ["name"] = id.ToString(),
            ["properties"] = new JsonObject
            {
                ["denyAssignmentName"] = "generated",
                ["permissions"] = permissions,
                ["scope"] = "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/mrg-app",
                ["principals"] = new JsonArray(new JsonObject { ["id"] = Guid.Empty.ToString(), ["type"] = "SystemDefined" }),
                ["isSystemProtected"] = true,
            },
        }.ToJsonString();
    }
}
