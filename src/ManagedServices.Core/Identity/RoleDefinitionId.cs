namespace ManagedServices;

/// <summary>The ID (a GUID) of an Azure role definition. Parsing also accepts the ARM form <c>/providers/Microsoft.Authorization/roleDefinitions/{guid}</c> (optionally under a subscription).</summary>
/// <remarks>Formats as a lower-case GUID with hyphens (<c>D</c> format). The default value is the empty GUID.</remarks>
public readonly struct RoleDefinitionId : IEquatable<RoleDefinitionId>, IComparable<RoleDefinitionId>, ISpanParsable<RoleDefinitionId>, ISpanFormattable
{
    /// <summary>Creates the identifier from a GUID.</summary>
    /// <param name="value">The GUID.</param>
    public RoleDefinitionId(Guid value) => Value = value;

    /// <summary>The GUID.</summary>
    public Guid Value { get; }

    /// <summary>True when the GUID is empty (the default value).</summary>
    public bool IsEmpty => Value == Guid.Empty;

    /// <summary>Parses a role definition ID: a GUID (36 characters with hyphens) or an ARM role definition resource ID.</summary>
    /// <param name="s">The text.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a GUID.</exception>
    public static RoleDefinitionId Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses a role definition ID: a GUID (36 characters with hyphens) or an ARM role definition resource ID.</summary>
    /// <param name="s">The text.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="FormatException">The text is not a GUID.</exception>
    public static RoleDefinitionId Parse(ReadOnlySpan<char> s) =>
        TryParse(s, out var result) ? result : throw new FormatException($"'{MessageText.Clip(s)}' is not a valid role definition ID (a GUID).");

    /// <summary>Tries to parse a GUID string. Never throws.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The identifier.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out RoleDefinitionId result) => TryParse(s.AsSpan(), out result);

    /// <summary>Tries to parse a GUID string. Never throws.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The identifier.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, out RoleDefinitionId result)
    {
        var ok = GuidText.TryParseRoleDefinition(s, out var guid);
        result = new RoleDefinitionId(guid);
        return ok;
    }

    /// <inheritdoc/>
    static RoleDefinitionId IParsable<RoleDefinitionId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static RoleDefinitionId ISpanParsable<RoleDefinitionId>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool IParsable<RoleDefinitionId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out RoleDefinitionId result) => TryParse(s, out result);

    /// <inheritdoc/>
    static bool ISpanParsable<RoleDefinitionId>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out RoleDefinitionId result) => TryParse(s, out result);

    /// <inheritdoc/>
    public bool Equals(RoleDefinitionId other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RoleDefinitionId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(RoleDefinitionId other) => Value.CompareTo(other.Value);

    /// <summary>The lower-case GUID (<c>D</c> format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value.ToString("D");

    /// <inheritdoc/>
    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => Value.ToString(format ?? "D", formatProvider);

    /// <inheritdoc/>
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        Value.TryFormat(destination, out charsWritten, format.IsEmpty ? "D" : format);

    /// <summary>Compares two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(RoleDefinitionId left, RoleDefinitionId right) => left.Equals(right);

    /// <summary>Compares two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(RoleDefinitionId left, RoleDefinitionId right) => !left.Equals(right);

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when <paramref name="left"/> sorts first.</returns>
    public static bool operator <(RoleDefinitionId left, RoleDefinitionId right) => left.CompareTo(right) < 0;

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when <paramref name="left"/> sorts first or they are equal.</returns>
    public static bool operator <=(RoleDefinitionId left, RoleDefinitionId right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when <paramref name="left"/> sorts last.</returns>
    public static bool operator >(RoleDefinitionId left, RoleDefinitionId right) => left.CompareTo(right) > 0;

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when <paramref name="left"/> sorts last or they are equal.</returns>
    public static bool operator >=(RoleDefinitionId left, RoleDefinitionId right) => left.CompareTo(right) >= 0;
}
