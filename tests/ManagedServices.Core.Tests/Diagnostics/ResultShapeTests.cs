using System.Collections.Immutable;
using System.Reflection;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Analysis;
using ManagedServices.Lifecycle;
using ManagedServices.Validation;

namespace ManagedServices.Tests.Diagnostics;

/// <summary>
/// One result shape (issue 17): every result type has exactly <c>Value</c>, <c>Diagnostics</c>, <c>Errors</c>,
/// <c>Warnings</c>, <c>HasErrors</c> and <c>GetValueOrThrow()</c>, with the same types and the same meaning, so that a
/// new result type (or a new success property on an old one) cannot drift.
/// </summary>
public class ResultShapeTests
{
    private static readonly Type[] ResultTypes = [typeof(DiagnosticResult<>), typeof(ValidationResult<>), typeof(LifecycleResult<>)];

    /// <summary>
    /// Public types that carry diagnostics but are plain values, not results of an operation (their XML docs say so):
    /// a report of what was read, and the exception that carries a failed result's diagnostics.
    /// </summary>
    private static readonly Type[] PlainValuesWithDiagnostics = [typeof(ActivitySummary), typeof(Advice), typeof(DiagnosticsException)];

    private static readonly string[] Properties = ["Value", "Diagnostics", "Errors", "Warnings", "HasErrors"];

    private static readonly Type[] Exported = typeof(DiagnosticResult<>).Assembly.GetExportedTypes();

    private static string Name(Type t) => t.IsGenericType ? t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)] : t.Name;

    [Fact]
    public void EveryPublicTypeNamedResult_IsAResultType()
    {
        var named = Exported.Where(t => Name(t).EndsWith("Result", StringComparison.Ordinal)).OrderBy(t => t.FullName, StringComparer.Ordinal);

        Assert.Equal(ResultTypes.OrderBy(t => t.FullName, StringComparer.Ordinal), named);
    }

    [Fact]
    public void EveryPublicTypeWithDiagnostics_IsAResultType_OrAKnownPlainValue()
    {
        var carrying = Exported.Where(t => t.GetProperty("Diagnostics", BindingFlags.Public | BindingFlags.Instance)?.PropertyType == typeof(ImmutableArray<Diagnostic>));

        Assert.Empty(carrying.Except(ResultTypes).Except(PlainValuesWithDiagnostics).Select(t => t.FullName));
    }

    [Theory]
    [InlineData(typeof(DiagnosticResult<>))]
    [InlineData(typeof(ValidationResult<>))]
    [InlineData(typeof(LifecycleResult<>))]
    public void EveryResultType_HasExactlyTheSameMembers(Type type)
    {
        Assert.True(type.IsSealed && type.IsGenericTypeDefinition && type.GetGenericArguments().Length == 1, type.Name);
        var value = type.GetGenericArguments()[0];
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        Assert.Equal(Properties.Order(StringComparer.Ordinal), properties.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(properties, p => Assert.False(p.CanWrite, $"{type.Name}.{p.Name} is settable"));
        Assert.Equal(value, type.GetProperty("Value")!.PropertyType);
        Assert.Equal(typeof(ImmutableArray<Diagnostic>), type.GetProperty("Diagnostics")!.PropertyType);
        Assert.Equal(typeof(ImmutableArray<Diagnostic>), type.GetProperty("Errors")!.PropertyType);
        Assert.Equal(typeof(ImmutableArray<Diagnostic>), type.GetProperty("Warnings")!.PropertyType);
        Assert.Equal(typeof(bool), type.GetProperty("HasErrors")!.PropertyType);

        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType != typeof(object))
            .ToList();
        var orThrow = Assert.Single(methods);
        Assert.Equal("GetValueOrThrow", orThrow.Name);
        Assert.Empty(orThrow.GetParameters());
        Assert.Equal(value, orThrow.ReturnType);

        Assert.Empty(type.GetMembers(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly));
        var constructor = Assert.Single(type.GetConstructors());
        Assert.Equal([value, typeof(ImmutableArray<Diagnostic>)], constructor.GetParameters().Select(p => p.ParameterType));
    }

    /// <summary>
    /// No public parser reports failure through an <c>out string</c> parameter: it returns a result whose diagnostics
    /// say why (<c>ResourceScope.Read</c>, <c>PreparedAction.Read</c>, <c>PreparedScope.Read</c>).
    /// </summary>
    [Fact]
    public void NoPublicMethod_ReportsFailureThroughAnOutString()
    {
        var found = Exported
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            // A positional record's Deconstruct hands out its members; it reports no failure.
            .Where(m => m.Name != "Deconstruct" && m.GetParameters().Any(p => p.IsOut && p.ParameterType.GetElementType() == typeof(string)))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .Distinct()
            .ToList();

        Assert.Empty(found);
    }

    [Fact]
    public void AProof_ByDefault_DoesNotHold()
    {
        Assert.False(default(Proof).Holds);
        Assert.True(default(Proof).Counterexamples.IsEmpty);
        Assert.True(new DiagnosticResult<Proof>(default, [Diagnostic.Error(DiagnosticCodes.InvalidOperationPattern, "no")]) is { HasErrors: true, Value.Holds: false });
    }

    [Fact]
    public void DiagnosticResult_TakesValueTypes()
    {
        var ok = new DiagnosticResult<int>(42, []);
        var failed = new DiagnosticResult<int>(0, [Diagnostic.Error(DiagnosticCodes.InvalidGuid, "no")]);

        Assert.False(ok.HasErrors);
        Assert.Equal(42, ok.GetValueOrThrow());
        Assert.True(failed.HasErrors);
        Assert.Throws<DiagnosticsException>(() => failed.GetValueOrThrow());
    }

    [Fact]
    public void DiagnosticResult_WithoutAValue_MustSayWhy()
    {
        Assert.Throws<ArgumentException>(() => new DiagnosticResult<string>(null, []));
        Assert.Throws<ArgumentException>(() => new DiagnosticResult<string>(null, [Diagnostic.Warning(DiagnosticCodes.InvalidGuid, "w")]));
        Assert.Null(new DiagnosticResult<string>(null, [Diagnostic.Error(DiagnosticCodes.InvalidGuid, "no")]).Value);
    }

    [Fact]
    public void ValueAlwaysPresentResults_RefuseNull()
    {
        Assert.Throws<ArgumentNullException>(() => new ValidationResult<string>(null!, []));
        Assert.Throws<ArgumentNullException>(() => new LifecycleResult<string>(null!, []));
    }

    private static Arbitrary<Diagnostic[]> DiagnosticArrays() =>
        Gen.Elements(DiagnosticSeverity.Info, DiagnosticSeverity.Warning, DiagnosticSeverity.Error)
            .Select(s => new Diagnostic { Code = "MSC0001", Severity = s, Message = "m" })
            .ArrayOf()
            .ToArbitrary();

    [Property(MaxTest = 200)]
    public Property EveryResultType_SortsAndThrowsAlike() =>
        Prop.ForAll(DiagnosticArrays(), diagnostics =>
        {
            var all = diagnostics.ToImmutableArray();
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            var warnings = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToArray();
            var value = new DiagnosticResult<string>("v", all);
            var validation = new ValidationResult<string>("w", all);
            var lifecycle = new LifecycleResult<string>("s", all);

            // Returns the value when it did not throw, or "threw" when it threw with exactly every diagnostic.
            string Outcome(Func<string> get)
            {
                try
                {
                    return get();
                }
                catch (DiagnosticsException e)
                {
                    return e.Diagnostics.SequenceEqual(all) ? "threw" : "threw with other diagnostics";
                }
            }

            var failed = errors.Length > 0;
            return (value.Errors.SequenceEqual(errors) && validation.Errors.SequenceEqual(errors) && lifecycle.Errors.SequenceEqual(errors) &&
                    value.Warnings.SequenceEqual(warnings) && validation.Warnings.SequenceEqual(warnings) && lifecycle.Warnings.SequenceEqual(warnings) &&
                    value.Diagnostics.SequenceEqual(all) && validation.Diagnostics.SequenceEqual(all) && lifecycle.Diagnostics.SequenceEqual(all) &&
                    value.HasErrors == failed && validation.HasErrors == failed && lifecycle.HasErrors == failed &&
                    value.Value == "v" && validation.Value == "w" && lifecycle.Value == "s" &&
                    Outcome(value.GetValueOrThrow) == (failed ? "threw" : "v") &&
                    Outcome(validation.GetValueOrThrow) == (failed ? "threw" : "w") &&
                    Outcome(lifecycle.GetValueOrThrow) == (failed ? "threw" : "s"))
                .Label(string.Join(", ", diagnostics.Select(d => d.Severity)));
        });

    /// <summary>
    /// Every result type sorts its diagnostics out once: reading <c>Errors</c> or <c>Warnings</c> again returns the
    /// same array (no new array, and no new sorting, per read), on each of the three types alike.
    /// </summary>
    [Fact]
    public void EveryResultType_SortsOnce_AndReturnsTheSameArrays()
    {
        ImmutableArray<Diagnostic> all =
        [
            Diagnostic.Warning(DiagnosticCodes.InvalidGuid, "w"),
            Diagnostic.Error(DiagnosticCodes.InvalidGuid, "e"),
            new Diagnostic { Code = DiagnosticCodes.InvalidGuid, Severity = DiagnosticSeverity.Info, Message = "i" },
        ];
        var d = new DiagnosticResult<string>("v", all);
        var v = new ValidationResult<string>("v", all);
        var l = new LifecycleResult<string>("v", all);
        (Func<ImmutableArray<Diagnostic>> Errors, Func<ImmutableArray<Diagnostic>> Warnings)[] results =
        [
            (() => d.Errors, () => d.Warnings),
            (() => v.Errors, () => v.Warnings),
            (() => l.Errors, () => l.Warnings),
        ];

        Assert.All(results, r =>
        {
            var errors = r.Errors();
            var warnings = r.Warnings();
            Assert.Equal<Diagnostic>([all[1]], errors.AsEnumerable());
            Assert.Equal<Diagnostic>([all[0]], warnings.AsEnumerable());
            Assert.True(errors == r.Errors(), "Errors made a new array on the second read");
            Assert.True(warnings == r.Warnings(), "Warnings made a new array on the second read");
        });
    }
}
