using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Offers;
using ManagedServices.Validation;
using static ManagedServices.Tests.Validation.ValidationSamples;

namespace ManagedServices.Tests.Validation;

/// <summary>
/// The three repeat rules (<see cref="DiagnosticCodes.DuplicateAudienceEntry"/>,
/// <see cref="DiagnosticCodes.DuplicateAuthorization"/>, <see cref="DiagnosticCodes.DuplicateEligibleAuthorization"/>)
/// against a reference written from their statement, not from the validator: an item is a repeat exactly when an
/// earlier item of the same list has the same key; the first occurrence is never one. Lists are drawn from small pools
/// and run past the validator's scan threshold (32), so both of its strategies (scan, hash set) are compared.
/// </summary>
public sealed class RepeatRuleTests
{
    private static readonly RoleDefinitionId[] Roles = [BuiltInRoleIds.Reader, MonitoringReader, VirtualMachineContributor];

    private static Principal Group(int i) => Principal.Group(new PrincipalId(new Guid(i + 1, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7)), "Group " + i);

    private static SubscriptionId Subscription(int i) => new(new Guid(i + 1, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8));

    /// <summary>The reference: the indexes whose key occurs at a smaller index.</summary>
    private static int[] ExpectedRepeats<TKey>(IReadOnlyList<TKey> keys) =>
        [.. Enumerable.Range(0, keys.Count).Where(i => Enumerable.Range(0, i).Any(j => EqualityComparer<TKey>.Default.Equals(keys[j], keys[i])))];

    private static int[] Reported(IEnumerable<Diagnostic> diagnostics, string code, string collection) =>
        [.. diagnostics.Where(d => d.Code == code).Select(d => int.Parse(d.Path!.Split(collection + "[")[1].Split(']')[0], System.Globalization.CultureInfo.InvariantCulture))];

    private static Arbitrary<(int, int)[]> Keys(int pool) =>
        Gen.Choose(0, 70).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Choose(0, pool - 1), Gen.Choose(0, Roles.Length - 1)), n)).ToArbitrary();

    [Property(MaxTest = 150)]
    public Property Authorizations_RepeatsAreExactlyTheLaterOccurrences() => Prop.ForAll(Keys(pool: 12), Keys(pool: 12), static (permanent, eligible) =>
    {
        var manifest = Build(m =>
        {
            m.Authorizations.Clear();
            m.EligibleAuthorizations.Clear();
            m.Authorizations.AddRange(permanent.Select(k => new Authorization { Principal = Group(k.Item1), RoleDefinitionId = Roles[k.Item2] }));
            m.EligibleAuthorizations.AddRange(eligible.Select(k => new EligibleAuthorization { Principal = Group(k.Item1), RoleDefinitionId = Roles[k.Item2], JustInTimeAccessPolicy = Policy }));
        });

        var diagnostics = OfferValidator.Default.Validate(manifest).Diagnostics;

        return ExpectedRepeats(permanent).SequenceEqual(Reported(diagnostics, DiagnosticCodes.DuplicateAuthorization, "authorizations"))
            && ExpectedRepeats(eligible).SequenceEqual(Reported(diagnostics, DiagnosticCodes.DuplicateEligibleAuthorization, "eligibleAuthorizations"));
    });

    [Property(MaxTest = 150)]
    public Property Audience_RepeatsAreExactlyTheLaterOccurrences() => Prop.ForAll(
        Gen.Choose(0, 70).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 30), n)).ToArbitrary(),
        static audience =>
        {
            var plan = Plan().AsPrivate([.. audience.Select(Subscription)]).Build();

            var diagnostics = OfferValidator.Default.Validate(plan).Diagnostics;

            return ExpectedRepeats(audience).SequenceEqual(Reported(diagnostics, DiagnosticCodes.DuplicateAudienceEntry, "audience"));
        });
}
