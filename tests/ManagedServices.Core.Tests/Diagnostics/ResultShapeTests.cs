using System.Collections.Immutable;
using System.Reflection;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Lifecycle;
using ManagedServices.Validation;

namespace ManagedServices.Tests.Diagnostics;

/// <summary>
/// One result shape: every result type has <c>Value</c> (when it carries one), <c>Diagnostics</c>, <c>Errors</c>,
/// <c>Warnings</c>, <c>HasErrors</c> and a throwing accessor whose name ends in <c>OrThrow</c>, with the same meaning.
/// </summary>
public class ResultShapeTests
{
    private static readonly Type[] ResultTypes = [typeof(DiagnosticResult<>), typeof(ValidationResult), typeof(LifecycleResult<>)];

    [Fact]
    public void EveryResultType_HasTheSameMembers()
    {
        var missing = new List<string>();
        foreach (var type in ResultTypes)
        {
            foreach (var (name, returns) in new (string, Type)[]
            {
                ("Diagnostics", typeof(ImmutableArray<Diagnostic>)), ("Errors", typeof(ImmutableArray<Diagnostic>)),
                ("Warnings", typeof(ImmutableArray<Diagnostic>)), ("HasErrors", typeof(bool)),
            })
            {
                if (type.GetProperty(name)?.PropertyType != returns)
                {
                    missing.Add($"{type.Name}.{name}");
                }
            }

            if (type.IsGenericTypeDefinition && type.GetProperty("Value") is null)
            {
                missing.Add($"{type.Name}.Value");
            }

            if (!type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.Name.EndsWith("OrThrow", StringComparison.Ordinal) && m.GetParameters().Length == 0))
            {
                missing.Add($"{type.Name}.…OrThrow()");
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void DiagnosticResult_TakesValueTypes()
    {
        var ok = new DiagnosticResult<int>(42, []);
        var failed = new DiagnosticResult<int>(0, [Diagnostic.Error(DiagnosticCodes.InvalidGuid, "no")]);

        Assert.True(ok.IsSuccess);
        Assert.Equal(42, ok.GetValueOrThrow());
        Assert.False(failed.IsSuccess);
        Assert.False(failed.TryGetValue(out _));
        Assert.Throws<DiagnosticsException>(() => failed.GetValueOrThrow());
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
            var validation = new ValidationResult(all);
            var lifecycle = new LifecycleResult<string>("s", all);

            bool Throws(Action a)
            {
                try
                {
                    a();
                    return false;
                }
                catch (DiagnosticsException e)
                {
                    return e.Diagnostics.SequenceEqual(all);
                }
            }

            return (value.Errors.SequenceEqual(errors) && validation.Errors.SequenceEqual(errors) && lifecycle.Errors.SequenceEqual(errors) &&
                    value.Warnings.SequenceEqual(warnings) && validation.Warnings.SequenceEqual(warnings) && lifecycle.Warnings.SequenceEqual(warnings) &&
                    value.HasErrors == errors.Length > 0 && validation.HasErrors == errors.Length > 0 && lifecycle.HasErrors == errors.Length > 0 &&
                    validation.IsValid == !validation.HasErrors && lifecycle.IsAccepted == !lifecycle.HasErrors &&
                    lifecycle.Value == lifecycle.State &&
                    Throws(() => value.GetValueOrThrow()) == errors.Length > 0 &&
                    Throws(() => validation.ValidOrThrow()) == errors.Length > 0 &&
                    Throws(() => lifecycle.GetValueOrThrow()) == errors.Length > 0)
                .Label(string.Join(", ", diagnostics.Select(d => d.Severity)));
        });
}
