using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Tests.Access;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Hardening;

/// <summary>
/// Hostile request text: patterns, control characters, whitespace, escapes, dot segments, look-alikes, case folding
/// and oversized input are denied as malformed (or at least never allowed), never with an exception.
/// </summary>
public class HostileRequestTests
{
    /// <summary>Mutated requests per property.</summary>
    public const int Cases = 400;

    private const string Sub = "ed40e6c1-4292-4dd6-88f1-89e0da98d68b";
    private const string Action = "Microsoft.Compute/virtualMachines/read";
    private static readonly PrincipalId User = AccessArbitraries.Users[0];

    /// <summary>Everyone-can-do-everything world: the user holds a <c>*</c> role on the subscription and on rg "k8s-prod".</summary>
    private static readonly AccessEvaluator Open = AccessEvaluator.Create(
        DelegationSnapshot.Create(
        [
            Delegation("/subscriptions/" + Sub, AccessArbitraries.ContributorLike),
            Delegation("/subscriptions/d8ad3a03-7d6f-4c1c-9ef9-96af50fbc39f/resourceGroups/k8s-prod", AccessArbitraries.ReaderLike),
        ]),
        new AccessEvaluatorOptions { RoleCatalog = AccessArbitraries.Catalog });

    private const string RgScope = "/subscriptions/d8ad3a03-7d6f-4c1c-9ef9-96af50fbc39f/resourceGroups/k8s-prod";

    public static TheoryData<string> MalformedActions() =>
    [
        "*", "*/read", "Microsoft.Compute/*", "Microsoft.Compute/virtualMachines/*", "Microsoft.*/read",
        "", " ", "\t", Action + " ", " " + Action, "Microsoft.Compute/virtual Machines/read", Action + "\n", Action + "\r\n",
        Action + "\0", "Microsoft.Compute/virtualMachines/read\u0007", "\u0085" + Action, Action + "\u00A0", Action + "\u2028",
        Action + "\u200B", "\uFEFF" + Action, "Microsoft.Compute/virtualMachines/r\u0435ad", "Micro\u017Foft.Compute/virtualMachines/read",
        "Microsoft.Compute/virtualMachines\uFF0Fread", "\uFF2Dicrosoft.Compute/virtualMachines/read", "Microsoft.\u212Aubernetes/connectedClusters/read",
        "Microsoft.Compute/virtualMachınes/read", "Microsoft.Compute/virtualMachines/read\uD800", "\uDC00", new string('a', RequestText.MaxActionLength + 1),
        new string('*', 10_000),
    ];

    public static TheoryData<string> MalformedScopes() =>
    [
        "", " ", "subscriptions/" + Sub, "/subscriptions/" + Sub + "//", "//subscriptions/" + Sub, "//", "/subscriptions//" + Sub,
        "/subscriptions/" + Sub + "//resourceGroups/rg1", "/subscriptions/" + Sub + "/resourceGroups/rg1//", "/subscriptions/" + Sub + "/resourceGroups/",
        "/subscriptions/" + Sub + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/", "/subscriptions/" + Sub + "/resourceGroups/rg1/providers/Microsoft.Compute/",
        "/subscriptions/0x" + Sub[2..], "/subscriptions/+" + Sub[1..], "/subscriptions/" + Sub[..9] + "0x" + Sub[11..], "/subscriptions/" + Sub[..9] + "+" + Sub[10..],
        "/subscriptions/" + Sub + "/resourceGroups/rg/../other", "/subscriptions/" + Sub + "/resourceGroups/rg./",
        "/subscriptions/" + Sub + "/resourceGroups/../resourceGroups/rg1", "/subscriptions/" + Sub + "/resourceGroups/rg1/..",
        "/subscriptions/" + Sub + "/./resourceGroups/rg1", "/subscriptions/" + Sub + "/resourceGroups/rg%31",
        "/subscriptions/" + Sub + "/resourceGroups/rg1%2F..%2F", "/subscriptions/%65d40e6c1-4292-4dd6-88f1-89e0da98d68b",
        "/subscriptions/" + Sub + "/resourceGroups/rg 1", "/subscriptions/" + Sub + "/resourceGroups/rg1\t", " /subscriptions/" + Sub,
        "/subscriptions/" + Sub + "\n", "/subscriptions/" + Sub + "/resourceGroups/rg1\0", "/subscriptions/" + Sub + "/resourceGroups/*",
        "/subscriptions/*", "/subscriptions/" + Sub + "/resourceGroups/rg1?api-version=1", "/subscriptions/" + Sub + "/resourceGroups/rg1#x",
        "\\subscriptions\\" + Sub, "/subscriptions/" + Sub + "\\resourceGroups\\rg1", "/subscriptions/" + Sub.ToUpperInvariant().Replace('E', '\u0415'),
        "/\u0455ubscriptions/" + Sub, "/\uFF53ubscriptions/" + Sub, "/subscriptions\uFF0F" + Sub, "/subscriptions\u2215" + Sub,
        "/subscriptions/" + Sub.Replace('1', '\uFF11'), "/subscriptions/" + Sub.Replace('-', '\u2010'), "/subscriptions/" + Sub + "/resourceGroups/rg1\u200B",
        "/subscriptions/" + Sub + "/resourceGroups/rg1\uFEFF", "/subscriptions/" + Sub + "/resourceGroups/rg\uD800", "/subscriptions/{" + Sub + "}",
        "/subscriptions/" + Sub + "/resourceGroups/" + new string('r', 91), "/subscriptions/" + Sub + "/resourceGroups/rg.",
        "/subscriptions/" + Sub + "/providers/Microsoft.Compute", "/subscriptions/" + Sub + "/providers/Microsoft.Compute/virtualMachines",
        "/subscriptions/" + Sub + "/" + string.Concat(Enumerable.Repeat("a/", 200)) + "b",
        "/subscriptions/" + Sub + "/providers/Microsoft.Compute/virtualMachines/" + new string('v', ScopeParserMaxLength),
    ];

    private const int ScopeParserMaxLength = 4096;

    [Theory]
    [MemberData(nameof(MalformedActions))]
    public void Check_MalformedAction_IsMalformedRequest(string action)
    {
        Assert.Equal(AccessReason.MalformedRequest, Open.Check(new AccessRequest(User, action, "/subscriptions/" + Sub)).Reason);
        Assert.Equal(AccessReason.MalformedRequest, Open.Check(new AccessRequest(User.ToString(), action, RgScope)).Reason);
    }

    [Theory]
    [MemberData(nameof(MalformedScopes))]
    public void Check_MalformedScope_IsMalformedRequest(string scope)
    {
        Assert.Equal(AccessReason.MalformedRequest, Open.Check(new AccessRequest(User, Action, scope)).Reason);
        Assert.False(ResourceScope.TryParse(scope, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("0a000000-0000-4000-8000-000000000001", null, "/subscriptions/" + Sub)]
    [InlineData("0a000000-0000-4000-8000-000000000001", Action, null)]
    [InlineData(" 0a000000-0000-4000-8000-000000000001", Action, "/subscriptions/" + Sub)]
    [InlineData("0a000000-0000-4000-8000-00000000000１", Action, "/subscriptions/" + Sub)]
    [InlineData("0а000000-0000-4000-8000-000000000001", Action, "/subscriptions/" + Sub)]
    [InlineData("{0a000000-0000-4000-8000-000000000001}", Action, "/subscriptions/" + Sub)]
    [InlineData("0a0000000000400080000000000000001", Action, "/subscriptions/" + Sub)]
    public void Check_NullOrMalformedText_IsMalformedRequest(string? principal, string? action, string? scope) =>
        Assert.Equal(AccessReason.MalformedRequest, Open.Check(new AccessRequest(principal!, action!, scope!)).Reason);

    [Fact]
    public void Check_BaselineRequests_AreAllowed()
    {
        Assert.True(Open.Check(new AccessRequest(User, Action, "/subscriptions/" + Sub)).IsAllowed);
        Assert.True(Open.Check(new AccessRequest(User, Action, RgScope)).IsAllowed);
        Assert.True(Open.Check(new AccessRequest(User, Action, RgScope.ToUpperInvariant())).IsAllowed);
        Assert.True(Open.Check(new AccessRequest(User, Action.ToUpperInvariant(), RgScope + "/providers/Microsoft.Compute/virtualMachines/vm1")).IsAllowed);
    }

    [Theory]
    [InlineData('k', '\u212A')] // Kelvin sign: OrdinalIgnoreCase must not fold it to k
    [InlineData('s', '\u017F')] // long s
    [InlineData('o', '\u043E')] // Cyrillic o
    [InlineData('p', '\u0440')] // Cyrillic er
    [InlineData('r', '\uFF52')] // fullwidth r
    [InlineData('8', '\uFF18')] // fullwidth 8
    [InlineData('-', '\u2010')] // hyphen
    public void Check_LookAlikeInDelegatedResourceGroupName_IsNotAllowed(char ascii, char lookAlike)
    {
        var at = RgScope.LastIndexOf(ascii);
        Assert.True(at > RgScope.LastIndexOf('/'));
        var spoofed = string.Concat(RgScope.AsSpan(0, at), lookAlike.ToString(), RgScope.AsSpan(at + 1));

        var decision = Open.Check(new AccessRequest(User, Action, spoofed));

        Assert.False(decision.IsAllowed, $"{spoofed}: {decision}");
        Assert.NotEqual(ResourceScope.Parse(RgScope), ResourceScope.TryParse(spoofed, out var s) ? s : default);
    }

    [Fact]
    public void OrdinalIgnoreCase_KelvinAndDotlessI_DoNotFoldToAscii()
    {
        // The evaluator relies on ordinal ignore-case comparisons folding no non-ASCII character onto ASCII.
        Assert.False(string.Equals("\u212A", "K", StringComparison.OrdinalIgnoreCase));
        Assert.False(string.Equals("\u212A", "k", StringComparison.OrdinalIgnoreCase));
        Assert.False(string.Equals("\u0131", "i", StringComparison.OrdinalIgnoreCase));
        Assert.False(string.Equals("\u0131", "I", StringComparison.OrdinalIgnoreCase));
        Assert.False(string.Equals("\u0130", "i", StringComparison.OrdinalIgnoreCase));
        Assert.False(string.Equals("\u017F", "s", StringComparison.OrdinalIgnoreCase));
        Assert.False(ActionPattern.Matches("Microsoft.\u212Aubernetes/x/read", "microsoft.kubernetes/*"));
        Assert.False(ActionPattern.Matches("Microsoft.Kubernetes/x/read", "microsoft.\u212Aubernetes/*"));
        Assert.True(ActionPattern.Matches("MICROSOFT.KUBERNETES/X/READ", "microsoft.kubernetes/*"));
    }

    [Fact]
    public void Check_DotlessIInResourceGroup_IsNotTheAsciiGroup()
    {
        var rgI = AccessEvaluator.Create(
            DelegationSnapshot.Create([Delegation("/subscriptions/" + Sub + "/resourceGroups/rg-i", AccessArbitraries.ReaderLike)]),
            new AccessEvaluatorOptions { RoleCatalog = AccessArbitraries.Catalog });

        Assert.True(rgI.Check(new AccessRequest(User, Action, "/subscriptions/" + Sub + "/resourceGroups/RG-I")).IsAllowed);
        Assert.False(rgI.Check(new AccessRequest(User, Action, "/subscriptions/" + Sub + "/resourceGroups/rg-\u0131")).IsAllowed);
        Assert.False(rgI.Check(new AccessRequest(User, Action, "/subscriptions/" + Sub + "/resourceGroups/RG-\u0130")).IsAllowed);
    }

    [Fact]
    public void Check_HugeInputs_AreRefusedQuickly()
    {
        var huge = HostileText.Fifty;
        Open.Check(new AccessRequest(User, Action, "/subscriptions/" + Sub)); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(AccessReason.MalformedRequest, Open.Check(new AccessRequest(User, huge, "/subscriptions/" + Sub)).Reason);
        Assert.Equal(AccessReason.MalformedRequest, Open.Check(new AccessRequest(User, Action, huge)).Reason);
        Assert.Equal(AccessReason.MalformedRequest, Open.Check(new AccessRequest(huge, Action, "/subscriptions/" + Sub)).Reason);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Length checks come first: nothing above copies or parses the 50 MB (measured as memory, not time; the time
        // of a check is measured by the benchmarks).
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated");
    }

    [FsCheck.Xunit.Property(Arbitrary = [typeof(Generators)], MaxTest = Cases)]
    public bool Check_MutatedActionOrScope_IsNeverAllowedUnlessStillValid(Mutation m)
    {
        var request = new AccessRequest(User, m.Action, m.Scope);
        var decision = Open.Check(request);
        var actionValid = ReferenceGrammar.IsOperationName(m.Action);
        var scopeValid = ResourceScope.TryParse(m.Scope, out _);
        if (!actionValid || !scopeValid)
        {
            return decision.Reason == AccessReason.MalformedRequest;
        }

        // Still valid after mutation (a case change, a look-alike inside a resource name): decided like any request,
        // and an Allow must come from a delegation whose scope contains the request's parsed scope.
        return !decision.IsAllowed || decision.Grant!.Scope.Contains(ResourceScope.Parse(m.Scope));
    }

    [FsCheck.Xunit.Property(Arbitrary = [typeof(Generators)], MaxTest = Cases)]
    public bool Check_AsciiCaseChanges_DoNotChangeTheDecision(CaseChange c) =>
        Open.Check(new AccessRequest(User, c.Action, c.Scope)).Reason == Open.Check(new AccessRequest(User, c.OriginalAction, c.OriginalScope)).Reason;

    private static Delegation Delegation(string scope, RoleDefinitionId role) => new()
    {
        CustomerTenantId = AccessArbitraries.CustomerA,
        AssignmentId = Guid.NewGuid(),
        Scope = ResourceScope.Parse(scope),
        Definition = new RegistrationDefinition
        {
            Id = Guid.NewGuid(),
            Name = "Offer",
            Manifest = new DelegationManifest
            {
                ManagingTenantId = AccessArbitraries.ManagingA,
                Authorizations = [new Authorization { Principal = Principal.User(User), RoleDefinitionId = role }],
            },
        },
    };

    /// <summary>A valid action and scope with one hostile edit applied to either.</summary>
    public sealed record Mutation(string Action, string Scope, string Edit)
    {
        public override string ToString() => $"{Edit}: {Action.Length} chars action, scope '{(Scope.Length > 200 ? Scope[..200] + "..." : Scope)}'";
    }

    /// <summary>An ASCII case change of a valid action and scope.</summary>
    public sealed record CaseChange(string OriginalAction, string OriginalScope, string Action, string Scope);

    public static class Generators
    {
        private static readonly string[] Scopes =
        [
            "/subscriptions/" + Sub, "/subscriptions/" + Sub + "/resourceGroups/rg1", RgScope,
            RgScope + "/providers/Microsoft.Compute/virtualMachines/vm1",
            "/subscriptions/" + Sub + "/providers/Microsoft.Network/networkWatchers/nw/providers/Microsoft.Insights/diagnosticSettings/d",
        ];

        private static readonly string[] Insertions =
        [
            "*", "%", "%2F", "%2e%2e", "..", "/../", "/./", "//", "/", " ", "\t", "\n", "\0", "\u0085", "\u00A0", "\u2028", "\u200B", "\uFEFF",
            "?", "#", "\\", "\"", "<", ">", "|", "\uD800", "\uDFFF", "\u0430", "\u212A", "\u0131", "\u017F", "\uFF0F", "\uFF41", "\u2215",
            "?x", "#x", "0x", "+", ";", "!", "&", "=", "@", "'", "~", "^", "`", "[", "]", ",", "(", ")",
        ];

        public static Arbitrary<Mutation> MutationArbitrary() => Arb.From(
            from action in Gen.Elements(AccessArbitraries.Actions)
            from scope in Gen.Elements(Scopes)
            from onAction in Gen.Elements(true, false)
            from kind in Gen.Choose(0, 6)
            from insertion in Gen.Elements(Insertions)
            from at in Gen.Choose(0, 10_000)
            from count in Gen.Choose(1, 3000)
            select Mutate(action, scope, onAction, kind, insertion, at, count));

        public static Arbitrary<CaseChange> CaseChangeArbitrary() => Arb.From(
            from action in Gen.Elements(AccessArbitraries.Actions)
            from scope in Gen.Elements(Scopes)
            from flips in Gen.ArrayOf(Gen.Elements(true, false), 400)
            select new HostileRequestTests.CaseChange(action, scope, Flip(action, flips), Flip(scope, flips)));

        private static Mutation Mutate(string action, string scope, bool onAction, int kind, string insertion, int at, int count)
        {
            var target = onAction ? action : scope;
            var i = at % (target.Length + 1);
            string edited;
            string edit;
            switch (kind)
            {
                case 0:
                    edited = target.Insert(i, insertion);
                    edit = $"insert U+{(int)insertion[0]:X4} at {i}";
                    break;
                case 1:
                    edited = i < target.Length ? string.Concat(target.AsSpan(0, i), insertion, target.AsSpan(i + 1)) : target + insertion;
                    edit = $"replace at {i} by U+{(int)insertion[0]:X4}";
                    break;
                case 2:
                    edited = target[..i];
                    edit = $"truncate to {i}";
                    break;
                case 3:
                    edited = target + string.Concat(Enumerable.Repeat(onAction ? "/a*" : "/a", count));
                    edit = $"extend by {count} segments";
                    break;
                case 4:
                    edited = target + new string('x', count * 10);
                    edit = $"extend by {count * 10} characters";
                    break;
                case 5:
                    edited = i < target.Length ? string.Concat(target.AsSpan(0, i), LookAlike(target[i]), target.AsSpan(i + 1)) : target;
                    edit = $"look-alike at {i}";
                    break;
                default:
                    edited = target + insertion; // the trailing shapes: "write/", "write?x", "write#x", "{scope}/"
                    edit = $"append U+{(int)insertion[0]:X4}";
                    break;
            }

            return onAction ? new Mutation(edited, scope, edit) : new Mutation(action, edited, edit);
        }

        private static string LookAlike(char c)
        {
            foreach (var (ascii, lookAlike) in HardeningArbitraries.LookAlikes)
            {
                if (char.ToLowerInvariant(ascii) == char.ToLowerInvariant(c))
                {
                    return lookAlike.ToString();
                }
            }

            return c is >= '!' and <= '~' ? ((char)(c - '!' + '\uFF01')).ToString() : "\u00E9"; // fullwidth form
        }

        private static string Flip(string s, bool[] flips)
        {
            var chars = s.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (flips[i % flips.Length] && chars[i] is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
                {
                    chars[i] = (char)(chars[i] ^ 0x20);
                }
            }

            return new string(chars);
        }
    }
}
