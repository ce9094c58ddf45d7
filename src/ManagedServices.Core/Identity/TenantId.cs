namespace ManagedServices;

/// <summary>The ID of a Microsoft Entra tenant (a GUID), such as the managing tenant of a delegation.</summary>
/// <remarks>Formats as a lower-case GUID with hyphens (<c>D</c> format). The default value is the empty GUID.</remarks>
public readonly struct TenantId : IEquatable<TenantId>, IComparable<TenantId>, ISpanParsable<TenantId>, ISpanFormattable
{
    /// <summary>Creates the identifier from a GUID.</summary>
    /// <param name="value">The GUID.</param>
    public TenantId(Guid value) => Value = value;

    /// <summary>The GUID.</summary>
    public Guid Value { get; }

    /// <summary>True when the GUID is empty (the default value).</summary>
    public bool IsEmpty => Value == Guid.Empty;

    /// <summary>Parses a GUID string (exactly 36 characters with hyphens, any letter case).</summary>
    /// <param name="s">The text.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a GUID.</exception>
    public static TenantId Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses a GUID string (exactly 36 characters with hyphens, any letter case).</summary>
    /// <param name="s">The text.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="FormatException">The text is not a GUID.</exception>
    public static TenantId Parse(ReadOnlySpan<char> s) =>
        TryParse(s, out var result) ? result : throw new FormatException($"'{MessageText.Clip(s)}' is not a valid tenant ID (a GUID).");

    /// <summary>Tries to parse a GUID string. Never throws.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The identifier.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out TenantId result) => TryParse(s.AsSpan(), out result);

    /// <summary>Tries to parse a GUID string. Never throws.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The identifier.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, out TenantId result)
    {
        var ok = GuidText.TryParse(s, out var guid);
        result = new TenantId(guid);
        return ok;
    }

    /// <inheritdoc/>
    static TenantId IParsable<TenantId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static TenantId ISpanParsable<TenantId>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool IParsable<TenantId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out TenantId result) => TryParse(s, out result);

    /// <inheritdoc/>
    static bool ISpanParsable<TenantId>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out TenantId result) => TryParse(s, out result);

    /// <inheritdoc/>
    public bool Equals(TenantId other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TenantId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(TenantId other) => Value.CompareTo(other.Value);

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
    public static bool operator ==(TenantId left, TenantId right) => left.Equals(right);

    /// <summary>Compares two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(TenantId left, TenantId right) => !left.Equals(right);

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when <paramref name="left"/> sorts first.</returns>
    public static bool operator <(TenantId left, TenantId right) => left.CompareTo(right) < 0;

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when <paramref name="left"/> sorts first or they are equal.</returns>
    public static bool operator <=(TenantId left, TenantId right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when <paramref name="left"/> sorts last.</returns>
    public static bool operator >(TenantId left, TenantId right) => left.CompareTo(right) > 0;

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when <paramref name="left"/> sorts last or they are equal.</returns>
    public static bool operator >=(TenantId left, TenantId right) => left.CompareTo(right) >= 0;
}
