using Microsoft.CodeAnalysis;

namespace ManagedServices.Generators;

/// <summary>
/// Completes a <c>[ComparisonOperators("plural")]</c> partial struct that implements <c>IEquatable&lt;T&gt;</c> and
/// <c>IComparable&lt;T&gt;</c> by hand with <c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c> and <c>&gt;=</c>
/// defined through its <c>Equals</c> and <c>CompareTo</c> (the type keeps the meaning; the generator writes the surface).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ComparisonOperatorsGenerator : IIncrementalGenerator
{
    internal static readonly MarkerAttribute Attribute = new(
        "ComparisonOperators",
        "Asks the build to write the six equality and ordering operators of this partial struct through its own <c>Equals</c> and <c>CompareTo</c> (src/ManagedServices.Core.Generators).",
        ("Plural", "What the values are called in the plural, for the operators' XML docs (\"versions\")."),
        ("Before", "What the left operand of <c>&lt;</c> does, for the XML docs (\"is older\").", "sorts first"),
        ("After", "What the left operand of <c>&gt;</c> does, for the XML docs (\"is newer\").", "sorts last"));

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context) => Attribute.Register(context, Emit);

    internal static string Emit(TypeTarget target) =>
        target.Header() +
        $"partial struct {target.Name}\n{{\n" +
        ComparisonOperators.Emit(target.Name, target.Argument, Attribute.Get(target, "Before"), Attribute.Get(target, "After")).TrimEnd() +
        "\n}\n";
}
