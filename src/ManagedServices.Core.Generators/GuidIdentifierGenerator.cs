using Microsoft.CodeAnalysis;

namespace ManagedServices.Generators;

/// <summary>
/// Completes a <c>[GuidIdentifier("noun")]</c> partial struct into a GUID-backed identifier: constructor,
/// <c>Value</c>, <c>IsEmpty</c>, strict parsing through <c>GuidText</c> (<c>Parse</c>/<c>TryParse</c> for strings and
/// spans, <c>ISpanParsable</c>), lower-case <c>D</c> formatting (<c>ISpanFormattable</c>), equality, hash, ordering and
/// the six operators. The identifier types (<c>PrincipalId</c>, <c>TenantId</c>, <c>SubscriptionId</c>,
/// <c>RoleDefinitionId</c>) keep only what is theirs: their XML docs, the noun of their error message and, for role
/// definitions, the parser that also reads the ARM resource-ID form.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GuidIdentifierGenerator : IIncrementalGenerator
{
    internal static readonly MarkerAttribute Attribute = new(
        "GuidIdentifier",
        "Asks the build to complete this partial struct as a GUID-backed identifier (src/ManagedServices.Core.Generators, <c>GuidIdentifierGenerator</c>).",
        ("Noun", "The identifier's name in messages (\"principal ID\"): <c>Parse</c> throws \"'…' is not a valid {noun} (a GUID).\""),
        ("Parser", "The <c>GuidText</c> method that reads the text (default <c>TryParse</c>: the strict GUID form only).", "TryParse"),
        ("ParseSummary", "The XML summary of <c>Parse</c>, when the parser accepts more than the GUID form.", "Parses a GUID string (exactly 36 characters with hyphens, any letter case)."));

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context) => Attribute.Register(context, Emit);

    internal static string Emit(TypeTarget target)
    {
        var t = target.Name;
        var parser = Attribute.Get(target, "Parser");
        var parseSummary = Attribute.Get(target, "ParseSummary");
        var body = $$"""
            partial struct {{t}} : IEquatable<{{t}}>, IComparable<{{t}}>, ISpanParsable<{{t}}>, ISpanFormattable
            {
                /// <summary>Creates a <see cref="{{t}}"/> from a GUID.</summary>
                /// <param name="value">The GUID.</param>
                public {{t}}(Guid value) => Value = value;

                /// <summary>The GUID of this <see cref="{{t}}"/>.</summary>
                public Guid Value { get; }

                /// <summary>True when the GUID is empty (the default <see cref="{{t}}"/>).</summary>
                public bool IsEmpty => Value == Guid.Empty;

                /// <summary>{{parseSummary}}</summary>
                /// <param name="s">The text.</param>
                /// <returns>The <see cref="{{t}}"/>.</returns>
                /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
                /// <exception cref="FormatException">The text is not a {{target.Argument}}.</exception>
                public static {{t}} Parse(string s)
                {
                    ArgumentNullException.ThrowIfNull(s);
                    return Parse(MemoryExtensions.AsSpan(s));
                }

                /// <summary>{{parseSummary}}</summary>
                /// <param name="s">The text.</param>
                /// <returns>The <see cref="{{t}}"/>.</returns>
                /// <exception cref="FormatException">The text is not a {{target.Argument}}.</exception>
                public static {{t}} Parse(ReadOnlySpan<char> s) =>
                    TryParse(s, out var result) ? result : throw new FormatException($"'{(MessageText.Clip(s))}' is not a valid {{target.Argument}} (a GUID).");

                /// <summary>Tries to parse a <see cref="{{t}}"/> (as <see cref="Parse(string)"/> does). Never throws.</summary>
                /// <param name="s">The text.</param>
                /// <param name="result">The <see cref="{{t}}"/>.</param>
                /// <returns>True on success.</returns>
                public static bool TryParse([NotNullWhen(true)] string? s, out {{t}} result) => TryParse(MemoryExtensions.AsSpan(s), out result);

                /// <summary>Tries to parse a <see cref="{{t}}"/> (as <see cref="Parse(string)"/> does). Never throws.</summary>
                /// <param name="s">The text.</param>
                /// <param name="result">The <see cref="{{t}}"/>.</param>
                /// <returns>True on success.</returns>
                public static bool TryParse(ReadOnlySpan<char> s, out {{t}} result)
                {
                    var ok = GuidText.{{parser}}(s, out var guid);
                    result = new {{t}}(guid);
                    return ok;
                }

                /// <inheritdoc/>
                static {{t}} IParsable<{{t}}>.Parse(string s, IFormatProvider? provider) => Parse(s);

                /// <inheritdoc/>
                static {{t}} ISpanParsable<{{t}}>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

                /// <inheritdoc/>
                static bool IParsable<{{t}}>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out {{t}} result) => TryParse(s, out result);

                /// <inheritdoc/>
                static bool ISpanParsable<{{t}}>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out {{t}} result) => TryParse(s, out result);

                /// <inheritdoc/>
                public bool Equals({{t}} other) => Value == other.Value;

                /// <inheritdoc/>
                public override bool Equals(object? obj) => obj is {{t}} other && Equals(other);

                /// <inheritdoc/>
                public override int GetHashCode() => Value.GetHashCode();

                /// <inheritdoc/>
                public int CompareTo({{t}} other) => Value.CompareTo(other.Value);

                /// <summary>The lower-case GUID (<c>D</c> format).</summary>
                /// <returns>The text.</returns>
                public override string ToString() => Value.ToString("D");

                /// <inheritdoc/>
                string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => Value.ToString(format ?? "D", formatProvider);

                /// <inheritdoc/>
                bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
                    Value.TryFormat(destination, out charsWritten, format.IsEmpty ? "D" : format);


            """;
        return target.Header("System", "System.Diagnostics.CodeAnalysis") + body + ComparisonOperators.Emit(t, "identifiers", "sorts first", "sorts last").TrimEnd() + "\n}\n";
    }
}
