using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;

namespace ManagedServices.Tests.Access;

/// <summary>
/// Every option of <see cref="AccessEvaluatorOptions"/> is checked when it is set: an out-of-range value is an argument
/// error at construction, never an evaluator that misbehaves later (a cache capacity of 2^30 used to overflow the
/// table size and make <see cref="AccessEvaluator.Check(in AccessRequest)"/> spin forever).
/// </summary>
public sealed class AccessEvaluatorOptionsTests
{

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(AccessEvaluatorOptions.MaxActionCacheCapacity + 1)]
    [InlineData(1 << 29)]
    [InlineData(1 << 30)]
    [InlineData(int.MaxValue)]
    public void ActionCacheCapacity_OutOfRange_IsRefusedAtConstruction(int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AccessEvaluatorOptions { ActionCacheCapacity = capacity });

    [Fact]
    public void ActionCache_ItselfRefusesACapacityItCannotHold()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ActionCache(1 << 30, 1, ManagedServices.Operations.OperationCatalog.Azure));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ActionCache(0, 1, ManagedServices.Operations.OperationCatalog.Azure));
    }

    [Fact]
    public void NullOptions_AreRefusedAtConstruction()
    {
        Assert.Throws<ArgumentNullException>(() => new AccessEvaluatorOptions { RoleCatalog = null! });
        Assert.Throws<ArgumentNullException>(() => new AccessEvaluatorOptions { TimeProvider = null! });
        Assert.Throws<ArgumentException>(() => new AccessEvaluatorOptions { Activations = [null!] });
        Assert.Throws<ArgumentException>(() => new AccessEvaluatorOptions { DenyAssignments = [null!] });
        Assert.Empty(new AccessEvaluatorOptions { Activations = default }.Activations);
    }

    /// <summary>
    /// Both array options refuse a null entry anywhere (not only the first), name the init accessor's value as the
    /// parameter and say which option it was; a default array reads as empty.
    /// </summary>
    [Fact]
    public void ArrayOptions_RefuseANullEntryAnywhere_AndReadDefaultAsEmpty()
    {
        var activation = new JustInTimeActivation
        {
            PrincipalId = PrincipalId.Parse("11111111-1111-1111-1111-111111111111"),
            RoleDefinitionId = BuiltInRoleIds.Reader,
            Start = DateTimeOffset.UnixEpoch,
            End = DateTimeOffset.UnixEpoch.AddHours(1),
        };
        var activations = Assert.Throws<ArgumentException>(() => new AccessEvaluatorOptions { Activations = [activation, null!] });
        Assert.Equal("value", activations.ParamName);
        Assert.StartsWith("A just-in-time activation is null.", activations.Message, StringComparison.Ordinal);

        var deny = Assert.Throws<ArgumentException>(() => new AccessEvaluatorOptions { DenyAssignments = [null!] });
        Assert.Equal("value", deny.ParamName);
        Assert.StartsWith("A deny assignment is null.", deny.Message, StringComparison.Ordinal);

        Assert.Empty(new AccessEvaluatorOptions { DenyAssignments = default }.DenyAssignments);
        Assert.Same(activation, Assert.Single(new AccessEvaluatorOptions { Activations = [activation] }.Activations));
    }

    /// <summary>
    /// Any capacity is either refused with <see cref="ArgumentOutOfRangeException"/> (exactly when it is outside 0 to
    /// <see cref="AccessEvaluatorOptions.MaxActionCacheCapacity"/>) or gives an evaluator that answers more distinct
    /// actions than the capacity holds.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property ActionCacheCapacity_AnyValue_RefusedOrWorking() => Prop.ForAll(
        Gen.OneOf(
            Gen.Choose(-3, 40),
            Gen.Elements(int.MinValue, int.MaxValue, 1 << 30, (1 << 30) + 1, 1 << 29, AccessEvaluatorOptions.MaxActionCacheCapacity, AccessEvaluatorOptions.MaxActionCacheCapacity + 1),
            ArbMap.Default.GeneratorFor<int>()).ToArbitrary(),
        static capacity =>
        {
            AccessEvaluatorOptions options;
            try
            {
                options = new AccessEvaluatorOptions { ActionCacheCapacity = capacity };
            }
            catch (ArgumentOutOfRangeException)
            {
                return capacity is < 0 or > AccessEvaluatorOptions.MaxActionCacheCapacity;
            }

            var evaluator = AccessEvaluator.Create(DelegationSnapshot.Empty, options);
            for (var i = 0; i < Math.Min(capacity, 40) + 3; i++)
            {
                if (evaluator.Check(new AccessRequest("11111111-1111-1111-1111-111111111111", "Microsoft.Compute/virtualMachines" + i + "/read", "/subscriptions/22222222-2222-2222-2222-222222222222")).IsAllowed)
                {
                    return false;
                }
            }

            return capacity is >= 0 and <= AccessEvaluatorOptions.MaxActionCacheCapacity && options.ActionCacheCapacity == capacity;
        });
}
