using FsCheck;
using FsCheck.Xunit;
using ManagedServices.Offers;
using ManagedServices.Tests.TestSupport;
using ManagedServices.Validation;

namespace ManagedServices.Tests.Hardening;

/// <summary>
/// Every text parser and every builder string input under hostile text: TryParse never throws, Parse throws only
/// its documented <see cref="FormatException"/> (or <see cref="ArgumentNullException"/> for null), accepted values
/// round-trip and respect the documented limits, and builders report diagnostics instead of throwing.
/// </summary>
public class ParserHostileInputTests
{
    /// <summary>Inputs per parser property.</summary>
    public const int Cases = 1500;

    [Property(Arbitrary = [typeof(Generators)], MaxTest = Cases)]
    public bool ResourceScope_HostileText_ParsesOrRefusesWithReason(string s)
    {
        var ok = ResourceScope.TryParse(s, out var scope, out var error);
        if (ResourceScope.TryParse(s.AsSpan(), out var fromSpan) != ok || (ok && fromSpan != scope))
        {
            return false;
        }

        if (!ok)
        {
            return !string.IsNullOrEmpty(error) && scope.Kind == ScopeKind.None && Throws<FormatException>(() => { _ = ResourceScope.Parse(s); });
        }

        var text = scope.ToString();
        var again = ResourceScope.Parse(text);
        if (again != scope || again.ToString() != text || text.Length > 4096 || scope.Kind == ScopeKind.None ||
            text.Split('/').Length - 1 > 128 || !scope.Contains(scope))
        {
            return false;
        }

        // Walking up the parents terminates and each parent contains its child.
        var current = scope;
        for (var depth = 0; depth <= 128; depth++)
        {
            if (current.Parent is not { } parent)
            {
                return true;
            }

            if (!parent.Contains(current) || parent == current)
            {
                return false;
            }

            current = parent;
        }

        return false;
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = Cases)]
    public bool Identifiers_HostileText_ParseOrRefuse(string s)
    {
        return Check<TenantId>(s, TenantId.TryParse, TenantId.Parse, v => v.ToString()) &&
            Check<PrincipalId>(s, PrincipalId.TryParse, PrincipalId.Parse, v => v.ToString()) &&
            Check<SubscriptionId>(s, SubscriptionId.TryParse, SubscriptionId.Parse, v => v.ToString()) &&
            Check<RoleDefinitionId>(s, RoleDefinitionId.TryParse, RoleDefinitionId.Parse, v => v.ToString()) &&
            Check<ManifestVersion>(s, ManifestVersion.TryParse, ManifestVersion.Parse, v => v.ToString()) &&
            (!IsoDuration.TryParse(s, out var d) || (IsoDuration.TryParse(IsoDuration.Format(d), out var d2) && d2 == d));
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = Cases / 3)]
    public bool Builders_HostileStrings_ReportDiagnosticsNeverThrow(string a, string b, string c)
    {
        var offer = new OfferBuilder()
            .WithId(a)
            .WithDisplayName(b)
            .WithPublisher(c)
            .WithDescription(a)
            .AddPlan(p => p
                .WithId(b)
                .WithName(c)
                .WithDescription(b)
                .AsPrivate()
                .AddAudience(a, b, c)
                .WithManifest(m => m
                    .WithVersion(a)
                    .WithManagingTenant(b)
                    .AddAuthorization(Principal.User(PrincipalId.Parse("0a000000-0000-4000-8000-000000000001"), c), a)
                    .AddEligibleAuthorization(Principal.Group(PrincipalId.Parse("0b000000-0000-4000-8000-000000000001"), a), b)));
        var result = offer.TryBuild();
        if (result.Value is null && result.Diagnostics.IsEmpty)
        {
            return false;
        }

        if (result.Value is { } built)
        {
            // Whatever builds also validates without throwing.
            _ = OfferValidator.Default.Validate(built);
        }

        return result.Value is not null || Throws<DiagnosticsException>(() => { _ = offer.Build(); });
    }

    [Fact]
    public void Parsers_Null_ThrowOnlyDocumentedArgumentExceptions()
    {
        Assert.False(ResourceScope.TryParse(null, out _, out var error));
        Assert.NotNull(error);
        Assert.False(TenantId.TryParse((string?)null, out _));
        Assert.False(RoleDefinitionId.TryParse((string?)null, out _));
        Assert.False(ManifestVersion.TryParse((string?)null, out _));
        Assert.Throws<ArgumentNullException>(() => ResourceScope.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => ResourceScope.ForResourceGroup(default, null!));
        Assert.Throws<ArgumentException>(() => ResourceScope.ForResourceGroup(default, "rg/.."));
        Assert.Throws<ArgumentNullException>(() => new DelegationManifestBuilder().AddAuthorization(Principal.User(default), (string)null!));

        var b = new DelegationManifestBuilder().WithVersion((string)null!).WithManagingTenant((string)null!);
        Assert.NotEmpty(b.TryBuild().Diagnostics);
    }

    [Fact]
    public void Parsers_InputsBeyondLimits_AreRefusedEarly()
    {
        var fifty = HostileText.Fifty;
        var scope = "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg/providers/A.B/t/" + new string('n', 4096);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.False(ResourceScope.TryParse(scope, out _, out var error));
        Assert.Contains("4096", error, StringComparison.Ordinal);
        Assert.False(ResourceScope.TryParse(fifty, out _, out error));
        Assert.Contains("4096", error, StringComparison.Ordinal);
        Assert.False(ResourceScope.TryParse(fifty.AsSpan(), out _));
        Assert.False(TenantId.TryParse(fifty, out _));
        Assert.False(PrincipalId.TryParse(fifty, out _));
        Assert.False(RoleDefinitionId.TryParse(fifty, out _));
        Assert.False(ManifestVersion.TryParse(fifty.AsSpan(51), out _));
        Assert.False(IsoDuration.TryParse(fifty, out _));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Refused by length first: no copy of the 50 MB input is made (measured as memory, not time).
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated");

        // 4 segments before the (type, name) pairs: 62 pairs make 128 segments (accepted), 63 make 130 (refused).
        const string Prefix = "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/providers/A.B";
        Assert.True(ResourceScope.TryParse(Prefix + string.Concat(Enumerable.Repeat("/t/n", 62)), out _));
        Assert.False(ResourceScope.TryParse(Prefix + string.Concat(Enumerable.Repeat("/t/n", 63)), out _, out var tooMany));
        Assert.Contains("128", tooMany, StringComparison.Ordinal);
    }

    private delegate bool TryParser<T>(string? s, out T value);

    private static bool Check<T>(string s, TryParser<T> tryParse, Func<string, T> parse, Func<T, string> format)
        where T : IEquatable<T>
    {
        if (!tryParse(s, out var value))
        {
            return Throws<FormatException>(() => { _ = parse(s); });
        }

        return tryParse(format(value), out var again) && again.Equals(value) && parse(s).Equals(value);
    }

    private static bool Throws<TException>(Action action)
        where TException : Exception
    {
        try
        {
            action();
            return false;
        }
        catch (TException)
        {
            return true;
        }
    }

    public static class Generators
    {
        public static Arbitrary<string> TextArbitrary() => HostileText.AnyArbitrary();
    }
}
