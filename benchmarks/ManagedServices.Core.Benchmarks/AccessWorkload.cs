using System.Text.Json;
using ManagedServices.Access;
using ManagedServices.Offers;

namespace ManagedServices.Benchmarks;

/// <summary>
/// The shared access-check workload (../shared/workload beside the repository root): delegations converted from
/// offers.json through the public model, memberships from memberships.json, and the requests as strings with their
/// expected decisions. <see cref="Generate"/> makes a small synthetic stand-in when the shared folder is absent.
/// Also linked into the test project.
/// </summary>
public sealed class AccessWorkload
{
    /// <summary>Where the data came from.</summary>
    public required string Source { get; init; }

    /// <summary>The delegations.</summary>
    public required DelegationSnapshot Snapshot { get; init; }

    /// <summary>The group memberships.</summary>
    public required InMemoryGroupMembership Groups { get; init; }

    /// <summary>Per request: principal ID text.</summary>
    public required string[] Principals { get; init; }

    /// <summary>Per request: action.</summary>
    public required string[] Actions { get; init; }

    /// <summary>Per request: scope.</summary>
    public required string[] Scopes { get; init; }

    /// <summary>Per request: the expected decision, when known.</summary>
    public bool[]? Expected { get; init; }

    /// <summary>The number of requests.</summary>
    public int Count => Principals.Length;

    /// <summary>The options to build an evaluator for this workload.</summary>
    public AccessEvaluatorOptions Options => new() { Groups = Groups };

    /// <summary>The request at <paramref name="i"/>.</summary>
    /// <param name="i">The index.</param>
    /// <returns>The request (principal as text).</returns>
    public AccessRequest Request(int i) => new(Principals[i], Actions[i], Scopes[i]);

    /// <summary>The shared workload folder, or null when ../shared/workload is not beside the repository root.</summary>
    /// <returns>The folder.</returns>
    public static string? FindSharedDirectory()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ManagedServices.Core.sln")))
                {
                    var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "workload"));
                    return File.Exists(Path.Combine(shared, "requests.json")) ? shared : null;
                }
            }
        }

        return null;
    }

    /// <summary>Loads the shared workload from <paramref name="directory"/>.</summary>
    /// <param name="directory">The workload folder.</param>
    /// <returns>The workload.</returns>
    public static AccessWorkload Load(string directory)
    {
        using var offers = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "offers.json")));
        using var memberships = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "memberships.json")));
        using var requests = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "requests.json")));

        var root = offers.RootElement;
        var customerOf = new Dictionary<SubscriptionId, TenantId>();
        foreach (var customer in root.GetProperty("customerTenants").EnumerateArray())
        {
            var tenant = TenantId.Parse(customer.GetProperty("tenantId").GetString()!);
            foreach (var sub in customer.GetProperty("subscriptions").EnumerateArray())
            {
                customerOf[SubscriptionId.Parse(sub.GetString()!)] = tenant;
            }
        }

        var definitions = new Dictionary<Guid, RegistrationDefinition>();
        foreach (var d in root.GetProperty("registrationDefinitions").EnumerateArray())
        {
            var authorizations = d.GetProperty("authorizations").EnumerateArray().Select(a => new Authorization
            {
                Principal = new Principal
                {
                    Id = PrincipalId.Parse(a.GetProperty("principalId").GetString()!),
                    DisplayName = a.GetProperty("principalIdDisplayName").GetString(),
                    Kind = a.GetProperty("principalType").GetString() switch
                    {
                        "User" => PrincipalKind.User,
                        "Group" => PrincipalKind.Group,
                        "ServicePrincipal" => PrincipalKind.ServicePrincipal,
                        _ => PrincipalKind.Unknown,
                    },
                },
                RoleDefinitionId = RoleDefinitionId.Parse(a.GetProperty("roleDefinitionId").GetString()!),
            });
            var id = Guid.Parse(d.GetProperty("registrationDefinitionId").GetString()!);
            definitions[id] = new RegistrationDefinition
            {
                Id = id,
                Name = d.GetProperty("offerName").GetString()!,
                Manifest = new DelegationManifest
                {
                    ManagingTenantId = TenantId.Parse(d.GetProperty("managedByTenantId").GetString()!),
                    Authorizations = [.. authorizations],
                },
            };
        }

        var delegations = root.GetProperty("registrationAssignments").EnumerateArray().Select(a =>
        {
            var scope = ResourceScope.Parse(a.GetProperty("scope").GetString()!);
            return new Delegation
            {
                CustomerTenantId = customerOf[scope.SubscriptionId!.Value],
                Definition = definitions[Guid.Parse(a.GetProperty("registrationDefinitionId").GetString()!)],
                AssignmentId = Guid.Parse(a.GetProperty("registrationAssignmentId").GetString()!),
                Scope = scope,
            };
        });

        var groups = InMemoryGroupMembership.Create(memberships.RootElement.GetProperty("memberOf").EnumerateObject()
            .Select(p => KeyValuePair.Create(
                PrincipalId.Parse(p.Name),
                (IEnumerable<PrincipalId>)p.Value.EnumerateArray().Select(g => PrincipalId.Parse(g.GetString()!)).ToList())));

        var r = requests.RootElement;
        var principals = r.GetProperty("principals").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var actions = r.GetProperty("actions").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var scopes = r.GetProperty("scopes").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var triples = r.GetProperty("requests").EnumerateArray().Select(t =>
        {
            var e = t.EnumerateArray().Select(x => x.GetInt32()).ToArray();
            return (P: e[0], A: e[1], S: e[2]);
        }).ToArray();
        var expected = r.GetProperty("expected").GetString()!;

        return new AccessWorkload
        {
            Source = directory,
            Snapshot = DelegationSnapshot.Create(delegations),
            Groups = groups,
            Principals = [.. triples.Select(t => principals[t.P])],
            Actions = [.. triples.Select(t => actions[t.A])],
            Scopes = [.. triples.Select(t => scopes[t.S])],
            Expected = [.. expected.Select(c => c == '1')],
        };
    }

    /// <summary>The shared workload when present, otherwise a generated one.</summary>
    /// <param name="smoke">True to always use the small generated workload.</param>
    /// <returns>The workload.</returns>
    public static AccessWorkload LoadOrGenerate(bool smoke) =>
        !smoke && FindSharedDirectory() is { } dir ? Load(dir) : Generate(delegations: 12, authorizationsPerDelegation: 6, requests: 2_000, seed: 20240917);

    /// <summary>A synthetic workload: delegations on subscriptions and resource groups of three customers.</summary>
    /// <param name="delegations">The number of delegations.</param>
    /// <param name="authorizationsPerDelegation">Authorizations in each delegation's definition.</param>
    /// <param name="requests">The number of requests.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The workload (without expected decisions).</returns>
    public static AccessWorkload Generate(int delegations, int authorizationsPerDelegation, int requests, int seed)
    {
        var random = new Random(seed);
        var roles = new[]
        {
            BuiltInRoleIds.Reader, BuiltInRoleIds.Contributor, BuiltInRoleIds.RegistrationAssignmentDelete,
            RoleDefinitionId.Parse("9980e02c-c2be-4d73-94e8-173b1dc7cf3c"), RoleDefinitionId.Parse("749f88d5-cbae-40b8-bcfc-e573ddc772fa"),
            RoleDefinitionId.Parse("17d1049b-9a84-46fb-8f53-869881c3d3ab"), RoleDefinitionId.Parse("43d0d8ad-25c7-4714-9337-8ba259a9fe05"),
        };
        var managing = TenantId.Parse("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40");
        Guid NewGuid()
        {
            Span<byte> b = stackalloc byte[16];
            random.NextBytes(b);
            b[7] = (byte)((b[7] & 0x0F) | 0x40);
            return new Guid(b);
        }

        var users = Enumerable.Range(0, Math.Max(8, delegations / 4)).Select(_ => new PrincipalId(NewGuid())).ToArray();
        var groupIds = Enumerable.Range(0, Math.Max(4, delegations / 20)).Select(_ => new PrincipalId(NewGuid())).ToArray();
        var customers = Enumerable.Range(0, 3).Select(_ => new TenantId(NewGuid())).ToArray();
        var subscriptions = Enumerable.Range(0, Math.Max(3, delegations / 2)).Select(_ => new SubscriptionId(NewGuid())).ToArray();
        var list = new List<Delegation>(delegations);
        for (var d = 0; d < delegations; d++)
        {
            var sub = subscriptions[d % subscriptions.Length];
            var scope = d % 3 == 0 ? ResourceScope.ForResourceGroup(sub, "rg-" + (d % 10)) : ResourceScope.ForSubscription(sub);
            var definitionId = NewGuid();
            list.Add(new Delegation
            {
                CustomerTenantId = customers[d % customers.Length],
                AssignmentId = NewGuid(),
                Scope = scope,
                Definition = new RegistrationDefinition
                {
                    Id = definitionId,
                    Name = "Offer " + (d % 7),
                    Manifest = new DelegationManifest
                    {
                        ManagingTenantId = managing,
                        Authorizations = [.. Enumerable.Range(0, authorizationsPerDelegation).Select(i => new Authorization
                        {
                            Principal = i % 3 == 0 ? Principal.Group(groupIds[random.Next(groupIds.Length)]) : Principal.User(users[random.Next(users.Length)]),
                            RoleDefinitionId = roles[random.Next(roles.Length)],
                        })],
                    },
                },
            });
        }

        var groups = InMemoryGroupMembership.Create(users.Select(u => KeyValuePair.Create(
            u, (IEnumerable<PrincipalId>)Enumerable.Range(0, 3).Select(_ => groupIds[random.Next(groupIds.Length)]).ToList())));
        var actions = new[]
        {
            "Microsoft.Compute/virtualMachines/read", "Microsoft.Compute/virtualMachines/write", "Microsoft.Storage/storageAccounts/listKeys/action",
            "Microsoft.Authorization/roleAssignments/write", "Microsoft.Insights/alertRules/write", "Microsoft.ManagedServices/registrationAssignments/delete",
            "microsoft.network/virtualNetworks/subnets/join/action", "Microsoft.Resources/subscriptions/resourceGroups/read",
        };
        var p = new string[requests];
        var a = new string[requests];
        var s = new string[requests];
        for (var i = 0; i < requests; i++)
        {
            p[i] = (random.Next(4) == 0 ? groupIds[random.Next(groupIds.Length)] : users[random.Next(users.Length)]).ToString();
            a[i] = actions[random.Next(actions.Length)];
            var sub = subscriptions[random.Next(subscriptions.Length)];
            s[i] = random.Next(3) switch
            {
                0 => "/subscriptions/" + sub,
                1 => $"/subscriptions/{sub}/resourceGroups/rg-{random.Next(12)}",
                _ => $"/subscriptions/{sub}/resourceGroups/rg-{random.Next(12)}/providers/Microsoft.Compute/virtualMachines/vm{random.Next(5)}",
            };
        }

        return new AccessWorkload
        {
            Source = $"generated ({delegations} delegations x {authorizationsPerDelegation} authorizations, seed {seed})",
            Snapshot = DelegationSnapshot.Create(list),
            Groups = groups,
            Principals = p,
            Actions = a,
            Scopes = s,
        };
    }
}
